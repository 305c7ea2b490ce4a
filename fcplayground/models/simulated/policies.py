"""Policies: the tool-use rules a system prompt sets, read by meaning.

Three rules change what the simulated model does, as they change what a hosted model does:

- **ask for values** ("Don't make assumptions about what values to plug into functions.
  Ask for clarification if a user request is ambiguous."): it asks for a value it would
  otherwise write itself or take as a default;
- **tools only for** a topic ("Only use tools for account questions"): it calls no tool
  for a request outside the topic, and answers in words;
- **confirm first** ("Confirm before sending email", "Ask before any action that changes
  data"): it asks the user before a call that changes something, and makes it once the
  user says yes.

The matcher works on words, not on free patterns: the system prompt is split into
sentences and each sentence into words (one pass each), and a rule is a cue word with a
negation looked for in the few words before it ("don't assume", "never ... without
asking") and a scope read from the words after it. So it runs in linear time, whatever
the prompt says, and "You are a helpful assistant" or "Always use tools when they help"
set no rule at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .reading import bounded
from .words import is_generic, stem, terms

_SENTENCE = re.compile(r"[^.!?;:\n]+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
NEGATION_WINDOW = 4  # how many words before a cue a "not" may stand and still negate it

_NEGATORS = {"not", "never", "no", "avoid", "nothing", "without"}
_CANCELS = {"hesitate", "forget", "fail"}  # "do not hesitate to ask" asks
_CONTRACTIONS = {"don't": "do not", "dont": "do not", "doesn't": "does not", "can't": "can not",
                 "won't": "will not", "shouldn't": "should not", "mustn't": "must not",
                 "isn't": "is not", "aren't": "are not", "didn't": "did not"}  # fmt: skip

_ASSUME = {"assume", "assumes", "assuming", "assumption", "assumptions", "guess", "guessing",
           "guesses", "invent", "inventing", "fabricate", "speculate", "presume", "presuming"}  # fmt: skip
_ASK = {"ask", "asking", "seek", "request", "clarify", "query", "check"}
_UNCLEAR = {"clarification", "clarify", "clarifying", "ambiguous", "ambiguity", "unclear",
            "missing", "unsure", "vague", "unspecified", "underspecified", "uncertain"}  # fmt: skip
_CONFIRM = {"confirm", "confirms", "confirmed", "confirming", "confirmation", "approval",
            "approve", "approves", "approved", "permission", "consent", "ok", "okay", "asking",
            "checking", "ask", "check", "verify", "agreement", "go-ahead"}  # fmt: skip
_BEFORE = {"before", "prior"}
_AFTER = {"after", "once", "until", "unless"}
_TOOL_WORDS = {"tool", "tools", "function", "functions", "api", "apis"}
_ONLY = {"only", "solely", "exclusively", "just"}
_EXCEPT = {"except", "unless", "but", "besides", "apart", "other"}
_SCOPE_START = {"for", "when", "if", "to", "about", "with", "on", "in", "except", "unless",
                "than", "but", "besides", "from"}  # fmt: skip
# Words that say what kind of thing the scope is, not what it is about.
_FILLER = {"the", "a", "an", "user", "users", "user's", "asks", "ask", "asked", "asking",
           "question", "questions", "request", "requests", "about", "their", "his", "her",
           "its", "my", "your", "our", "related", "relating", "regarding", "concerning", "to",
           "topic", "topics", "thing", "things", "matter", "matters", "inquiry", "inquiries",
           "queries", "query", "help", "helps", "needed", "necessary", "relevant", "directly",
           "answer", "answering", "answers", "is", "are", "be", "when", "it", "they", "them",
           "that", "this", "something", "anything", "and", "or", "of", "on", "in", "with",
           "has", "have", "needs", "need", "wants", "want", "you", "we", "i", "me", "concerns",
           "concern", "involve", "involves", "involving", "for", "if", "than", "except",
           "unless", "other", "use", "using", "call", "calling", "tool", "tools", "function",
           "functions", "only", "just", "those", "these", "such", "really", "truly", "clearly",
           "do", "does", "where", "which", "what", "generate", "output", "outputs", "produce",
           "result", "results", "respond", "response", "responses", "complete", "task", "tasks",
           "job", "mentioned", "given", "provided", "listed", "available", "strictly", "reply",
           "replies", "work"}  # fmt: skip
# Action words that cover every call that changes something.
_ANY_CHANGE = {"action", "actions", "change", "changes", "changing", "modify", "modifies",
               "modifying", "data", "write", "writes", "writing", "effect", "effects",
               "anything", "something", "everything", "irreversible", "destructive",
               "permanent"}  # fmt: skip
# Verbs of tools that change something: a confirmation may name them ("before you create").
ACTION_VERBS = {"delete", "remove", "cancel", "update", "change", "modify", "edit", "refund",
                "charge", "pay", "transfer", "publish", "submit", "purchase", "buy", "order",
                "reset", "archive", "move", "rename", "close", "assign", "approve", "reject",
                "email", "notify", "reply", "post", "write", "insert", "drop", "revoke", "grant",
                "ban", "block", "deactivate", "create", "add", "set", "send", "book", "save",
                "schedule", "upload", "share", "invite"}  # fmt: skip
_ACTION_TERMS = frozenset(t for w in ACTION_VERBS for t in terms(w))
_ACTION_STEMS = frozenset(
    stem(w) for w in ACTION_VERBS
)  # "answer" folds onto "message": stems do not
_EVERYTHING = {"anything", "something", "everything"}
_NOT_ACTIONS = {"you", "i", "we", "the", "a", "an", "any", "to", "user", "users", "me", "them",
                "it", "first", "always", "please", "make", "sure", "with", "from", "get",
                "have", "has", "explicit", "explicitly", "their", "my", "your", "that"}  # fmt: skip


class PolicyKind(str, Enum):
    """A tool-use rule a system prompt can set."""

    ASK_FOR_VALUES = "ask instead of assuming values"
    TOOLS_ONLY_FOR = "use tools only for a topic"
    CONFIRM_FIRST = "confirm before an action"


@dataclass(frozen=True)
class Policy:
    """One rule, with the sentence it was read from (the explanation quotes it).

    ``scope`` holds the topic's terms (tools only for), ``actions`` the action terms a
    confirmation covers; ``any_change`` is true when it covers every call that changes
    something ("any action that changes data").
    """

    kind: PolicyKind
    said: str
    topic: str = ""  # the topic's words as the prompt says them ("account questions")
    scope: frozenset[str] = frozenset()
    actions: frozenset[str] = frozenset()
    any_change: bool = False


@dataclass(frozen=True)
class Policies:
    """The rules of one system prompt (empty when it sets none)."""

    rules: tuple[Policy, ...] = ()

    def get(self, kind: PolicyKind) -> Policy | None:
        """The first rule of that kind, if the prompt sets one."""
        return next((r for r in self.rules if r.kind == kind), None)

    def __bool__(self) -> bool:
        return bool(self.rules)


@lru_cache(maxsize=256)
def read_policies(system: str) -> Policies:
    """The rules ``system`` sets, in the order it says them (at most one of each kind), read
    as the model reads a message: a long prompt by its start and its end."""
    found: dict[PolicyKind, Policy] = {}
    for m in _SENTENCE.finditer(bounded(system)):
        said = m.group(0).strip()
        ws = _words(said)
        for rule in (_ask_for_values(said, ws), _tools_only_for(said, ws), _confirm(said, ws)):
            if rule is not None and rule.kind not in found:
                found[rule.kind] = rule
    return Policies(tuple(found.values()))


def _words(sentence: str) -> list[str]:
    """The sentence's words, lower case, with "n't" written out as "not"."""
    out: list[str] = []
    for w in _WORD.findall(sentence.lower().replace("\u2019", "'")):
        spelled = _CONTRACTIONS.get(w) or (w[:-3] + " not" if w.endswith("n't") else w)
        out += spelled.split()
    return out


