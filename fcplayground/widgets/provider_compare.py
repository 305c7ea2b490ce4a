"""ProviderCompare: one conversation with tools, as the three providers' request bodies.

>>> ProviderCompare(tools)                 # a default conversation: question, call, result
>>> ProviderCompare(tools, messages)       # your own neutral messages

The same neutral :class:`~fcplayground.chat.Request` goes through the three wire
converters (:mod:`fcplayground.wire`), and the bodies are shown side by side as
pretty-printed JSON with the places where the formats differ highlighted: where the
schema goes (``parameters`` / ``input_schema``), how arguments travel (a JSON *string*
in ``arguments`` / an object in ``input``), where calls and results live, and which key
links a result to its call (``tool_call_id`` / ``call_id`` / ``tool_use_id``).

The HTML uses inline styles only and escapes everything; the same input gives the
same output. In a live kernel a dropdown picks which difference to highlight.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from ..agent.drawing import FONT, INK, MONO, MUTED, _e
from ..chat import Message, Request, ToolCall, ToolResult, ToolSpec
from ..settings import DEFAULT_MODELS
from ..wire import anthropic, openai_chat, openai_responses

CALL_ID = "call_abc123"


@dataclass(frozen=True)
class Format:
    key: str
    title: str
    endpoint: str
    module: Any
    model: str


FORMATS = [
    Format(
        "chat",
        "OpenAI Chat Completions",
        "POST /v1/chat/completions",
        openai_chat,
        DEFAULT_MODELS["openai"],
    ),
    Format(
        "responses",
        "OpenAI Responses",
        "POST /v1/responses",
        openai_responses,
        DEFAULT_MODELS["openai"],
    ),
    Format(
        "anthropic",
        "Anthropic Messages",
        "POST /v1/messages",
        anthropic,
        DEFAULT_MODELS["anthropic"],
    ),
]


@dataclass(frozen=True)
class Aspect:
    """One difference between the formats: its colour and what it says in words."""

    key: str
    label: str
    color: str
    words: str


ASPECTS = [
    Aspect(
        "schema",
        "Tool schema",
        "#ffe08a",
        'Chat wraps each tool in "function" and names the schema "parameters"; Responses puts '
        '"name", "description" and "parameters" at the top of the tool; Anthropic names the '
        'schema "input_schema".',
    ),
    Aspect(
        "arguments",
        "Arguments",
        "#c6f0c2",
        'OpenAI (Chat and Responses) sends "arguments" as a JSON string you must parse '
        '(json.loads); Anthropic sends "input" as a JSON object.',
    ),
    Aspect(
        "calls",
        "Tool calls",
        "#cfe3ff",
        'Chat puts calls in a "tool_calls" list on the assistant message; Responses makes '
        'each call its own "function_call" input item; Anthropic puts a "tool_use" block in '
        "the assistant's content.",
    ),
    Aspect(
        "results",
        "Tool results",
        "#f9cfe0",
        'Chat sends each result as a message with role "tool"; Responses as a '
        '"function_call_output" item with an "output"; Anthropic as a "tool_result" block '
        'inside a role "user" message.',
    ),
    Aspect(
        "ids",
        "Call ids",
        "#e3d4f7",
        'The key that links a result to its call: "tool_call_id" (Chat), "call_id" '
        '(Responses, on the call and on its output), "tool_use_id" (Anthropic).',
    ),
]
ASPECT = {a.key: a for a in ASPECTS}


def _carries_results(value: Any, parent: dict[str, Any]) -> bool:
    """An Anthropic ``"role": "user"`` message whose content holds tool results."""
    content = parent.get("content")
    blocks = content if isinstance(content, list) else []
    return value == "user" and any(
        isinstance(b, dict) and b.get("type") == "tool_result" for b in blocks
    )


# Where each difference sits in each body: (aspect, path, value, whole). A path's "*"
# stands for any list index; with a value (or a test of value and parent object), only
# what matches is marked; ``whole`` marks the value too, not just the key.
_Rule = tuple[str, tuple[str, ...], Any, bool]
RULES: dict[str, list[_Rule]] = {
    "chat": [
        ("schema", ("tools", "*", "function"), None, False),
        ("schema", ("tools", "*", "function", "parameters"), None, False),
        ("arguments", ("messages", "*", "tool_calls", "*", "function", "arguments"), None, True),
        ("calls", ("messages", "*", "tool_calls"), None, False),
        ("results", ("messages", "*", "role"), "tool", True),
        ("ids", ("messages", "*", "tool_call_id"), None, True),
    ],
    "responses": [
        ("schema", ("tools", "*", "parameters"), None, False),
        ("arguments", ("input", "*", "arguments"), None, True),
        ("calls", ("input", "*", "type"), "function_call", True),
        ("results", ("input", "*", "type"), "function_call_output", True),
        ("results", ("input", "*", "output"), None, False),
        ("ids", ("input", "*", "call_id"), None, True),
    ],
    "anthropic": [
        ("schema", ("tools", "*", "input_schema"), None, False),
        ("arguments", ("messages", "*", "content", "*", "input"), None, True),
        ("calls", ("messages", "*", "content", "*", "type"), "tool_use", True),
        ("results", ("messages", "*", "role"), _carries_results, True),
        ("results", ("messages", "*", "content", "*", "type"), "tool_result", True),
        ("ids", ("messages", "*", "content", "*", "tool_use_id"), None, True),
    ],
}

_PRE = (
    f"font-family:{MONO};font-size:11.5px;line-height:1.4;white-space:pre-wrap;"
    "word-break:break-word;background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;"
    "padding:6px 8px;margin:4px 0 0;overflow:auto;"
)
_BOX = f"font-family:{FONT};font-size:13px;line-height:1.45;color:{INK};background:#fff;"


# -- the default conversation --------------------------------------------------------------


_EXAMPLE = re.compile(r"\be\.g\.,?\s+(\S+?)[.,;:)]?(?:\s|$)")


def _example_value(schema: dict[str, Any]) -> Any:
    """A plausible value for a JSON Schema, for an illustrative call."""
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    kind = next((k for k in kind if k != "null"), "string") if isinstance(kind, list) else kind
    fmt = schema.get("format", "")
    examples = {
        "integer": 1,
        "number": 1.5,
        "boolean": True,
        "array": [],
        "object": {},
    }
    if kind in examples:
        return examples[kind]
    example = _EXAMPLE.search(schema.get("description") or "")
    if example:
        return example.group(1)
    return {
        "email": "jane@example.com",
        "date": "2025-01-31",
        "date-time": "2025-01-31T09:00:00Z",
    }.get(fmt, "example")


def _example_arguments(spec: ToolSpec) -> dict[str, Any]:
    props = spec.parameters.get("properties") or {}
    names = list(spec.parameters.get("required") or []) or list(props)[:1]
    return {name: _example_value(props.get(name) or {}) for name in names}


WEATHER = ToolSpec(
    "get_weather",
    "Current weather for a city.",
    {
        "type": "object",
        "properties": {"city": {"type": "string", "description": "The city, e.g. Paris."}},
        "required": ["city"],
    },
)


def default_messages(specs: list[ToolSpec]) -> list[Message]:
    """User question, the assistant's call of the first tool, its result."""
    spec = specs[0] if specs else WEATHER
    if spec is WEATHER:
        question, arguments = "What's the weather in Paris?", {"city": "Paris"}
    else:
        question, arguments = f"(A question that needs {spec.name}.)", _example_arguments(spec)
    return [
        Message.user(question),
        Message.assistant(tool_calls=[ToolCall(spec.name, arguments, CALL_ID)]),
        Message.tool([ToolResult(CALL_ID, '{"status": "ok"}', name=spec.name)]),
    ]


