"""Planning: which tools a request needs, on which parts of it, and in what order.

The request is cut into pieces at sentence ends, "and", "then", commas. A piece whose
words fit a relevant tool starts a new *intent*; a piece that fits none ("and in
Tokyo") continues the intent before it. Each intent's text gives the arguments.
A call whose required value is missing waits when another planned call can produce it
(dataflow), and is asked for otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...chat import ToolSpec
from .arguments import Filled, fill
from .relevance import ToolScore, score_tools, tool_words
from .values import Mention, mentions
from .words import is_generic, split_identifier, terms

THRESHOLD = 1.5  # the score a tool needs to be called at all
PIECE_THRESHOLD = 1.0  # the score a piece needs to start an intent of its own
EVIDENCE = 1.5  # a value that only this tool can take (an email for an email parameter)
STRONG_KINDS = {"email", "id", "url"}
VALUE_KINDS = {"id", "email", "url"}

# Words that put one request after another: what follows them waits for what came before.
_SEQUENCE = re.compile(r"\b(?:then|after that|afterwards|once that is done|next)\b", re.I)
_SEPARATOR = re.compile(
    r"(?<=[.?!])\s+|\s*;\s*|\n+"
    r"|,?\s+(?:and then|and also|then|also|after that|afterwards|additionally|lastly|finally|"
    r"as well as|plus)\s+|,?\s+and\s+|,\s+",
    re.I,
)


@dataclass
class Intent:
    """A part of the request that one tool serves."""

    tool: ToolSpec
    start: int
    end: int
    score: float
    pieces: list[tuple[int, int]] = field(default_factory=list)
    after: bool = False  # introduced by "then" / "after that": waits for the intents before


@dataclass
class Plan:
    """All intents of a request, with the scores that chose them."""

    text: str
    scores: list[ToolScore]
    intents: list[Intent] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the request was read, for learners

    def span(self, intent: Intent) -> str:
        return self.text[intent.start : intent.end]

    def mentions_in(self, intent: Intent) -> list[Mention]:
        return [m for m in self.mentions if intent.start <= m.start and m.end <= intent.end]


def evidence(found: list[Mention], spec: ToolSpec) -> tuple[float, list[str]]:
    """Score for values only this tool's parameters take (an email, an order id)."""
    strong = {m.kind for m in found if m.kind in STRONG_KINDS and _fits(m, spec)}
    hits = sorted(strong & tool_words(spec).kinds) if strong else []
    return EVIDENCE * len(hits), [f"<{k}>" for k in hits]


def _fits(m: Mention, spec: ToolSpec) -> bool:
    """An id counts for a tool only when its letters name the tool's subject: ORD-1234 for
    an order tool, not for an invoice one. Emails and links count for any that takes one."""
    if m.kind != "id":
        return True
    prefix = re.match(r"[A-Za-z]+", str(m.value))
    letters = prefix.group(0).lower() if prefix else ""
    return len(letters) >= 2 and any(
        w.startswith(letters) for w in tool_words(spec).weights if len(w) >= len(letters)
    )


def score(text: str, found: list[Mention], tools: list[ToolSpec]) -> list[ToolScore]:
    """Word scores plus value evidence, best first. Names and places in the request are
    values, not what it is about: "Paris" must not pull in a tool whose example says Paris."""
    words = text
    for m in sorted(found, key=lambda m: -m.start):
        if (m.kind in VALUE_KINDS or m.place) and 0 <= m.start < m.end <= len(words):
            words = words[: m.start] + " " + words[m.end :]
    scores = {s.name: s for s in score_tools(terms(words), tools)}
    for spec in tools:
        bonus, why = evidence(found, spec)
        if bonus:
            s = scores[spec.name]
            s.score = round(s.score + bonus, 3)
            s.matched += why
            s.core_matched += why
    ordered = [scores[t.name] for t in tools]
    return sorted(ordered, key=lambda s: -s.score)


def relevant(s: ToolScore, threshold: float) -> bool:
    return s.score >= threshold and bool(s.core_matched)


def _pieces(text: str, found: list[Mention] = ()) -> list[tuple[int, int]]:  # type: ignore[assignment]
    """Spans between separators; never cutting through a value ("Jan 28, 2021")."""
    spans, start = [], 0
    for sep in _SEPARATOR.finditer(text):
        if any(m.start < sep.end() and sep.start() < m.end for m in found):
            continue
        if sep.start() > start:
            spans.append((start, sep.start()))
        start = sep.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def plan(text: str, tools: list[ToolSpec], threshold: float = THRESHOLD) -> Plan:
    """Cut ``text`` into intents for the relevant ``tools``."""
    stripped = text.strip()
    if len(stripped) > 1 and stripped[0] == stripped[-1] and stripped[0] in "\"'":
        text = stripped[1:-1]  # a whole request in quotes is the request, not a quotation
    found = mentions(text)
    if any(m.kind == "number" and "word" not in m.tags for m in found):
        # With numbers written as digits, spelled-out ones count things ("two triangles").
        found = [m for m in found if "word" not in m.tags]
    names = {t.name.lower() for t in tools}
    found = [m for m in found if not (m.kind == "quoted" and str(m.value).lower() in names)]
    found, notes = _tool_words_are_not_names(found, tools)
    scores = score(text, found, tools)  # ("use the 'sort_list' function" names a tool, no value)
    result = Plan(text, scores, mentions=found, notes=notes)
    by_name = {t.name: t for t in tools}
    candidates = [by_name[s.name] for s in scores if relevant(s, threshold)]
    if not candidates:
        return result
    best = scores[0].score
    # Only tools that score near the best may claim a piece: a stray word must not
    # pull a second tool into a request that is about one thing.
    by_score = {s.name: s for s in scores}
    strong = [
        t for t in candidates if by_score[t.name].score >= 0.35 * best or evidence(found, t)[0] > 0
    ]
    current: Intent | None = None
    prefix_start = 0
    for start, end in _pieces(text, found):
        piece = text[start:end]
        piece_found = [m for m in found if start <= m.start and m.end <= end]
        ranked = [s for s in score(piece, piece_found, strong) if relevant(s, PIECE_THRESHOLD)]
        pick = by_name[ranked[0].name] if ranked else None
        if (
            current is not None
            and pick is not None
            and pick.name != current.tool.name
            and not set(ranked[0].core_matched) & tool_words(pick).name_terms
            and _completes(result, current, (start, end))
        ):
            pick = current.tool  # a piece that gives what the current call lacks belongs to it
        if pick is None or (current is not None and pick.name == current.tool.name):
            if current is not None:
                current.end = end
                current.pieces.append((start, end))
            continue
        begin = prefix_start if not result.intents else start
        joint = text[result.intents[-1].end if result.intents else 0 : start]
        current = Intent(
            pick, begin, end, ranked[0].score, [(begin, end)], bool(_SEQUENCE.search(joint))
        )
        result.intents.append(current)
    if not result.intents:  # relevant as a whole, though no single piece is
        whole = Intent(
            candidates[0], 0, len(text), scores[0].score, _pieces(text, found) or [(0, len(text))]
        )
        whole.pieces[0] = (0, whole.pieces[0][1])
        result.intents.append(whole)
    return result