def negated(ws: list[str], i: int) -> bool:
    """Is the word at ``i`` negated by one of the few words before it ("do not assume"),
    unless a word between turns the negation round ("do not hesitate to ask")?"""
    window = ws[max(0, i - NEGATION_WINDOW) : i]
    last = max((j for j, w in enumerate(window) if w in _NEGATORS), default=-1)
    return last >= 0 and not any(w in _CANCELS for w in window[last + 1 :])


def _ask_for_values(said: str, ws: list[str]) -> Policy | None:
    """ "Don't make assumptions", "never guess", "ask for clarification if ... ambiguous"."""
    if any(w in _ASSUME and negated(ws, i) for i, w in enumerate(ws)):
        return Policy(PolicyKind.ASK_FOR_VALUES, said)
    asks = any(w in _ASK and not negated(ws, i) for i, w in enumerate(ws))
    unclear = any(w in _UNCLEAR and not negated(ws, i) for i, w in enumerate(ws))
    if asks and unclear:
        return Policy(PolicyKind.ASK_FOR_VALUES, said)
    return None


def _tools_only_for(said: str, ws: list[str]) -> Policy | None:
    """ "Only use tools for X", "Don't use tools for anything except X", "Never call
    functions unless X": the topic is the words after the tool word's preposition."""
    tool = next((i for i, w in enumerate(ws) if w in _TOOL_WORDS), -1)
    if tool < 0:
        return None
    only = any(w in _ONLY for w in ws)
    excepted = negated(ws, tool) and any(w in _EXCEPT for w in ws[tool + 1 :])
    if not (only or excepted):
        return None
    start = _scope_start(ws, tool, excepted)
    if start < 0:
        return None
    scope = frozenset(
        t for t in terms(" ".join(w for w in ws[start:] if w not in _FILLER)) if not is_generic(t)
    )
    topic = " ".join(ws[start:])
    return Policy(PolicyKind.TOOLS_ONLY_FOR, said, topic, scope) if scope else None