def _specs(tools: Any) -> list[ToolSpec]:
    if tools is None:
        return []
    if hasattr(tools, "specs"):
        return tools.specs()
    return [t.to_spec() if hasattr(t, "to_spec") else t for t in tools]


# -- JSON as highlighted HTML ----------------------------------------------------------------


def _match(path: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    return len(path) == len(pattern) and all(
        p == "*" or p == k for k, p in zip(path, pattern, strict=True)
    )


def _mark(text_html: str, color: str, aspect: str) -> str:
    return (
        f'<mark title="{_e(ASPECT[aspect].label)}" '
        f'style="background:{color};color:inherit;border-radius:3px;padding:0 1px">'
        f"{text_html}</mark>"
    )


class _Printer:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, as escaped HTML with marks."""

    def __init__(self, rules: list[_Rule], aspects: set[str]) -> None:
        self.rules = [r for r in rules if r[0] in aspects]

    def _rule(self, path: tuple[str, ...], value: Any, parent: dict[str, Any]) -> _Rule | None:
        for aspect, pattern, want, whole in self.rules:
            if not _match(path, pattern):
                continue
            if want is None or (want(value, parent) if callable(want) else want == value):
                return aspect, pattern, want, whole
        return None

    def render(self, value: Any, path: tuple[str, ...] = (), depth: int = 0) -> str:
        pad, inner = "  " * depth, "  " * (depth + 1)
        if isinstance(value, dict) and value:
            items = []
            for key, item in value.items():
                key_html = _e(json.dumps(str(key), ensure_ascii=False))
                value_html = self.render(item, (*path, str(key)), depth + 1)
                rule = self._rule((*path, str(key)), item, value)
                if rule is None:
                    items.append(f"{inner}{key_html}: {value_html}")
                elif rule[3]:
                    items.append(inner + _mark(f"{key_html}: {value_html}", *self._look(rule)))
                else:
                    items.append(f"{inner}{_mark(key_html, *self._look(rule))}: {value_html}")
            return "{\n" + ",\n".join(items) + f"\n{pad}}}"
        if isinstance(value, list) and value:
            items = [f"{inner}{self.render(v, (*path, '*'), depth + 1)}" for v in value]
            return "[\n" + ",\n".join(items) + f"\n{pad}]"
        return _e(json.dumps(value, ensure_ascii=False, default=str))

    @staticmethod
    def _look(rule: _Rule) -> tuple[str, str]:
        return ASPECT[rule[0]].color, rule[0]


def json_html(body: Any, fmt: str, aspects: Iterable[str]) -> str:
    """``body`` pretty-printed as HTML, the differences named by ``aspects`` marked."""
    return _Printer(RULES[fmt], set(aspects)).render(body)


# -- the comparison ----------------------------------------------------------------------------


class ProviderCompare:
    """The same tools and conversation as OpenAI Chat, OpenAI Responses and Anthropic
    Messages request bodies, side by side, the differences highlighted.

    ``bodies`` maps "chat", "responses" and "anthropic" to the request bodies;
    ``html(aspect)`` renders them ("all" or one of ``ASPECT``); ``widget`` is a dropdown to
    choose the highlighted difference above the HTML.
    """

    def __init__(self, tools: Any, messages: list[Message] | None = None) -> None:
        specs = _specs(tools)
        self.messages = list(messages) if messages is not None else default_messages(specs)
        self.bodies: dict[str, dict[str, Any]] = {
            f.key: f.module.request_to_wire(Request(self.messages, model=f.model, tools=specs))
            for f in FORMATS
        }
        options = [("All differences", "all")] + [(a.label, a.key) for a in ASPECTS]
        self.dropdown = widgets.Dropdown(options=options, value="all", description="Highlight")
        self.dropdown.add_class("fcp-compare-aspect")
        self.view = widgets.HTML(value=self.html("all"))
        self.view.add_class("fcp-compare-html")
        self.dropdown.observe(self._on_aspect, names="value")
        self.widget = widgets.VBox([self.dropdown, self.view])
        self.widget.add_class("fcp-compare")

    @property
    def aspect(self) -> str:
        return self.dropdown.value

    @aspect.setter
    def aspect(self, value: str) -> None:
        self.dropdown.value = value

    def _on_aspect(self, change: dict[str, Any]) -> None:
        self.view.value = self.html(change["new"])

    def html(self, aspect: str = "all") -> str:
        """The three columns and the legend, highlighting one difference or ``"all"``."""
        if aspect != "all" and aspect not in ASPECT:
            raise ValueError(f"aspect must be 'all' or one of {', '.join(ASPECT)}, not {aspect!r}.")
        shown = set(ASPECT) if aspect == "all" else {aspect}
        columns = []
        for f in FORMATS:
            columns.append(
                '<div style="flex:1 1 0;min-width:240px">'
                f'<div style="font-weight:600">{_e(f.title)}</div>'
                f'<div style="color:{MUTED};font-size:12px;font-family:{MONO}">'
                f"{_e(f.endpoint)}</div>"
                f'<pre style="{_PRE}">{json_html(self.bodies[f.key], f.key, shown)}</pre></div>'
            )
        return (
            f'<div style="{_BOX}border:1px solid #ddd;border-radius:6px;padding:10px 12px">'
            '<div style="font-weight:600;font-size:14px;margin-bottom:6px">One conversation, '
            "three wire formats</div>"
            f"{self._legend(shown)}"
            f'<div style="display:flex;flex-wrap:wrap;gap:10px;align-items:flex-start">'
            f"{''.join(columns)}</div></div>"
        )

    @staticmethod
    def _legend(shown: set[str]) -> str:
        items = []
        for a in ASPECTS:
            style = "" if a.key in shown else "opacity:0.45;"
            label = _mark(_e(a.label), a.color, a.key) if a.key in shown else _e(a.label)
            items.append(f'<li style="{style}margin:2px 0"><b>{label}</b>: {_e(a.words)}</li>')
        return f'<ul style="margin:0 0 8px;padding-left:20px">{"".join(items)}</ul>'

    def _repr_html_(self) -> str:
        return self.html(self.aspect)

    def __repr__(self) -> str:
        return f"<ProviderCompare: {len(FORMATS)} formats>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = {"text/plain": repr(self), "text/html": self.html(self.aspect)}
        view = self.widget._repr_mimebundle_(**kwargs) or {}
        key = "application/vnd.jupyter.widget-view+json"
        if key in view:
            data[key] = view[key]
        return data


__all__ = ["ASPECTS", "FORMATS", "ProviderCompare", "default_messages", "json_html"]