def _tool_words_are_not_names(
    found: list[Mention], tools: list[ToolSpec]
) -> tuple[list[Mention], list[str]]:
    """A capitalised word that opens a sentence only because it comes first ("Prices of the
    kettle") is a word, not a name, when it is a word of a tool's name (get_price)."""
    kept, notes = [], []
    for m in found:
        word = terms(m.text) if m.kind == "proper" and "opener" in m.tags else ()
        tool = next(
            (t for t in tools if len(word) == 1 and word[0] in tool_words(t).name_terms), None
        )
        if tool is None:
            kept.append(m)
        else:
            notes.append(
                f"{m.text!r} opens the request and is a word of the tool name {tool.name}: "
                "a word, not a name"
            )
    return kept, notes


def local(p: Plan, start: int, end: int) -> tuple[str, list[Mention]]:
    """The text between ``start`` and ``end``, with its mentions' positions made local."""
    inside = [m for m in p.mentions if start <= m.start and m.end <= end]
    return p.text[start:end], [replace(m, start=m.start - start, end=m.end - start) for m in inside]


def fill_intent(p: Plan, intent: Intent, results: list[tuple[str, object]]) -> list[Filled]:
    """The calls an intent needs: one per group of pieces that restates the same arguments
    ("for a person 6 feet tall ..., also for a person 5.6 feet tall ...")."""
    groups: list[tuple[int, int]] = []
    for start, end in intent.pieces or [(intent.start, intent.end)]:
        if groups and not _restates(p, intent.tool, groups[-1], (start, end)):
            groups[-1] = (groups[-1][0], end)
        else:
            groups.append((start, end))
    calls: list[Filled] = []
    for start, end in groups:
        group_calls = fill(intent.tool, *local(p, start, end), results)
        if calls:  # a later group says only what changes: the rest carries over
            for call in group_calls:
                for name in list(call.missing):
                    if name in calls[0].arguments:
                        call.arguments[name] = calls[0].arguments[name]
                        call.missing.remove(name)
        calls += group_calls
    return calls


def _provided(p: Plan, spec: ToolSpec, span: tuple[int, int]) -> set[str]:
    """Parameters that values inside ``span`` fill (not fallbacks or defaults)."""
    filled = fill(spec, *local(p, *span), [])[0]
    return {n for n, a in filled.arguments.items() if a.from_value}


def _completes(p: Plan, intent: Intent, piece: tuple[int, int]) -> bool:
    """Would ``piece`` fill required parameters the intent does not have yet?"""
    required = set(intent.tool.parameters.get("required", []))
    have = _provided(p, intent.tool, (intent.start, intent.end))
    missing = required - have
    return bool(missing) and bool(_provided(p, intent.tool, (intent.start, piece[1])) & missing)


def _bare(p: Plan, span: tuple[int, int]) -> bool:
    """Is the piece nothing but values and list words?"""
    text = p.text[span[0] : span[1]]
    for m in sorted(p.mentions, key=lambda m: -m.start):
        if span[0] <= m.start and m.end <= span[1]:
            text = text[: m.start - span[0]] + " " + text[m.end - span[0] :]
    return not [t for t in terms(text) if t not in ("respectively", "each", "another")]


def _restates(p: Plan, spec: ToolSpec, group: tuple[int, int], piece: tuple[int, int]) -> bool:
    """Does ``piece`` give again what ``group`` already has, rather than add to it?"""
    alone = _provided(p, spec, piece)
    if not alone or _bare(p, piece) or "respectively" in p.text.lower():
        return False  # a bare list item ("and in Tokyo") extends the list instead
    before = _provided(p, spec, group)
    after = _provided(p, spec, (group[0], piece[1]))
    # Joined to the group, the piece adds no parameter: it says again what the group says
    # ("for a person 6 feet tall ..., also for a person 5.6 feet tall"), a call of its own.
    return bool(alone & before) and len(after) <= len(before)


def producer(param: str, needing: ToolSpec, others: list[ToolSpec]) -> ToolSpec | None:
    """Another planned tool whose result could hold ``param`` (dataflow)."""
    wanted = {t for t in terms(" ".join(split_identifier(param))) if not is_generic(t)}
    for spec in others:
        if spec.name != needing.name and wanted & tool_words(spec).core:
            return spec
    return None
