"""ScriptedModel: a model that plays back the turns you give it, for lessons and tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..chat import ModelTurn, Request, ToolCall, Usage
from .base import ModelError
from .plain import count_tokens

# One scripted step: text, one call (a ToolCall or a (name, arguments) pair), several
# calls, a whole ModelTurn, or a function of the request that returns any of these.
Step = str | ToolCall | tuple | list | ModelTurn | Callable[[Request], Any]


def to_turn(step: Any, request: Request) -> ModelTurn:
    """Turn one scripted step into a :class:`ModelTurn`."""
    if callable(step) and not isinstance(step, (ToolCall, ModelTurn)):
        step = step(request)
    if isinstance(step, ModelTurn):
        return step
    if isinstance(step, str):
        return ModelTurn(text=step)
    if isinstance(step, (ToolCall, tuple)):
        step = [step]
    if isinstance(step, list):
        return ModelTurn(tool_calls=[_call(c) for c in step])
    raise TypeError(
        f"A ScriptedModel step must be text, a ToolCall, a (name, arguments) pair, a list "
        f"of calls, a ModelTurn or a function of the request; got {type(step).__name__}."
    )


def _call(call: ToolCall | tuple) -> ToolCall:
    if isinstance(call, ToolCall):
        return ToolCall(call.name, call.arguments, call.id)
    name, arguments = call
    return ToolCall(name, arguments if arguments is not None else {})


@dataclass
class _Script:
    steps: list[Any]
    position: int = 0
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class ScriptedModel:
    """Replays a queue of turns, one per request, and records every request it gets.

    >>> model = ScriptedModel([("get_weather", {"city": "Paris"}), "It is sunny."])

    Copies share the script: a copy (as SDK clients make with ``with_options``)
    advances the same queue and sees the same ``requests``.
    """

    name = "scripted-model"

    def __init__(self, turns: Iterable[Step]) -> None:
        self._script = _Script(list(turns))

    def respond(self, request: Request) -> ModelTurn:
        script = self._script
        with script.lock:
            script.requests.append(request)
            if script.position >= len(script.steps):
                raise ModelError(
                    f"ScriptedModel has no turn left: it was given {len(script.steps)} "
                    f"and this is request {len(script.requests)}. Add a turn to the script, "
                    "or stop the loop once the model has answered."
                )
            step = script.steps[script.position]
            script.position += 1
        turn = to_turn(step, request)
        if not turn.usage.input_tokens:
            turn.usage = Usage(count_tokens(request), count_tokens(_visible(turn)))
        return turn

    @property
    def requests(self) -> list[Request]:
        """Every request received so far, in order."""
        return self._script.requests

    @property
    def remaining(self) -> int:
        """How many scripted turns have not been played yet."""
        return len(self._script.steps) - self._script.position

    def assert_complete(self) -> None:
        """Raise AssertionError if some scripted turns were never requested."""
        if self.remaining:
            raise AssertionError(
                f"ScriptedModel played {self._script.position} of {len(self._script.steps)} "
                f"turns; {self.remaining} never requested. The code under test made fewer "
                "model calls than the script expects."
            )

    def __copy__(self) -> ScriptedModel:
        twin = object.__new__(ScriptedModel)
        twin._script = self._script
        return twin

    def __deepcopy__(self, memo: dict) -> ScriptedModel:
        return self.__copy__()

    def __repr__(self) -> str:
        return f"ScriptedModel({self._script.position}/{len(self._script.steps)} turns played)"


def _visible(turn: ModelTurn) -> str:
    return turn.text + json.dumps([c.arguments_json for c in turn.tool_calls])
