"""The provider-side MCP loop: the model asks, the provider runs the call on the server.

Both providers' MCP tool types work the same way offline: the server's tools are offered to
the model as ordinary tools (:class:`~fcplayground.chat.ToolSpec`); a call the model makes on
one of them is run by the provider, over MCP, and its result fed back, until the model
answers with text or calls one of the application's own (client-side) tools. A call that
needs approval stops the loop (OpenAI's ``mcp_approval_request``). At most
:data:`MAX_ROUNDS` rounds: then the loop stops with a message saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..chat import Message, ModelTurn, Request, ToolCall, ToolResult, ToolSpec
from ..models import Model
from .mcp_remote import Connections, Endpoint, Failure, Outcome, RemoteTool

MAX_ROUNDS = 8
STOPPED = (
    "I stopped after {rounds} rounds of MCP tool calls without reaching an answer. "
    "Ask a narrower question, or offer fewer tools."
)
# What the model reads, as an error result, for a call whose approval was denied.
DENIED = "The request to run it was not approved, so it was not run."

StampTurn = Callable[[ModelTurn, Request, int], ModelTurn]  # ids for round n's turn


@dataclass(frozen=True)
class Offered:
    """One MCP tool the model may call: its server, its listing, and whether calls wait
    for approval first."""

    endpoint: Endpoint
    tool: RemoteTool
    approval: bool = False

    @property
    def spec(self) -> ToolSpec:
        schema = self.tool.input_schema or {"type": "object", "properties": {}}
        return ToolSpec(self.tool.name, self.tool.description, schema)


@dataclass
class Step:
    """One call the model made on an MCP tool; ``outcome`` is None while it awaits approval."""

    call: ToolCall
    offered: Offered
    outcome: Outcome | None = None


@dataclass
class Result:
    """The MCP calls made, and the model's last turn without them (text and the
    application's own tool calls)."""

    steps: list[Step] = field(default_factory=list)
    final: ModelTurn = field(default_factory=ModelTurn)
    stopped: bool = False  # MAX_ROUNDS ran out


def with_tools(request: Request, offered: Mapping[str, Offered]) -> dict[str, Offered]:
    """Add the MCP tools to the ones ``request`` offers, and return those added: on a name
    clash the application's own tool wins (its calls go back to the application)."""
    own = {t.name for t in request.tools}
    added = {name: o for name, o in offered.items() if name not in own}
    request.tools = [*request.tools, *(o.spec for o in added.values())]
    return added


def execute(connections: Connections, offered: Offered, call: ToolCall) -> Outcome:
    """Run one call on its server (arguments that are not an object never leave here)."""
    if not isinstance(call.arguments, dict):
        return Outcome(
            f"The arguments for {call.name!r} are not a JSON object: {call.arguments[:200]!r}. "
            "Send an object of named arguments.",
            Failure.TOOL,
        )
    return connections.call_tool(offered.endpoint, offered.tool.name, call.arguments)


def feed(request: Request, text: str, steps: list[Step]) -> None:
    """Append finished calls and their results to the conversation the model reads."""
    done = [s for s in steps if s.outcome is not None]
    if not done:
        return
    request.messages.append(Message.assistant(text, [s.call for s in done]))
    results = [
        ToolResult(s.call.id, s.outcome.text, s.outcome.is_error, s.call.name)
        for s in done
        if s.outcome is not None
    ]
    request.messages.append(Message.tool(results))


def run(
    model: Model,
    request: Request,
    offered: Mapping[str, Offered],
    stamp_turn: StampTurn,
    connections: Connections,
) -> Result:
    """Ask the model, run its MCP calls, repeat: see the module's docstring."""
    result = Result()
    for round_ in range(MAX_ROUNDS):
        turn = stamp_turn(model.respond(request), request, round_)
        mine = [c for c in turn.tool_calls if c.name in offered]
        theirs = [c for c in turn.tool_calls if c.name not in offered]
        if not mine:
            result.final = turn
            return result
        steps = [Step(c, offered[c.name]) for c in mine]
        for step in steps:
            if not step.offered.approval:
                step.outcome = execute(connections, step.offered, step.call)
        result.steps += steps
        if theirs or any(s.outcome is None for s in steps):
            result.final = _without(turn, theirs)
            return result
        feed(request, turn.text, steps)
        request.tool_choice = None  # a forced choice is met once: then the model may answer
    result.final = ModelTurn(STOPPED.format(rounds=MAX_ROUNDS), model=request.model)
    result.stopped = True
    return result


def _without(turn: ModelTurn, calls: list[ToolCall]) -> ModelTurn:
    """The turn with only ``calls`` (the application's own) left."""
    return ModelTurn(
        text=turn.text,
        tool_calls=calls,
        usage=turn.usage,
        model=turn.model,
        id=turn.id,
    )
