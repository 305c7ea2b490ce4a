"""DescriptionLab: edit tool descriptions and watch a battery of requests re-route.

    lab = DescriptionLab(tools, battery)      # the simulated model, re-scored as you type
    lab                                       # in a notebook: the panel

Every edit goes to a working copy of the registry (``tools.copy()``): the learner's
``tools`` is never changed. With the simulated model (the default, or ``model=``) the
battery is re-scored after each edit, debounced (``debounce`` seconds, 0 = at once).
With ``client=`` (a :class:`~fcplayground.client.ModelClient`, live or offline) nothing
runs by itself: the Run button sends the battery, and each (tool definitions, request)
pair is cached so that nothing is paid for twice.

Each tool's name can be edited too (:meth:`~DescriptionLab.rename`): the battery's expected
tool names follow the renames, and an invalid name is shown in the status line and ignored.

Each tool's example inputs can be edited too (one JSON object a line, or
:meth:`~DescriptionLab.set_examples`): the model sees them with the tool, as Anthropic's
``input_examples``. With ``check_arguments=True`` a battery of cases (``expect(...)``)
judges the arguments of each first call as well, so that what examples change (the form
of a date, a phone number, a flight) shows in the verdicts.

The same things from Python (for lessons and tests): :meth:`~DescriptionLab.describe`,
:meth:`~DescriptionLab.rename`, :meth:`~DescriptionLab.set_examples`,
:attr:`~DescriptionLab.result`, :meth:`~DescriptionLab.rescore`,
:meth:`~DescriptionLab.reset`, :meth:`~DescriptionLab.compare`,
:meth:`~DescriptionLab.export_code`, :meth:`~DescriptionLab.set_distractors`,
:meth:`~DescriptionLab.detail` and :attr:`~DescriptionLab.widget` (the top VBox).

CSS classes (for browser tests; each on the widget's outer element):

- ``fcp-lab``: the whole panel (the top VBox); ``fcp-title``: its heading.
- ``fcp-tool`` and ``fcp-tool-<tool>``: one tool's editor box; ``fcp-tool-name`` and
  ``fcp-name-<tool>``: its name's Text. ``<tool>`` is always the ORIGINAL name.
- ``fcp-desc`` and ``fcp-desc-<tool>``: the description Textarea.
- ``fcp-param`` and ``fcp-param-<tool>-<param>``: a parameter's description Text.
- ``fcp-examples`` and ``fcp-examples-<tool>``: the tool's example inputs (a Textarea).
- ``fcp-score``: the score line; ``fcp-status``: what is pending (re-scoring, press Run).
- ``fcp-table``: the probe table (rows ``tr.fcp-row-right`` / ``tr.fcp-row-wrong``).
- ``fcp-confusion``: the confusion matrix.
- ``fcp-scroll``: inside those two, the box that scrolls a table too wide for the panel.
- ``fcp-probe-select``: the Dropdown of requests; ``fcp-explanation``: why (or the raw call).
- ``fcp-reset``, ``fcp-compare``, ``fcp-export``, ``fcp-run`` (client only): the buttons.
- ``fcp-progress``: the Run progress bar (client only).
- ``fcp-distractors``: the distractor IntSlider.
- ``fcp-compare-output``: the Compare text; ``fcp-export-code``: the Export Textarea.

A bare ``lab`` in a cell shows the widget, with a static ``text/html`` copy (score, table,
confusion matrix, descriptions) for viewers without a kernel and a short ``text/plain``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..chat import ToolSpec
from ..evals.battery import (
    BatteryResult,
    Cache,
    CallProbe,
    Probe,
    as_probes,
    default_distractors,
    renamed,
    score_battery,
    specs_key,
)
from ..models import Model, SimulatedModel
from ..tools import ToolRegistry
from . import static
from .lab_examples import LabExamples
from .lab_report import LabReport
from .lab_view import TITLE, LabView

if TYPE_CHECKING:
    from ..client import ModelClient


class DescriptionLab(LabView, LabReport, LabExamples):
    """A panel to edit tool descriptions and see, at once, which requests reach which tool.

    ``tools``: the learner's registry (never modified). ``battery``: probes (or
    ``(request, expected)`` pairs). ``model``: a local model asked directly (default
    :class:`SimulatedModel`). ``client``: a :class:`ModelClient` instead, run with the Run
    button and cached. ``distractors``: extra tools the slider can add (a list of
    :class:`ToolSpec` or a registry; default: 17 plausible business tools).
    ``debounce``: seconds to wait after an edit before re-scoring (0: at once).
    ``check_arguments``: a battery of cases judges each first call's arguments as well.
    """

    def __init__(
        self,
        tools: ToolRegistry,
        battery: Iterable[Probe | CallProbe | tuple[str, str | None]],
        model: Model | None = None,
        client: ModelClient | None = None,
        distractors: ToolRegistry | Sequence[ToolSpec] | None = None,
        *,
        debounce: float = 0.25,
        check_arguments: bool = False,
    ) -> None:
        if model is not None and client is not None:
            raise ValueError("Pass a model or a client, not both.")
        if not isinstance(tools, ToolRegistry):
            raise TypeError(f"tools must be a ToolRegistry, got {type(tools).__name__}.")
        self.battery = as_probes(battery, arguments=check_arguments)
        self.client = client
        self.model: Model | None = None if client is not None else (model or SimulatedModel())
        self.debounce = debounce
        self.cache: Cache = {}
        self.result: BatteryResult | None = None
        self._initial = tools.copy()  # the descriptions to go back to
        self.tools = tools.copy()  # the working copy every edit goes to
        self._current = {name: name for name in tools.names}  # original -> current name
        self._name_problem = ""  # why the last name typed was not used
        self._examples_problem = ""  # why the last examples typed were not used
        if distractors is None:
            distractors = default_distractors()
        elif isinstance(distractors, ToolRegistry):
            distractors = distractors.specs()
        self.distractors = [d for d in distractors if d.name not in tools]
        self._result_key = ""
        self._lock = threading.RLock()
        self._pending: Any = None  # a threading.Timer or an asyncio.TimerHandle
        self._quiet_edits = False
        self._build()
        if self.client is None:
            self.rescore()
        else:
            self._render()

    @property
    def live(self) -> bool:
        """Whether results come from a client (Run button, cached) rather than a local model."""
        return self.client is not None

    # -- the public API --------------------------------------------------------------

    def describe(self, name: str, text: str, param: str | None = None) -> None:
        """Set tool ``name``'s description (or its parameter ``param``'s), in the widget
        too, and re-score at once (with a client: only when the results are cached)."""
        original = self._original(name)  # KeyError names the registered tools
        current = self._current[original]
        tool = self.tools[current]
        if param is not None and param not in tool.parameters["properties"]:
            self.tools.describe(current, text, param)  # raises the registry's KeyError
        box = self._desc[original] if param is None else self._params[original, param]
        with self._quiet():
            box.value = text
        self.tools.describe(current, text, param)
        self._changed(now=True)

    def rename(self, original_name: str, new_name: str) -> bool:
        """Rename tool ``original_name`` (its original or current name) to ``new_name``, in
        the widget too, and re-score at once. An invalid name (bad characters, already
        used, empty) is not used: the status line says why and this returns ``False``."""
        original = self._original(original_name)
        if not self._apply_name(original, new_name):
            self._render_status()
            return False
        with self._quiet():
            self._name_boxes[original].value = new_name
        self._changed(now=True)
        return True

    def rescore(self) -> BatteryResult:
        """Score the battery with the current descriptions and distractors, now (with a
        client: send the requests not yet cached, as the Run button does)."""
        with self._lock:
            self._cancel_pending()
            specs = self.offered_specs()
            self._set_status("Running…" if self.live else "")
            if self.progress is not None:
                self.progress.value = 0
            try:
                result = self._score(specs, progress=self._progress if self.live else None)
            except Exception as exc:
                self._set_status(f"Run failed: {type(exc).__name__}: {exc}")
                raise
            self.result, self._result_key = result, specs_key(specs)
            self._render()
            return result

    def reset(self) -> None:
        """Back to the original descriptions and names (the distractors stay as they are)."""
        self.tools = self._initial.copy()
        self._current = {name: name for name in self.tools.names}
        self._name_problem = ""
        with self._quiet():
            for tool in self.tools:
                self._name_boxes[tool.name].value = tool.name
                self._desc[tool.name].value = tool.description
                for param, schema in tool.parameters["properties"].items():
                    self._params[tool.name, param].value = schema.get("description", "")
            self._reset_examples()
        self.compare_output.layout.display = "none"
        self._changed(now=True)

    def set_distractors(self, k: int) -> None:
        """Offer the first ``k`` distractor tools as well, and re-score at once."""
        if not 0 <= k <= len(self.distractors):
            raise ValueError(f"k must be between 0 and {len(self.distractors)}, not {k}.")
        with self._quiet():
            self.slider.value = k
        self._changed(now=True)

    @property
    def k(self) -> int:
        """How many distractor tools are offered."""
        return int(self.slider.value)

    def offered_specs(self) -> list[ToolSpec]:
        """What the model is offered: the edited tools, then ``k`` distractors."""
        return self.tools.specs() + self.distractors[: self.k]

    def detail(self, index: int) -> str:
        """Why probe ``index`` went as it did: the model's explanation, or its raw call."""
        if self.result is None:
            return "Not run yet."
        return self.result.rows[index].detail()

    def static_html(self) -> str:
        """The panel as static HTML (score, table, confusion matrix, descriptions)."""
        return static.lab_html(TITLE, self.result, self.tools.specs(), self.k, self._stale_note())

    # -- display ---------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        tools = f"{len(self.tools)} tool{'s' if len(self.tools) != 1 else ''}"
        if self.k:
            tools += f" + {self.k} distractor{'s' if self.k != 1 else ''}"
        if self.result is None:
            score = "not run yet"
        else:
            score = self.result.summary.split(",")[0]
            note = self._stale_note()
            score += f" ({note})" if note else ""
        return f"<DescriptionLab: {tools}, {len(self.battery)} requests, {score}>"

    # -- building the panel ------------------------------------------------------------

    @contextlib.contextmanager
    def _quiet(self) -> Iterator[None]:
        """Set widget values without their observers re-scoring."""
        self._quiet_edits = True
        try:
            yield
        finally:
            self._quiet_edits = False

    def _edited(self, name: str, text: str, param: str | None = None) -> None:
        if self._quiet_edits:
            return
        self.tools.describe(self._current[name], text, param)
        self._changed()

    def _name_edited(self, original: str, new_name: str) -> None:
        if self._quiet_edits:
            return
        if self._apply_name(original, new_name):
            self._changed()
        else:
            self._render_status()

    def _apply_name(self, original: str, new_name: str) -> bool:
        """Rename in the working copy; on a bad name keep the old one and say why."""
        current = self._current[original]
        try:
            if new_name != current and any(d.name == new_name for d in self.distractors):
                raise ValueError(f"A distractor tool is named {new_name!r}; choose another name.")
            self.tools.rename(current, new_name)
        except (TypeError, ValueError) as exc:
            self._name_problem = f"Name not changed: {exc} (still {current!r})"
            return False
        self._current[original] = new_name
        self._name_problem = ""
        return True

    def _original(self, name: str) -> str:
        """The original name of the tool now (or originally) called ``name``."""
        if name in self._current:
            return name
        for original, current in self._current.items():
            if current == name:
                return original
        self.tools[name]  # raises the registry's KeyError
        return name

    def _renames(self) -> list[tuple[str, str]]:
        return [(o, c) for o, c in self._current.items() if o != c]

    def _probes(self, names: dict[str, str]) -> list[Probe | CallProbe]:
        """The battery with expected tool names mapped from original to current names."""
        return [renamed(p, names) for p in self.battery]

    def _changed(self, now: bool = False) -> None:
        """Something the model sees changed: re-score (debounced unless ``now``)."""
        if self._quiet_edits:
            return
        if self.live and not self._all_cached(self.offered_specs()):
            self._cancel_pending()
            self._render()  # shows "press Run"
        elif now or self.debounce <= 0:
            self.rescore()
        else:
            self._schedule()

    def _schedule(self) -> None:
        with self._lock:
            self._cancel_pending()
            self._set_status("Re-scoring…")
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                timer = threading.Timer(self.debounce, self._fire)
                timer.daemon = True
                timer.start()
                self._pending = timer
            else:  # in a kernel: run on its event loop, in its thread
                self._pending = loop.call_later(self.debounce, self._fire)

    def _fire(self) -> None:
        with self._lock:
            self._pending = None
            self.rescore()

    def _cancel_pending(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def _on_run(self, _button: Any = None) -> None:
        with contextlib.suppress(Exception):  # the status line already says what failed
            self.rescore()

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.max = max(1, total)
            self.progress.value = done

    # -- scoring -----------------------------------------------------------------------

    def _score(
        self,
        specs: list[ToolSpec],
        progress: Any = None,
        names: dict[str, str] | None = None,
    ) -> BatteryResult:
        battery = self._probes(self._current if names is None else names)
        if self.client is not None:
            return score_battery(
                specs, battery, client=self.client, cache=self.cache, progress=progress
            )
        return score_battery(specs, battery, self.model)

    def _all_cached(self, specs: list[ToolSpec]) -> bool:
        key = specs_key(specs)
        return all((key, p.request) in self.cache for p in self.battery)

    def _known(
        self, specs: list[ToolSpec], names: dict[str, str] | None = None
    ) -> BatteryResult | None:
        """The result for ``specs`` if it costs nothing: a local model, or all cached."""
        if self.live and not self._all_cached(specs):
            return None
        return self._score(specs, names=names)

    # -- showing -----------------------------------------------------------------------

    def _stale_note(self) -> str:
        if self.result is None or self._result_key == specs_key(self.offered_specs()):
            return ""
        return "before the latest edits"

    def _missing(self) -> int:
        key = specs_key(self.offered_specs())
        return sum((key, p.request) not in self.cache for p in self.battery)
