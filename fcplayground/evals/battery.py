"""Routing batteries: requests paired with the tool each should get, scored in one go.

A battery asks one question of a set of tool definitions: does each request reach the
right tool? ::

    battery = [
        Probe("What plan is jane@example.com on?", "lookup_customer"),
        Probe("Where is order ORD-1234?", "get_order"),
        ("Tell me a joke", None),                      # None: no tool should be called
    ]
    result = score_battery(tools, battery)             # SimulatedModel, no HTTP
    print(result.summary)   # "2/3 routed correctly, 1 no call"
    result.confusion        # expected x chosen, None included

Each request is sent alone, as the first user message, with every offered tool. A probe is
*right* when the model's FIRST call names the expected tool (or, when ``expected`` is
None, when it calls nothing), and, for a probe that gives the expected ``call``, passes
the arguments it expects (as :func:`~fcplayground.evals.checker.check_arguments` judges
them). Otherwise its verdict says how it went wrong: "wrong tool", "wrong arguments", "no
call" or "unexpected call".

Local models are asked directly (``model.respond(Request(...))``, no HTTP), which is fast
enough to re-score on every keystroke. A live model goes through a
:class:`~fcplayground.client.ModelClient` (``client=``); pass a ``cache`` dict to pay for
each (tool definitions, request) pair once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ..chat import Message, ModelTurn, Request, ToolCall, ToolSpec
from ..models import Model, SimulatedModel
from ..tools import ToolRegistry
from .cases import Case, ExpectedCall
from .checker import check_arguments
from .distractors import default_distractors as default_distractors  # re-exported

if TYPE_CHECKING:
    from ..client import ModelClient

Outcome = Literal["right", "wrong tool", "wrong arguments", "no call", "unexpected call"]
OUTCOMES: tuple[Outcome, ...] = (
    "right", "wrong tool", "wrong arguments", "no call", "unexpected call"
)  # fmt: skip


class Probe(NamedTuple):
    """One request and the tool it should reach (``None``: no tool should be called)."""

    request: str
    expected: str | None


class CallProbe(NamedTuple):
    """A probe whose arguments count too: the request, the tool it should reach and the
    call it should make there (``expect(...)``)."""

    request: str
    expected: str | None
    call: ExpectedCall | None


def renamed(probe: Probe | CallProbe, names: dict[str, str]) -> Probe | CallProbe:
    """The probe with its expected tool (and call) under the tools' new names."""
    expected = names.get(probe.expected, probe.expected) if probe.expected else probe.expected
    call = getattr(probe, "call", None)
    if call is None:
        return probe._replace(expected=expected)
    return CallProbe(probe.request, expected, {names.get(k, k): v for k, v in call.items()})


Battery = list[Probe | CallProbe]
"""A list of probes; plain ``(request, expected)`` tuples are accepted too."""

Cache = dict[tuple[str, str], ModelTurn]
"""Model turns by (:func:`specs_key` of the offered tools, request text)."""


@dataclass
class ProbeResult:
    """What the model did with one probe.

    ``chosen`` is the first call's tool (``None`` when nothing was called) and
    ``arguments`` its arguments; ``calls`` holds every call of the turn and ``text`` the
    model's words. ``explanation`` is the simulated model's reasons (``None`` for models
    that cannot explain themselves).
    """

    request: str
    expected: str | None
    chosen: str | None
    arguments: dict[str, Any] | str | None
    verdict: Outcome
    explanation: Any = field(default=None, compare=False, repr=False)
    calls: list[ToolCall] = field(default_factory=list, repr=False)
    text: str = field(default="", repr=False)
    expected_call: ExpectedCall | None = field(default=None, repr=False)
    reasons: list[str] = field(default_factory=list, repr=False)  # why the arguments are wrong

    @property
    def right(self) -> bool:
        """Whether the probe was routed as expected."""
        return self.verdict == "right"

    @property
    def call_text(self) -> str:
        """The first call as ``name({...})``, or ``"no call"``."""
        if self.chosen is None:
            return "no call"
        args = self.arguments
        shown = args if isinstance(args, str) else json.dumps(args, ensure_ascii=False)
        return f"{self.chosen}({shown})"

    def detail(self) -> str:
        """Why the model did it: the explanation, or else the raw calls and text (after
        what is wrong with the arguments, for a probe that checks them)."""
        wrong = [f"Wrong arguments: {r}" for r in self.reasons]
        if self.explanation is not None:
            return "\n".join([*wrong, str(self.explanation)])
        calls = [{"name": c.name, "arguments": c.arguments} for c in self.calls]
        lines = [
            *wrong,
            f"Request: {self.request!r}",
            "The model gives no explanation; its turn was:",
        ]
        lines.append("tool_calls: " + json.dumps(calls, indent=2, ensure_ascii=False))
        if self.text:
            lines.append(f"text: {self.text}")
        return "\n".join(lines)


