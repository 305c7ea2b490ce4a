"""``fcplayground doctor``: is this machine ready for the lessons? Never touches the network.

It reports versions, the provider setting and which providers could be used, the model
ids, JupyterLab's widget extension, the lessons and BFCL folders, and runs one offline
round trip through each SDK. Keys are reported as "set" or "not set", never shown, and
never checked (that would mean calling the provider). The text report shows each path
from a folder the reader knows (``.``, ``<python>``, ``~``: see :mod:`.short_paths`), so
it names no user or machine folder; ``--json`` keeps the full paths.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import settings
from .short_paths import short

PACKAGES = ("openai", "anthropic", "httpx2", "pydantic", "ipywidgets", "jupyterlab")
WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
LABEL_WIDTH = 20


def register(sub: Any) -> None:
    """Add ``doctor`` to the ``fcplayground`` subcommands."""
    parser = sub.add_parser(
        "doctor", help="check this machine for the lessons (offline: no network, no key shown)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the report; 0 when the offline lessons can run, 1 otherwise."""
    report = collect()
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0 if report["offline_ready"] else 1


# -- the checks ------------------------------------------------------------------------


def collect() -> dict[str, Any]:
    """Every check, as plain data (what ``--json`` prints).

    ``problems`` lists what stops the offline lessons, each saying what to do;
    ``offline_ready`` is whether there are none.
    """
    from .. import __version__

    report: dict[str, Any] = {
        "fcplayground": __version__,
        "python": platform.python_version(),
        "packages": {name: package_version(name) for name in PACKAGES},
        "provider": provider_setting(),
        "providers": providers(),
        "models": models(),
        "widgets_extension": widgets_extension(),
        "lessons": lessons_folder(),
        "bfcl_data": bfcl_folder(),
        "self_check": self_check(),
    }
    report["problems"] = problems(report)
    report["offline_ready"] = not report["problems"]
    return report


def package_version(name: str) -> str | None:
    """The installed version of ``name``, or None when it is not installed."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def provider_setting() -> dict[str, Any]:
    """FCP_PROVIDER as the lessons will read it. A wrong value is not echoed: doctor
    output gets pasted into bug reports, and the value could be a key put there by mistake."""
    raw = os.environ.get(settings.ENV_PROVIDER, "")
    try:
        selected = settings.provider()
    except ValueError:
        return {"selected": None, "default": False, "error": "unknown value"}
    return {"selected": selected, "default": not raw.strip(), "error": None}


def providers() -> dict[str, dict[str, Any]]:
    """Who could answer: offline always; a live provider with its key (not checked) or,
    for OpenAI, a base URL."""
    base_url = settings.openai_base_url()
    return {
        "offline": {"usable": True},
        "openai": {
            "key": "set" if settings.has_key("openai") else "not set",
            "base_url": safe_url(base_url) if base_url else None,
            "usable": settings.can_go_live("openai"),
        },
        "anthropic": {
            "key": "set" if settings.has_key("anthropic") else "not set",
            "usable": settings.can_go_live("anthropic"),
        },
    }


def safe_url(url: str) -> str:
    """``url`` without user, password, query or fragment, which can hold credentials."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}" if parts.scheme else "(not a URL)"


def models() -> dict[str, dict[str, Any]]:
    """The model id each provider is sent, and whether an FCP_*_MODEL variable set it."""
    return {
        name: {"id": settings.model_for(name), "from_env": bool(os.environ.get(env))}
        for name, env in settings.ENV_MODEL.items()
    }


def widgets_extension() -> dict[str, Any]:
    """Where JupyterLab would load the ipywidgets extension from, read from the Jupyter
    data paths (no server is started)."""
    try:
        from jupyter_core.paths import jupyter_path
    except ImportError:
        return {"found": False, "path": None, "version": None}
    for folder in jupyter_path("labextensions"):
        manifest = Path(folder) / WIDGETS_EXTENSION / "package.json"
        if manifest.is_file():
            try:
                version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
            except (OSError, ValueError):
                version = None
            return {"found": True, "path": str(manifest.parent), "version": version}
    return {"found": False, "path": None, "version": None}


