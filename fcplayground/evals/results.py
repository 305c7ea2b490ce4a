"""What an evaluation run produced: one :class:`CaseResult` per case, gathered in an
:class:`EvalRun` that scores itself (overall, per category, by failure kind, as a
confusion matrix of tools) and compares itself with another run.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..chat import ToolCall
from .battery import Confusion
from .cases import Case, ExpectedCall
from .checker import FAILURE_KINDS, Verdict, failure_kind

FORMAT = "fcplayground-eval/1"


@dataclass
class CaseResult:
    """One case, what the model did with it, and the checker's verdict.

    ``calls`` and ``text`` are the model's turn; ``reasons`` say what was wrong (empty
    when ``ok``); ``error`` is set when the request itself failed. ``cached``: the turn
    came from the on-disk cache; ``retries``: how often a rate limit made us try again.
    """

    id: str
    category: str
    request: str
    expected: list[ExpectedCall]
    calls: list[ToolCall]
    text: str
    ok: bool
    name_ok: bool
    reasons: list[str] = field(default_factory=list)
    error: str | None = None
    cached: bool = False
    seconds: float = 0.0
    retries: int = 0
    any_call: bool = False
    case: Case | None = field(default=None, repr=False, compare=False)

    @classmethod
    def judged(cls, case: Case, calls: list[ToolCall], text: str, verdict: Verdict) -> CaseResult:
        """A result from a case, the model's calls and text, and the checker's verdict."""
        return cls(
            id=case.id,
            category=case.category,
            request=case.text,
            expected=case.expected,
            calls=list(calls),
            text=text,
            ok=verdict.ok,
            name_ok=verdict.name_ok,
            reasons=list(verdict.reasons),
            any_call=case.any_call,
            case=case,
        )

    @property
    def failure(self) -> str | None:
        """The kind of failure (one of ``FAILURE_KINDS``), or None when right."""
        if self.ok:
            return None
        return failure_kind(self.reasons[0]) if self.reasons else "wrong value"

    @property
    def calls_text(self) -> str:
        """The calls as ``name({...}), ...``, or ``"no call"``."""
        return ", ".join(f"{c.name}({c.arguments_json})" for c in self.calls) or "no call"

    @property
    def expected_text(self) -> str:
        """The expected calls in words."""
        if self.any_call:
            return "any call"
        if not self.expected:
            return "no call"
        return ", ".join(_expected_call_text(e) for e in self.expected)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the case object itself is left out)."""
        return {
            "id": self.id,
            "category": self.category,
            "request": self.request,
            "expected": json.loads(json.dumps(self.expected, default=repr)),
            "calls": calls_to_json(self.calls),
            "text": self.text,
            "ok": self.ok,
            "name_ok": self.name_ok,
            "reasons": self.reasons,
            "error": self.error,
            "cached": self.cached,
            "seconds": round(self.seconds, 4),
            "retries": self.retries,
            "any_call": self.any_call,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CaseResult:
        return cls(**{**data, "calls": calls_from_json(data.get("calls", []))})


def calls_to_json(calls: list[ToolCall]) -> list[dict[str, Any]]:
    """Tool calls as saved runs and the answer cache keep them (ids left out)."""
    return [{"name": c.name, "arguments": c.arguments} for c in calls]


def calls_from_json(data: list[dict[str, Any]]) -> list[ToolCall]:
    """The inverse of :func:`calls_to_json`."""
    return [ToolCall(c["name"], c["arguments"]) for c in data]


def _expected_call_text(call: ExpectedCall) -> str:
    name, arguments = next(iter(call.items()))
    return f"{name}({', '.join(_acceptable_text(p, v) for p, v in arguments.items())})"


def _acceptable_text(param: str, values: list[Any]) -> str:
    given = [v for v in values if v != ""]
    text = repr(given[0]) if len(given) == 1 else f"one of {given!r}"
    return f"{param}={text}" + (" or omitted" if len(given) < len(values) else "")


@dataclass
class Score:
    """Cases, right answers, and the two accuracies (in [0, 1]) of a group of results."""

    cases: int
    correct: int
    name_correct: int

    @property
    def accuracy(self) -> float:
        """Right calls (names and arguments): the leaderboard's figure."""
        return self.correct / self.cases if self.cases else 0.0

    @property
    def name_accuracy(self) -> float:
        """Right tools called, whatever the arguments."""
        return self.name_correct / self.cases if self.cases else 0.0

    @classmethod
    def of(cls, results: list[CaseResult]) -> Score:
        return cls(len(results), sum(r.ok for r in results), sum(r.name_ok for r in results))

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 4),
            "name_accuracy": round(self.name_accuracy, 4),
        }