@dataclass
class Confusion:
    """Expected tool x chosen tool, ``None`` meaning "no call".

    ``labels`` lists every tool that was expected or chosen (in the order the tools were
    offered, then unknown names, then ``None``); ``confusion[expected, chosen]`` is a
    count (0 when absent). ``matrix`` gives the rows in ``labels`` order.
    """

    labels: list[str | None]
    counts: dict[tuple[str | None, str | None], int]

    def __getitem__(self, key: tuple[str | None, str | None]) -> int:
        return self.counts.get(key, 0)

    @property
    def matrix(self) -> list[list[int]]:
        """Rows (expected) by columns (chosen), in ``labels`` order."""
        return [[self[e, c] for c in self.labels] for e in self.labels]

    def __str__(self) -> str:
        names = [label_text(x) for x in self.labels]
        width = max([len("expected \\ chosen"), *map(len, names)])
        cols = [max(len(n), 2) for n in names]
        head = "expected \\ chosen".ljust(width) + "".join(
            f"  {n:>{w}}" for n, w in zip(names, cols, strict=True)
        )
        rows = [
            name.ljust(width) + "".join(f"  {v:>{w}}" for v, w in zip(row, cols, strict=True))
            for name, row in zip(names, self.matrix, strict=True)
        ]
        return "\n".join([head, *rows])


@dataclass
class BatteryResult:
    """The scored battery: one :class:`ProbeResult` per probe, in battery order.

    ``tools`` names the offered tools. ``counts`` maps every verdict to how many probes
    got it; ``summary`` says it in words ("9/12 routed correctly, 2 wrong tool, 1 no call").
    """

    rows: list[ProbeResult]
    tools: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def correct(self) -> int:
        return sum(r.right for r in self.rows)

    @property
    def accuracy(self) -> float:
        """The share of probes routed correctly (1.0 for an empty battery)."""
        return self.correct / self.total if self.rows else 1.0

    @property
    def counts(self) -> dict[Outcome, int]:
        """How many probes got each verdict ("wrong arguments" only where probes check them)."""
        calls = any(r.expected_call for r in self.rows)
        outcomes = [o for o in OUTCOMES if calls or o != "wrong arguments"]
        return {o: sum(r.verdict == o for r in self.rows) for o in outcomes}

    @property
    def summary(self) -> str:
        counts = self.counts
        right = "right" if any(r.expected_call for r in self.rows) else "routed correctly"
        parts = [f"{self.correct}/{self.total} {right}"]
        parts += [f"{counts[o]} {o}" for o in OUTCOMES[1:] if counts.get(o)]
        return ", ".join(parts)

    @property
    def confusion(self) -> Confusion:
        counts: dict[tuple[str | None, str | None], int] = {}
        for r in self.rows:
            counts[r.expected, r.chosen] = counts.get((r.expected, r.chosen), 0) + 1
        seen = {x for pair in counts for x in pair}
        labels: list[str | None] = [t for t in self.tools if t in seen]
        labels += sorted(x for x in seen if x is not None and x not in self.tools)
        if None in seen:
            labels.append(None)
        return Confusion(labels, counts)

    def changes(self, other: BatteryResult) -> list[tuple[ProbeResult, ProbeResult]]:
        """Probes (paired by position) whose verdict or chosen tool differ in ``other``."""
        return [
            (a, b)
            for a, b in zip(self.rows, other.rows, strict=False)
            if (a.verdict, a.chosen) != (b.verdict, b.chosen)
        ]

    def __str__(self) -> str:
        lines = [self.summary]
        for r in self.rows:
            mark = "✓" if r.right else "✗"
            lines.append(
                f"{mark} {r.request!r}: expected {label_text(r.expected)}, got {r.call_text}"
                + ("" if r.right else f" ({r.verdict})")
            )
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def label_text(name: str | None) -> str:
    """A tool name for display; ``None`` is shown as "(no call)"."""
    return "(no call)" if name is None else name


