"""SimulatedModel: a deterministic stand-in for a hosted model, whose every decision can
be explained.

It decides from the request alone, through the stages of this package: **reading** the
conversation, the **profiles** of the offered tools, the **extractors** that find values
in the request, **relevance** and **intents** (which tools, on which words), **binding**
values to parameters (and completing the rest), **planning** the calls as a graph, and
**responding** with a turn whose **explanation** is rendered from what the stages
recorded.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import replace
from functools import partial
from typing import Any

from ...chat import ModelTurn, NamedTool, Request, ToolSpec
from ..plain import count_tokens, request_chars, tokens, tools_chars
from . import examples as example_inputs
from . import responding, searching
from .decisions import copy_turn, decision_key
from .explanation import Explanation, PlannedCall
from .heeding import heed, policy_turn, reread
from .intents import Intent
from .memo import Memo
from .naive import injected
from .planning import plan
from .profiles import ToolList, ToolProfile, read_tools
from .reading import MAX_VALUES, Reading
from .reading import read as read_request
from .relevance import THRESHOLD
from .understanding import understand
from .vocabulary import Outcome, Status

__all__ = ["SimulatedModel"]

DECISIONS = 128  # recent turns kept by their request's content, per model


class SimulatedModel:
    """An offline model whose choices follow the tool descriptions, and say why.

    >>> model = SimulatedModel()
    >>> turn = model.respond(request)        # a neutral ModelTurn
    >>> print(turn.explanation)              # scores, argument sources, the decision

    ``threshold`` is the relevance score a tool needs before the model calls it.
    Instructions found inside tool results are data, not requests: the model ignores
    them and notes it. ``naive=True`` makes it follow them instead (one call per email
    address it has seen), to show a prompt injection offline.
    The model keeps its recent turns so that :meth:`explain` can find the reasons for a
    response an SDK returned. One model may answer many threads at once (an evaluation
    run with ``concurrency``, the HTTP server): each request is decided from its own
    state, and only the history of turns is shared, behind a lock.
    """

    name = "simulated-model"

    def __init__(
        self, threshold: float = THRESHOLD, history: int = 256, naive: bool = False
    ) -> None:
        self.threshold = threshold
        self.naive = naive
        self._turns: deque[ModelTurn] = deque(maxlen=history)
        # the turns of recent requests, by their content (see :mod:`.decisions`)
        self.decisions: Memo[ModelTurn] = Memo(DECISIONS)
        self._turns_lock = threading.Lock()

    def respond(self, request: Request) -> ModelTurn:
        """Decide the next turn for ``request`` (the same content again: the same turn,
        found among the recent ones)."""
        finding = searching.set_aside(request)  # tools that find tools: a last resort
        offered = read_tools(finding.request.tools)
        tools = searching.tools_key(finding, offered.key)
        key = tools and decision_key(request, tools, self.threshold, self.naive)
        if key is None:
            turn = self._turn(request, finding, offered)
        else:
            decide = partial(self._turn, request, finding, offered)
            turn = copy_turn(self.decisions.find(key, decide))
        with self._turns_lock:
            self._turns.append(turn)
        return turn

    def _turn(self, request: Request, finding: searching.Finding, offered: ToolList) -> ModelTurn:
        """The turn for ``request``, decided from its content: on the tools the model sees
        (``finding``: the request without its tools that find tools), then a search when
        none of them fits."""
        seen = replace(finding.request, tools=list(offered.specs))
        reading = reread(read_request(seen.messages, seen.system))
        turn = self._decide(seen, reading, list(offered.profiles), offered.key)
        turn = searching.search_turn(finding, reading.text, turn)
        chars = offered.chars + tools_chars(finding.finders)
        turn.usage.input_tokens = tokens(request_chars(request, chars))
        turn.usage.output_tokens = count_tokens(turn.text + str(turn.tool_calls))
        return turn

    def explain(self, response: Any = None) -> Explanation:
        """The explanation for a response (an SDK object or a turn id), or the latest."""
        turns = self._recent()
        if not turns:
            raise LookupError("The simulated model has not answered any request yet.")
        wanted = getattr(response, "id", response)
        for turn in reversed(turns):
            if wanted is None or turn.id == wanted:
                return turn.explanation
        raise LookupError(f"No recent turn of this model has the id {wanted!r}.")

    @property
    def last_explanation(self) -> Explanation | None:
        """The explanation of the latest turn, if there is one."""
        turns = self._recent()
        return turns[-1].explanation if turns else None

    def _recent(self) -> list[ModelTurn]:
        """The remembered turns, oldest first: a copy, so that other threads may add more
        while it is searched."""
        with self._turns_lock:
            return list(self._turns)

    def _decide(
        self, request: Request, reading: Reading, offered: list[ToolProfile], key: bytes | None
    ) -> ModelTurn:
        why = Explanation(reading.text, threshold=self.threshold, notes=list(reading.notes))
        if not reading.text.strip():
            return responding.say("How can I help?", why, Outcome.NOTHING_ASKED)
        choice = request.tool_choice or "auto"
        tools, profiles = _kept(request.tools, offered, choice)
        threshold = 0.0 if isinstance(choice, NamedTool) else self.threshold
        named = choice.name if isinstance(choice, NamedTool) else None
        understood = understand(reading.text, reading.today, request.tools, tools, profiles,
                                threshold, key and (reading.text, reading.today, key, named, threshold))  # fmt: skip
        candidates, intents = list(understood.candidates), understood.fresh_intents()
        why.scores = list(understood.scores)
        if understood.found > MAX_VALUES:
            why.notes.append(
                f"weighed {MAX_VALUES} of its {understood.found} values: the first and the last ones"
            )
        if choice == "none" or not request.tools:
            return self._without_tools(request, reading, intents, why)
        planned = plan(
            reading.text, candidates, intents, reading, tools, profiles, request.allows_parallel
        )
        why.calls = [responding.record(p) for p in planned]
        why.notes += example_inputs.noted(profiles, why.calls)
        heed(reading, profiles, why)  # the system prompt's tool-use rules
        ready = [c for c in why.calls if c.status in (Status.READY, Status.RETRY)]
        ready += injected(reading, request.tools, self.naive, why)
        if not request.allows_parallel and len(ready) > 1:
            for c in ready[1:]:
                c.status, c.reason = Status.WAITS, "parallel calls are off: one call per turn"
            ready = ready[:1]
        if ready:
            return responding.calls_turn(ready, why)
        if choice == "required" or isinstance(choice, NamedTool):
            return responding.forced(
                request,
                why.calls,
                self._fallback(request, reading, candidates, tools, profiles, why),
                why,
            )
        return self._words(request, reading, why)

    def _words(self, request: Request, reading: Reading, why: Explanation) -> ModelTurn:
        """A turn without calls: a question, an answer from the results, or no tool."""
        if asking := [c for c in why.calls if c.status == Status.ASKS]:
            why.asked = list(asking[0].guessed)
            return responding.say(responding.question(asking[0], request), why, Outcome.ASKS)
        if held := policy_turn(why):
            return held
        if reading.done:
            return responding.say(responding.answer(reading.done), why, Outcome.ANSWERS)
        text, outcome = responding.no_tool(request, reading)
        return responding.say(text, why, outcome)

    def _without_tools(
        self, request: Request, reading: Reading, intents: list[Intent], why: Explanation
    ) -> ModelTurn:
        if reading.done:
            return responding.say(responding.answer(reading.done), why, Outcome.ANSWERS)
        if not request.tools:
            text = ("I have no tools to help with that, so I can only answer in words: I am a "
                    "simulated model and know nothing beyond the tools I am given.")  # fmt: skip
            return responding.say(text, why, Outcome.NO_TOOLS)
        why.unused = list(dict.fromkeys(i.profile.name for i in intents))
        hint = (
            f" With {why.unused[0]} I could look that up, if tools were allowed."
            if why.unused
            else ""
        )
        return responding.say(
            "I was asked not to use tools for this reply." + hint, why, Outcome.TOOLS_OFF
        )

    def _fallback(
        self, request: Request, reading: Reading, candidates, tools, profiles, why: Explanation
    ) -> PlannedCall | None:
        """For a forced call with nothing planned: the named tool, else the best scorer,
        bound on the whole request."""
        if not tools:
            return None
        name = (
            request.tool_choice.name
            if isinstance(request.tool_choice, NamedTool)
            else why.scores[0].name
        )
        index = next(i for i, t in enumerate(tools) if t.name == name)
        intent = Intent(profiles[index], tools[index], 0.0, [(0, len(reading.text))])
        planned = plan(reading.text, candidates, [intent], reading, tools, profiles, True)
        return responding.record(planned[0]) if planned else None


def _kept(
    tools: list[ToolSpec], profiles: list[ToolProfile], choice: object
) -> tuple[list[ToolSpec], list[ToolProfile]]:
    """The tools a turn may call, with their profiles: the one ``tool_choice`` names, or all."""
    if not isinstance(choice, NamedTool):
        return list(tools), list(profiles)
    kept = [(t, p) for t, p in zip(tools, profiles, strict=True) if t.name == choice.name]
    return [t for t, _ in kept], [p for _, p in kept]