@dataclass
class EvalRun:
    """The results of one evaluation, in case order, and who answered.

    ``model`` names the model and how it was asked (for example ``gpt-5.4-mini (openai
    chat, live)``); ``suite`` names the cases; ``seconds`` is the wall time.
    """

    results: list[CaseResult]
    model: str = ""
    suite: str = ""
    seconds: float = 0.0

    @property
    def score(self) -> Score:
        return Score.of(self.results)

    @property
    def accuracy(self) -> float:
        """The share of cases answered right, in [0, 1]."""
        return self.score.accuracy

    @property
    def name_accuracy(self) -> float:
        return self.score.name_accuracy

    def categories(self) -> dict[str, Score]:
        """The score of each category, in the order categories first appear."""
        groups: dict[str, list[CaseResult]] = {}
        for r in self.results:
            groups.setdefault(r.category, []).append(r)
        return {name: Score.of(rows) for name, rows in groups.items()}

    def failures(self) -> dict[str, list[CaseResult]]:
        """The wrong answers grouped by kind of failure, most common kind first."""
        groups: dict[str, list[CaseResult]] = {}
        for r in self.results:
            if r.failure is not None:
                groups.setdefault(r.failure, []).append(r)
        order = {kind: i for i, kind in enumerate(FAILURE_KINDS)}
        return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), order.get(kv[0], 99))))

    def confusion(self) -> Confusion:
        """Expected tool x called tool over every call (``None``: no call).

        Calls are paired by name first; what is left pairs in order, and a call with
        no partner is set against ``None``. Cases where any call is right are skipped.
        """
        counts: Counter[tuple[str | None, str | None]] = Counter()
        order: list[str] = []
        for r in self.results:
            if r.any_call:
                continue
            wanted = [next(iter(e)) for e in r.expected]
            made = [c.name for c in r.calls]
            order += [n for n in dict.fromkeys(wanted + made) if n not in order]
            for pair in _pair_names(wanted, made):
                counts[pair] += 1
        return Confusion(_labels(order, counts), dict(counts))

    def confused_pairs(self, most: int = 10) -> list[tuple[str | None, str | None, int]]:
        """The commonest (expected, called) pairs that differ, most frequent first."""
        pairs = [(e, c, n) for (e, c), n in self.confusion().counts.items() if e != c]
        return sorted(pairs, key=lambda p: (-p[2], str(p[0]), str(p[1])))[:most]

    def compare(self, other: EvalRun) -> Comparison:
        """What changed from this run (before) to ``other`` (after), case by case."""
        return Comparison(self, other)

    def to_json(self, results: bool = False) -> dict[str, Any]:
        """The scores as a JSON-ready dict: ``accuracy`` in [0, 1], per category, by
        failure kind; with ``results=True`` every case too."""
        data: dict[str, Any] = {
            "format": FORMAT,
            "suite": self.suite,
            "model": self.model,
            **self.score.to_json(),
            "seconds": round(self.seconds, 3),
            "categories": {k: v.to_json() for k, v in self.categories().items()},
            "failures": {k: len(v) for k, v in self.failures().items()},
        }
        if results:
            data["results"] = [r.to_json() for r in self.results]
        return data

    def save(self, path: str | Path) -> Path:
        """Write the run, every case included, as JSON (for comparing later)."""
        path = Path(path)
        path.write_text(json.dumps(self.to_json(results=True), indent=1, ensure_ascii=False))
        return path

    @classmethod
    def load(cls, path: str | Path) -> EvalRun:
        """A run saved with :meth:`save`."""
        data = json.loads(Path(path).read_text())
        if data.get("format") != FORMAT or "results" not in data:
            raise ValueError(
                f"{path} is not a saved evaluation run with results (format {FORMAT}); "
                "write one with EvalRun.save() or `fcplayground eval --save FILE`."
            )
        results = [CaseResult.from_json(r) for r in data["results"]]
        return cls(results, data.get("model", ""), data.get("suite", ""), data.get("seconds", 0))

    def __str__(self) -> str:
        from .report import report_text

        return report_text(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def _pair_names(wanted: list[str], made: list[str]) -> list[tuple[str | None, str | None]]:
    pairs: list[tuple[str | None, str | None]] = []
    left = list(made)
    unmatched = []
    for name in wanted:
        if name in left:
            left.remove(name)
            pairs.append((name, name))
        else:
            unmatched.append(name)
    for i in range(max(len(unmatched), len(left))):
        pairs.append(
            (unmatched[i] if i < len(unmatched) else None, left[i] if i < len(left) else None)
        )
    return pairs or [(None, None)]


def _labels(order: list[str], counts: Counter[tuple[str | None, str | None]]) -> list[str | None]:
    seen = {x for pair in counts for x in pair}
    labels: list[str | None] = [n for n in order if n in seen]
    return labels + [None] if None in seen else labels


@dataclass
class Comparison:
    """Two runs of the same cases, paired by case id: what got fixed, what broke."""

    before: EvalRun
    after: EvalRun

    def _pairs(self) -> list[tuple[CaseResult, CaseResult]]:
        after = {r.id: r for r in self.after.results}
        return [(b, after[b.id]) for b in self.before.results if b.id in after]

    @property
    def fixed(self) -> list[tuple[CaseResult, CaseResult]]:
        """Cases wrong before and right after."""
        return [(b, a) for b, a in self._pairs() if a.ok and not b.ok]

    @property
    def broken(self) -> list[tuple[CaseResult, CaseResult]]:
        """Cases right before and wrong after."""
        return [(b, a) for b, a in self._pairs() if b.ok and not a.ok]

    @property
    def changed(self) -> list[tuple[CaseResult, CaseResult]]:
        """Cases whose verdict stayed but whose calls differ (still wrong, differently)."""
        return [
            (b, a)
            for b, a in self._pairs()
            if b.ok == a.ok and b.calls_text != a.calls_text and not b.ok
        ]

    @property
    def unpaired(self) -> int:
        """Cases present in only one of the runs."""
        ids_before = {r.id for r in self.before.results}
        ids_after = {r.id for r in self.after.results}
        return len(ids_before ^ ids_after)

    def categories(self) -> dict[str, tuple[Score, Score]]:
        """Each category's score before and after (over the cases both runs have)."""
        pairs = self._pairs()
        names = list(dict.fromkeys(b.category for b, _ in pairs))
        return {
            name: (
                Score.of([b for b, _ in pairs if b.category == name]),
                Score.of([a for b, a in pairs if b.category == name]),
            )
            for name in names
        }

    @property
    def accuracy(self) -> tuple[float, float]:
        """Accuracy before and after, over the cases both runs have."""
        pairs = self._pairs()
        return Score.of([b for b, _ in pairs]).accuracy, Score.of([a for _, a in pairs]).accuracy

    def to_json(self) -> dict[str, Any]:
        """Both accuracies and the ids of the cases that changed."""
        before, after = self.accuracy
        return {
            "before": round(before, 4),
            "after": round(after, 4),
            "fixed": [b.id for b, _ in self.fixed],
            "broken": [b.id for b, _ in self.broken],
        }

    def __str__(self) -> str:
        from .report import comparison_text

        return comparison_text(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))