def as_probes(
    battery: Iterable[Probe | CallProbe | Case | tuple[str, str | None]], arguments: bool = False
) -> Battery:
    """The battery as :class:`Probe` values. Accepts ``(request, expected)`` tuples and
    :class:`~fcplayground.evals.cases.Case` values too (a case becomes its request and the
    first tool it expects, and with ``arguments`` its first expected call, whose arguments
    then count), so an evaluation's test set can go straight into the lab."""
    probes = []
    for item in battery:
        if isinstance(item, Probe | CallProbe):
            probes.append(item)
            continue
        if isinstance(item, Case):
            name = (item.expected_names or [None])[0]
            if arguments and item.expected:
                probes.append(CallProbe(item.text, name, item.expected[0]))
            else:
                probes.append(Probe(item.text, name))
            continue
        if not (isinstance(item, tuple | list) and len(item) == 2 and isinstance(item[0], str)):
            raise TypeError(
                f"Each probe must be Probe(request, expected) or a (request, expected) pair "
                f"with expected a tool name or None; got {item!r}."
            )
        expected = item[1]
        if expected is not None and not isinstance(expected, str):
            raise TypeError(f"expected must be a tool name or None, got {expected!r}.")
        probes.append(Probe(item[0], expected))
    return probes


def as_specs(tools: ToolRegistry | Sequence[ToolSpec]) -> list[ToolSpec]:
    """The offered tools as a list of :class:`ToolSpec`."""
    if isinstance(tools, ToolRegistry):
        return tools.specs()
    return list(tools)


def specs_key(specs: Sequence[ToolSpec]) -> str:
    """A short hash of tool definitions (names, descriptions, schemas, examples): the cache
    key. A tool without examples keys as it did before there were any."""
    data = [
        [s.name, s.description, s.parameters, s.strict]
        + ([s.input_examples] * bool(s.input_examples))
        for s in specs
    ]
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def verdict(expected: str | None, chosen: str | None) -> Outcome:
    """How a probe went, from the expected tool and the first call's tool."""
    if expected is None:
        return "right" if chosen is None else "unexpected call"
    if chosen is None:
        return "no call"
    return "right" if chosen == expected else "wrong tool"


def probe_result(
    probe: Probe | CallProbe, turn: ModelTurn, specs: Sequence[ToolSpec] = ()
) -> ProbeResult:
    """Judge one model turn against its probe (``specs``: the offered tools, whose schemas
    the arguments of a probe with an expected ``call`` are checked under)."""
    first = turn.tool_calls[0] if turn.tool_calls else None
    outcome = verdict(probe.expected, first.name if first else None)
    reasons = _wrong_arguments(probe, first, specs) if outcome == "right" else []
    return ProbeResult(
        request=probe.request,
        expected=probe.expected,
        chosen=first.name if first else None,
        arguments=first.arguments if first else None,
        verdict="wrong arguments" if reasons else outcome,
        explanation=turn.explanation,
        calls=list(turn.tool_calls),
        text=turn.text,
        expected_call=getattr(probe, "call", None),
        reasons=reasons,
    )


def _wrong_arguments(
    probe: Probe | CallProbe, call: ToolCall | None, specs: Sequence[ToolSpec]
) -> list[str]:
    """What is wrong with the first call's arguments, for a probe that expects a call."""
    expected = getattr(probe, "call", None)
    if expected is None or call is None:
        return []
    if not isinstance(call.arguments, dict):
        return ["the arguments are not a JSON object"]
    answer = next(iter(expected.values()))
    schema = next((s.parameters for s in specs if s.name == call.name), {})
    return check_arguments(call.arguments, answer, schema)


def score_battery(
    tools: ToolRegistry | Sequence[ToolSpec],
    battery: Iterable[Probe | tuple[str, str | None]],
    model: Model | None = None,
    *,
    client: ModelClient | None = None,
    cache: Cache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BatteryResult:
    """Send each probe's request with ``tools`` and judge the model's first call.

    ``model`` (default: a new :class:`SimulatedModel`) is asked directly, no HTTP.
    ``client`` asks a :class:`~fcplayground.client.ModelClient` instead (a live model, or
    an offline one through the real SDK); turns found in ``cache`` are not asked again
    and new turns are stored there. ``progress(done, total)`` is called after each probe.
    """
    if model is not None and client is not None:
        raise ValueError("Pass a model or a client, not both.")
    specs = as_specs(tools)
    probes = as_probes(battery)
    key = specs_key(specs) if cache is not None else ""
    if client is None and model is None:
        model = SimulatedModel()
    rows = []
    for i, probe in enumerate(probes):
        turn = cache.get((key, probe.request)) if cache is not None else None
        if turn is None:
            if client is not None:
                turn = client.complete([Message.user(probe.request)], specs)
            else:
                assert model is not None
                turn = model.respond(Request([Message.user(probe.request)], tools=specs))
            if cache is not None:
                cache[key, probe.request] = turn
        rows.append(probe_result(probe, turn, specs))
        if progress is not None:
            progress(i + 1, len(probes))
    return BatteryResult(rows, [s.name for s in specs])


# --- Distractors ------------------------------------------------------------------------