def lessons_folder() -> dict[str, Any]:
    """The installed lessons (in the package, or a checkout's ``notebooks/``) and how many."""
    from ..resources import find_lessons

    found = find_lessons()
    count = len(list(found.path.glob("[0-9]*.ipynb"))) if found.path.is_dir() else 0
    return {
        "found": count > 0,
        "path": str(found.path),
        "from": found.origin.value,
        "notebooks": count,
    }


def bfcl_folder() -> dict[str, Any]:
    """The BFCL data folder (for evaluations, the benchmark and one section of lesson 07):
    ``$FCP_SHARED_DIR``, a checkout's ``shared/``, or the slice the package carries."""
    from ..resources import find_shared

    found = find_shared()
    path = found.path / "data" / "bfcl"
    if not path.is_dir():
        return {"found": False, "path": str(path), "from": found.origin.value}
    return {"found": True, "path": str(path), "from": found.origin.value}


def self_check() -> dict[str, Any]:
    """One offline round trip through each SDK: a tool call, its result, the answer."""
    try:
        detail = [_openai_round_trip(), _anthropic_round_trip()]
    except Exception as error:  # any failure is the finding; report it, do not crash
        return {"ok": False, "detail": f"{type(error).__name__}: {error}"}
    return {"ok": True, "detail": "; ".join(detail)}


def _weather_tools() -> Any:
    from ..tools import ToolRegistry

    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str) -> dict:
        """Returns the current weather for a city.

        Args:
            city: The city name, e.g. Paris.
        """
        return {"city": city, "sky": "sunny"}

    return tools


ASK = "Weather in Paris?"


def _openai_round_trip() -> str:
    from .. import offline

    tools, client = _weather_tools(), offline.openai_client()
    messages: list[dict[str, Any]] = [{"role": "user", "content": ASK}]
    ask = client.chat.completions.create(
        model=settings.model_for("openai"), messages=messages, tools=tools.to_openai()
    )
    message = ask.choices[0].message
    (call,) = message.tool_calls or ()
    result = _ran(tools, call.function.name, call.function.arguments)
    messages += [
        message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": result},
    ]
    answer = client.chat.completions.create(
        model=settings.model_for("openai"), messages=messages, tools=tools.to_openai()
    )
    _answered(answer.choices[0].message.content)
    return f"openai: {call.function.name}({call.function.arguments}) then an answer"


def _anthropic_round_trip() -> str:
    from .. import offline

    tools, client = _weather_tools(), offline.anthropic_client()
    messages: list[dict[str, Any]] = [{"role": "user", "content": ASK}]
    model = settings.model_for("anthropic")
    ask = client.messages.create(
        model=model, max_tokens=512, messages=messages, tools=tools.to_anthropic()
    )
    (call,) = [block for block in ask.content if block.type == "tool_use"]
    result = _ran(tools, call.name, json.dumps(call.input))
    messages += [
        {"role": "assistant", "content": [block.model_dump() for block in ask.content]},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": call.id, "content": result}],
        },
    ]
    answer = client.messages.create(
        model=model, max_tokens=512, messages=messages, tools=tools.to_anthropic()
    )
    _answered("".join(block.text for block in answer.content if block.type == "text"))
    return f"anthropic: {call.name}({json.dumps(call.input)}) then an answer"


def _ran(tools: Any, name: str, arguments: str) -> str:
    result = tools.call(name, arguments)
    if result.is_error or "sunny" not in result.content:
        raise RuntimeError(f"the tool call {name}({arguments}) did not run: {result.content}")
    return result.content


def _answered(text: str | None) -> None:
    if not text or "sunny" not in text.lower():
        raise RuntimeError(f"the answer after the tool result does not use it: {text!r}")