def _scope_start(ws: list[str], tool: int, excepted: bool) -> int:
    """Where the topic's words begin: after "except"/"unless"/"other than" when the rule
    is said as an exception, else after the first preposition that follows the tool word
    (or "only")."""
    if excepted:
        for i in range(tool + 1, len(ws)):
            if ws[i] in {"except", "unless", "than", "besides"} or (
                ws[i] == "but" and i > tool + 1
            ):
                return i + 1
        return -1
    only = next((i for i, w in enumerate(ws) if w in _ONLY), tool)
    for i in range(min(tool, only) + 1, len(ws)):
        if ws[i] in _SCOPE_START and i > tool:
            return i + 1
    return -1


def _confirm(said: str, ws: list[str]) -> Policy | None:
    """ "Confirm before sending email", "Ask before any action that changes data", "Never
    delete anything without my approval", "Only send email once the user confirms"."""
    cue = next((i for i, w in enumerate(ws) if w in _CONFIRM), -1)
    if cue < 0:
        return None
    if "without" in ws:
        cut = ws.index("without")
        if any(w in _CONFIRM for w in ws[cut + 1 : cut + 1 + NEGATION_WINDOW]) and any(
            negated(ws, i) for i in range(cut)
        ):
            return _actions(said, ws[:cut])
        return None
    if negated(ws, cue):
        return None
    before = next((i for i, w in enumerate(ws) if w in _BEFORE), -1)
    if before >= 0:
        return _actions(said, ws[before + 1 :])
    after = next((i for i, w in enumerate(ws) if w in _AFTER), -1)
    return _actions(said, ws[:after]) if after >= 0 else None


_NOT_ACTION_WORDS = _NOT_ACTIONS | _CONFIRM | _NEGATORS | _ONLY


def _actions(said: str, ws: list[str]) -> Policy | None:
    """The confirmation rule for the actions these words name (none named: no rule)."""
    named = " ".join(w for w in ws if w not in _NOT_ACTION_WORDS)
    actions = frozenset(t for t in terms(named) if not is_generic(t) or t in _ACTION_TERMS)
    # "any action that changes data" covers every change; "deleting anything", deletions
    any_change = any(w in _ANY_CHANGE - _EVERYTHING for w in ws) or (
        not actions and any(w in _EVERYTHING for w in ws)
    )
    if not (any_change or any(stem(w) in _ACTION_STEMS for w in ws)):  # "before answering": none
        return None
    return Policy(PolicyKind.CONFIRM_FIRST, said, actions=actions, any_change=any_change)


__all__ = ["ACTION_VERBS", "Policies", "Policy", "PolicyKind", "negated", "read_policies"]
