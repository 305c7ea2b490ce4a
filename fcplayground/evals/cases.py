"""Test cases for tool use: a conversation, the tools offered, and the calls expected.

A :class:`Case` is one question put to a model. Write your own with :meth:`Case.ask` and
:func:`expect`, or load the Berkeley Function Calling Leaderboard's with
:func:`fcplayground.evals.bfcl.load`; :func:`fcplayground.evals.checker.check` scores both
the same way. ::

    cases = [
        Case.ask("What plan is jane@example.com on?", tools,
                 expect("lookup_customer", email="jane@example.com")),
        Case.ask("Weather in Paris and Rome?", tools,
                 expect("get_weather", city=one_of("Paris", "Paris, France")),
                 expect("get_weather", city="Rome")),   # two calls, in any order
        Case.ask("Tell me a joke", tools),               # no call expected
    ]

Expected calls follow BFCL's answer format: ``{tool: {parameter: [acceptable values]}}``.
An empty string among the acceptable values means the argument may be left out
(:data:`OMITTED`); :data:`ANY` accepts any value of the right type; :func:`exactly` a value
written exactly so (strings otherwise compare as BFCL compares them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..chat import Message, Request, ToolSpec

if TYPE_CHECKING:
    from ..tools import ToolRegistry

# One expected call: {tool name: {parameter: [acceptable values]}}; "" means "may be omitted".
ExpectedCall = dict[str, dict[str, list[Any]]]
Kind = Literal["single", "parallel", "irrelevance", "relevance"]

OMITTED = ""
"""Among acceptable values: the argument may be left out (BFCL writes it as ``""``)."""


class _Any:
    """Accepts any value (of the schema's type): for free text such as a ticket subject."""

    def __repr__(self) -> str:
        return "ANY"


ANY: Any = _Any()
"""An acceptable value that matches anything of the right type."""


@dataclass(frozen=True)
class OneOf:
    """Several acceptable values for one argument: ``one_of("Paris", "Paris, France")``."""

    values: tuple[Any, ...]


@dataclass(frozen=True)
class Exactly:
    """An acceptable value compared as written, without BFCL's folding of letter case,
    spaces and ``, . / - _`` (``"LH 454"`` is not ``"lh454"``): for values whose form is
    the point, such as the form a tool's examples show."""

    value: Any

    def __repr__(self) -> str:
        return f"exactly({self.value!r})"


def exactly(value: Any) -> Exactly:
    """An acceptable value that must be written exactly so (see :class:`Exactly`)."""
    return Exactly(value)


def one_of(*values: Any) -> OneOf:
    """Acceptable alternatives for one argument (include :data:`OMITTED` to allow none)."""
    if not values:
        raise ValueError("one_of() needs at least one acceptable value.")
    return OneOf(values)


def expect(tool: str, **arguments: Any) -> ExpectedCall:
    """One expected call of ``tool``: each argument a value, or :func:`one_of` several.

    A plain value is the only acceptable one (a list is a list value, not alternatives).
    Parameters not named must not be passed, unless the tool's schema makes them
    optional and you list them with ``one_of(..., OMITTED)``.
    """
    return {
        tool: {
            name: list(value.values) if isinstance(value, OneOf) else [value]
            for name, value in arguments.items()
        }
    }


@dataclass
class Case:
    """One question for a model: a conversation, the tools offered, the calls expected.

    ``expected`` lists the calls a right answer makes, in any order, each as
    ``{tool: {parameter: [acceptable values]}}``. Empty ``expected`` means the right answer
    is no call at all (irrelevance), unless ``any_call`` is set (any call is right).
    ``category`` groups cases in reports. For BFCL cases ``name_map`` maps the
    provider-legal tool names back to the original (dotted) ones.
    """

    id: str
    category: str
    messages: list[Message]
    system: str | None = None
    tools: list[ToolSpec] = field(default_factory=list)
    name_map: dict[str, str] = field(default_factory=dict)
    expected: list[ExpectedCall] = field(default_factory=list)
    any_call: bool = False

    @classmethod
    def ask(
        cls,
        request: str | list[Message],
        tools: ToolRegistry | list[ToolSpec],
        *expected: ExpectedCall,
        id: str = "",
        category: str = "",
        system: str | None = None,
    ) -> Case:
        """A case from a user request, the tools offered and the expected calls (none:
        no call is right). ``category`` defaults to the kind: single, parallel or
        irrelevance; ``id`` to the request text."""
        messages = [Message.user(request)] if isinstance(request, str) else list(request)
        specs = tools if isinstance(tools, list) else tools.specs()
        names = {s.name for s in specs}
        for call in expected:
            if len(call) != 1:
                raise ValueError(f"An expected call names one tool, e.g. expect(...); got {call}.")
            if (name := next(iter(call))) not in names:
                raise ValueError(
                    f"Expected tool {name!r} is not among the tools offered "
                    f"({', '.join(sorted(names)) or 'none'})."
                )
        case = cls(
            id=id or _last_user_text(messages),
            category=category,
            messages=messages,
            system=system,
            tools=list(specs),
            expected=list(expected),
        )
        if not category:
            case.category = case.kind
        return case

    @property
    def kind(self) -> Kind:
        """How the case is scored: one call, several in any order, no call, or any call."""
        if self.any_call:
            return "relevance"
        if not self.expected:
            return "irrelevance"
        if "parallel" in self.category or len(self.expected) > 1:
            return "parallel"
        return "single"

    @property
    def text(self) -> str:
        """The last user message: the request this case asks."""
        return _last_user_text(self.messages)

    @property
    def expected_names(self) -> list[str]:
        """The tools the expected calls name, in order (empty for no call)."""
        return [next(iter(call)) for call in self.expected]

    def tool(self, name: str) -> ToolSpec | None:
        """The offered tool called ``name``, if any."""
        return next((t for t in self.tools if t.name == name), None)

    def request(self, model_name: str = "simulated") -> Request:
        """The case as a neutral request; no ``tool_choice``, so the model decides."""
        return Request(
            messages=list(self.messages),
            model=model_name,
            system=self.system,
            tools=list(self.tools),
            tool_choice=None,
        )


def _last_user_text(messages: list[Message]) -> str:
    return next((m.content for m in reversed(messages) if m.role == "user"), "")
