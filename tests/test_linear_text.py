"""Long request text costs the simulated model linear time, and no more than a bounded read.

Every pattern the model runs over request text is linear in the text's length (anchored
where its run starts, possessive, or bounded), and the model reads at most
``MAX_MESSAGE_CHARS`` of any message. A stall is caught by a generous hang guard (a
worker thread that must finish within ``GUARD`` seconds), never by a timed assert: a
pattern that is quadratic in a long run takes minutes at these sizes, a linear one
milliseconds. ``benchmarks/text_scaling.py`` shows the growth itself.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

import pytest

from fcplayground import Message, Request, ToolRegistry, ToolSpec
from fcplayground.models import SimulatedModel
from fcplayground.models.simulated import composing, injection, intents, reported, runs, slots
from fcplayground.models.simulated.extractors import extract, flags
from fcplayground.models.simulated.reading import MAX_MESSAGE_CHARS, read

GUARD = 30.0  # seconds; a linear pass over these texts takes well under one
SIZE = 200_000  # characters of each long token sent to the model
PATTERN_SIZE = 50_000  # and run through one pattern: minutes for a quadratic one

# One unit of each character class, repeated to SIZE characters.
CLASSES = {
    "letters": "a", "capitals": "A", "digits": "7", "at signs": "@", "dots": ".",
    "hyphens": "-", "underscores": "_", "spaces": " ", "tabs": "\t", "newlines": "\n",
    "commas": ",", "punctuation": "!?;:", "accented letters": "é", "CJK": "中",
    "emoji": "😀", "letter-dot": "a.", "digit-comma": "1,", "letter-at": "a@",
    "letter-hyphen": "a-", "open parentheses": "(", "open brackets": "[", "open braces": "{",
    "double quotes": '"', "single quotes": "'", "backticks": "`", "slashes": "/",
    "backslashes": "\\", "digit-dot": "1.", "digit-colon": "1:", "dollars": "$1",
    "quoted words": "'a' ", "words": "and ", "capitalised words": "Aa ", "hyphenated": "ab-",
    "lists": "[1, ", "pairs": "(1, ", "flags": "--a ", "exponents": "1e",
}  # fmt: skip


def long_token(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def finishes(work: Callable[[], Any]) -> Any:
    """``work()``, run in a forked child process that must finish within GUARD seconds.

    A process, not a thread: one long regex call holds the GIL, so a thread's join would
    wait for it to end instead of timing out."""
    receiving, sending = _FORK.Pipe(duplex=False)

    def run() -> None:
        try:
            sending.send(("value", work()))
        except BaseException as exc:  # re-raised below, in the test's own process
            sending.send(("error", exc))

    child = _FORK.Process(target=run, daemon=True)
    child.start()
    ready = receiving.poll(GUARD)
    if not ready:
        child.kill()
    child.join(GUARD)
    assert ready, f"still running after {GUARD} s: not linear time"
    kind, value = receiving.recv()
    if kind == "error":
        raise value
    return value


_FORK = multiprocessing.get_context("fork")


def mixed_tools() -> list[ToolSpec]:
    """A few tools with string, number, email, date, enum and list parameters."""
    tools = ToolRegistry()

    @tools.tool
    def send_invoice(
        email: str, amount: float, due: date, items: list[str], currency: Literal["USD", "EUR"]
    ) -> dict:
        """Sends an invoice by email.

        Args:
            email: The customer's email address, e.g. jane@example.com.
            amount: The total to pay.
            due: The day it is due, e.g. 2026-02-01.
            items: What was bought.
            currency: The currency of the amount.
        """

    @tools.tool
    def set_timer(minutes: int, label: str = "") -> dict:
        """Sets a countdown timer.

        Args:
            minutes: How long it runs.
            label: A name for it.
        """

    return tools.specs()


TOOLS = mixed_tools()


@pytest.mark.fault(
    "request text",
    "a 200 KB run of one character class (letters, digits, @, dots, brackets, quotes, emoji ...)",
    "answered at once: every pattern runs in linear time and the model reads at most 4,000 "
    "characters of a message",
)
@pytest.mark.parametrize("name", sorted(CLASSES))
def test_model_answers_a_200_kb_run_of_each_character_class_at_once(name):
    text = long_token(CLASSES[name])
    request = Request([Message.user(f"Send an invoice to jane@example.com: {text}")], tools=TOOLS)
    turn = finishes(lambda: SimulatedModel().respond(request))
    assert turn.text or turn.tool_calls


@pytest.mark.fault(
    "request text",
    "a 200 KB run of one character class (letters, digits, @, dots, brackets, quotes, emoji ...)",
    "answered at once: every pattern runs in linear time and the model reads at most 4,000 "
    "characters of a message",
)
@pytest.mark.parametrize("name", ["letters", "letter-dot", "spaces", "words", "hyphenated"])
def test_extractors_read_a_50_kb_run_in_linear_time(name):
    # the extractors themselves, on text longer than the model ever reads
    finishes(lambda: extract(long_token(CLASSES[name], PATTERN_SIZE), date(2026, 1, 15)))


# Each pattern below took minutes on these inputs (quadratic in a run's length) before it
# was anchored where its run starts, made possessive, or bounded.
LINEAR_PATTERNS: dict[str, tuple[Callable[[str], Any], str]] = {
    "email addresses in tool results": (lambda t: injection.emails([("search", t)]), "a"),
    "addresses left out of a problem statement": (lambda t: composing.problem(t, []), "a"),
    "asides in brackets left out of a problem statement": (
        lambda t: composing.problem(t, []),
        "(",
    ),
    "hyphenated flag words": (lambda t: flags._HYPHENATED.findall(t), "a"),
    "clause separators": (lambda t: intents._SEPARATOR.findall(t), " "),
    "names before a list": (lambda t: runs._NAMES_BEFORE.search(t), "a-"),
    "quoted options in a description": (lambda t: slots._OR_LIST.search(t), "'a' "),
    "what a message is to tell": (reported.told, "email "),
    "what a message is to tell, after full stops": (reported.told, ". text "),
}


@pytest.mark.parametrize("case", sorted(LINEAR_PATTERNS))
def test_patterns_over_request_text_take_linear_time_on_long_runs(case):
    work, unit = LINEAR_PATTERNS[case]
    finishes(lambda: work(long_token(unit, PATTERN_SIZE)))


@pytest.mark.fault(
    "request text",
    "a 20 MB user message",
    "answered at once: the model reads its first 1,000 and last 3,000 characters, and its "
    "explanation says so",
)
def test_a_20_mb_message_is_read_as_its_start_and_end():
    middle = "Lorem ipsum dolor sit amet, email ann@example.com about 3 items. " * 300_000
    text = f"Set a timer for 5 minutes. {middle} Label it tea."
    reading = finishes(lambda: read([Message.user(text)]))
    assert len(reading.text) <= MAX_MESSAGE_CHARS + 3
    assert reading.text.startswith("Set a timer for 5 minutes.")
    assert reading.text.endswith("Label it tea.")
    assert any("first 1,000 and last 3,000 characters" in n for n in reading.notes)


def test_a_20_mb_message_still_gets_the_call_it_asks_for():
    middle = "The weather was fine and the garden quiet all afternoon. " * 350_000
    text = f"Set a timer for 5 minutes. {middle}"
    turn = finishes(lambda: SimulatedModel().respond(Request([Message.user(text)], tools=TOOLS)))
    assert [(c.name, c.arguments.get("minutes")) for c in turn.tool_calls] == [("set_timer", 5)]


def test_messages_within_the_bound_are_read_whole():
    text = "Set a timer for 5 minutes. " + "x " * ((MAX_MESSAGE_CHARS - 40) // 2)
    assert read([Message.user(text)]).text == text


@pytest.mark.fault(
    "request text",
    "a tool description of 20 MB",
    "answered at once: the model reads the first 4,000 characters of each description",
)
def test_a_20_mb_tool_description_is_read_as_its_start():
    spec = ToolSpec(
        "set_timer",
        "Sets a countdown timer. " + "It rings when done. " * 1_000_000,
        {"type": "object", "properties": {"minutes": {"type": "integer"}}},
    )
    request = Request([Message.user("Set a timer for 5 minutes.")], tools=[spec])
    turn = finishes(lambda: SimulatedModel().respond(request))
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [("set_timer", {"minutes": 5})]