def problems(report: dict[str, Any]) -> list[str]:
    """What stops the offline lessons, each with what to do."""
    found = [
        f"{name} is not installed: reinstall fcplayground (pip install -e . in a checkout)"
        for name, version in report["packages"].items()
        if version is None
    ]
    if report["provider"]["error"]:
        allowed = ", ".join(settings.PROVIDERS)
        found.append(
            f"{settings.ENV_PROVIDER} is set to an unknown value: set it to one of {allowed}, "
            "or unset it to stay offline"
        )
    if not report["widgets_extension"]["found"]:
        found.append(
            f"JupyterLab's widget extension ({WIDGETS_EXTENSION}) is missing: run "
            'pip install "ipywidgets>=8" jupyterlab_widgets'
        )
    if not report["lessons"]["found"]:
        found.append(
            f"no lessons at {short(report['lessons']['path'])}: reinstall fcplayground (its wheel "
            "carries them), or run it from a checkout"
        )
    if not report["self_check"]["ok"]:
        found.append(f"the offline self-check failed: {report['self_check']['detail']}")
    return found


# -- the text report -------------------------------------------------------------------


def render(report: dict[str, Any]) -> str:
    """The report as short aligned lines, ending with the verdict for the offline lessons."""
    rows = [("fcplayground", report["fcplayground"]), ("Python", report["python"])]
    rows += [(name, version or "not installed") for name, version in report["packages"].items()]
    rows += [("", "")]
    rows += [(settings.ENV_PROVIDER, _provider_text(report["provider"]))]
    rows += _providers_rows(report["providers"])
    rows += [(f"{name} model", _model_text(name, m)) for name, m in report["models"].items()]
    rows += [("", "")]
    rows += [
        ("widgets extension", _found(report["widgets_extension"])),
        (
            "lessons",
            _found(
                report["lessons"],
                f"{report['lessons']['notebooks']} notebooks, {report['lessons']['from']}",
            ),
        ),
        (
            "BFCL data",
            _found(
                report["bfcl_data"],
                report["bfcl_data"]["from"],
                optional="needed by fcplayground eval --suite bfcl and a section of lesson 07",
            ),
        ),
        ("offline self-check", _check_text(report["self_check"])),
    ]
    lines = [f"{label:<{LABEL_WIDTH}}{value}".rstrip() for label, value in rows]
    lines.append("")
    if report["offline_ready"]:
        lines.append("Offline lessons: OK")
    else:
        lines.append("Offline lessons: NOT READY")
        lines += [f"  - {problem}" for problem in report["problems"]]
    return "\n".join(lines)


def _provider_text(setting: dict[str, Any]) -> str:
    if setting["error"]:
        return f"unknown value (use one of {', '.join(settings.PROVIDERS)})"
    return f"{setting['selected']}{' (default)' if setting['default'] else ''}"


def _providers_rows(found: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    openai, anthropic = found["openai"], found["anthropic"]
    openai_text = f"{settings.KEY_ENV['openai']} {_key_text(openai['key'])}"
    if openai["base_url"]:
        openai_text += f", base URL {openai['base_url']}"
    anthropic_text = f"{settings.KEY_ENV['anthropic']} {_key_text(anthropic['key'])}"
    return [
        ("offline", "usable (simulated model, no key needed)"),
        ("openai", f"{_usable(openai)}: {openai_text}"),
        ("anthropic", f"{_usable(anthropic)}: {anthropic_text}"),
    ]


def _key_text(key: str) -> str:
    return "set (not checked)" if key == "set" else "not set"


def _usable(provider: dict[str, Any]) -> str:
    return "usable" if provider["usable"] else "not usable"


def _model_text(name: str, model: dict[str, Any]) -> str:
    return f"{model['id']}{f' (from {settings.ENV_MODEL[name]})' if model['from_env'] else ''}"


def _found(check: dict[str, Any], extra: str = "", optional: str = "") -> str:
    if not check["found"]:
        return f"not found at {short(check['path'])} ({optional})" if optional else "NOT FOUND"
    version = f" {check['version']}" if check.get("version") else ""
    return f"found{version}: {short(check['path'])}{f' ({extra})' if extra else ''}"


def _check_text(check: dict[str, Any]) -> str:
    return f"{'OK' if check['ok'] else 'FAILED'}: {check['detail']}"
