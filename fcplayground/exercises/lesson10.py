"""Checks for the exercise of lesson 10: answer every function call of a Responses turn.

The check never looks at the learner's source or at the lesson's own response: it builds
fresh responses (questions and tools the learner has not seen), runs the learner's
``answer_calls`` on them, and sends what it returns to the offline Responses API with
``previous_response_id``, as the lesson does.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import openai

from .. import offline
from ..settings import model_for
from ..tools import ToolRegistry
from .feedback import Feedback

AnswerCalls = Callable[[Any, ToolRegistry], Any]
HOW_TO_ANSWER = (
    "{'type': 'function_call_output', 'call_id': item.call_id, 'output': result.content}"
)
# Held out: cities and tools the lesson never shows. Oslo has no data, so one call fails.
SNOW = {"Rome": {"snow_cm": 0}, "Innsbruck": {"snow_cm": 85}}
PARALLEL = "How much snow is there in Rome and in Oslo, and how many museums are in Rome?"
NO_TOOL = "Thank you, that is all for today."


@dataclass(frozen=True)
class Case:
    """One held-out response and what a right answer to it sends back."""

    response: Any  # an openai Response
    expected: dict[str, str]  # call_id -> the tool's result content


def held_out_tools() -> ToolRegistry:
    """Two tools the lesson does not use; ``snow_depth`` fails for a city with no data."""
    tools = ToolRegistry()

    @tools.tool
    def snow_depth(city: str) -> dict:
        """Returns the depth of snow in a city today, in centimetres.

        Args:
            city: The city name, e.g. Innsbruck.
        """
        if city not in SNOW:
            raise ValueError(f"No snow data for {city!r}; try Rome or Innsbruck.")
        return {"city": city, **SNOW[city]}

    @tools.tool
    def count_museums(city: str) -> dict:
        """Returns how many museums a city has.

        Args:
            city: The city name, e.g. Rome.
        """
        return {"city": city, "museums": 3 * len(city)}

    return tools


def check_answer_calls(answer_calls: AnswerCalls) -> Feedback:
    """Does ``answer_calls(response, tools)`` return one ``function_call_output`` item
    per ``function_call`` item of ``response``, tied by ``call_id``, holding the tool's
    result as a string, and nothing for a response with no calls? Checked on responses
    the learner has not seen, then sent back with ``previous_response_id``."""
    if not callable(answer_calls):
        return Feedback.failing(
            "Pass the function itself: check_answer_calls(answer_calls), without calling it."
        )
    feedback = Feedback()
    client = offline.openai_client()  # the check's own provider: the same answers every time
    tools = held_out_tools()
    case = _parallel_case(client, tools)
    outputs = _run(feedback, answer_calls, case.response, tools)
    if outputs is None or not _check_items(feedback, outputs, case):
        return feedback
    _check_sent_back(feedback, client, tools, case, outputs)
    _check_no_calls(feedback, answer_calls, client, tools)
    return feedback


def _parallel_case(client: openai.OpenAI, tools: ToolRegistry) -> Case:
    response = client.responses.create(
        model=model_for("openai"), input=PARALLEL, tools=tools.to_openai(api="responses")
    )
    reference = held_out_tools()  # a second copy, so the learner's runs are not counted here
    expected = {
        item.call_id: reference.call(item.name, item.arguments).content
        for item in response.output
        if item.type == "function_call"
    }
    return Case(response, expected)


def _run(
    feedback: Feedback, answer_calls: AnswerCalls, response: Any, tools: ToolRegistry
) -> list[Mapping[str, Any]] | None:
    """The learner's items for ``response``, or None (with the problem said) if unusable."""
    try:
        outputs = answer_calls(response, tools)
    except Exception as error:  # noqa: BLE001 - any failure of learner code is reported
        feedback.problems.append(
            f"answer_calls raised {type(error).__name__}: {error}. Loop over response.output "
            "and answer only the items with item.type == 'function_call' (a message item has "
            "no name or arguments)."
        )
        return None
    if not isinstance(outputs, list | tuple):
        feedback.problems.append(
            f"answer_calls returned {type(outputs).__name__}, not a list: return a list with "
            f"one item per function call, each {HOW_TO_ANSWER}."
        )
        return None
    bad = [o for o in outputs if not isinstance(o, Mapping)]
    if bad:
        feedback.problems.append(
            f"Each output item should be a dict, not {type(bad[0]).__name__}: {HOW_TO_ANSWER}."
        )
        return None
    return list(outputs)


def _check_items(feedback: Feedback, outputs: list[Mapping[str, Any]], case: Case) -> bool:
    """The items' types, call ids and outputs; True when they are right to send."""
    calls = [item for item in case.response.output if item.type == "function_call"]
    if not outputs:
        feedback.problems.append(
            f"answer_calls returned no items, but the response has {len(calls)} function_call "
            f"items: for each, run its tool and append {HOW_TO_ANSWER}."
        )
        return False
    kinds = {o.get("type") for o in outputs}
    if kinds != {"function_call_output"}:
        feedback.problems.append(
            f"Every item's type should be 'function_call_output', not {sorted(map(str, kinds))}: "
            f"{HOW_TO_ANSWER}."
        )
        return False
    given = [o.get("call_id") for o in outputs]
    item_ids = {item.id for item in calls}
    if any(g in item_ids for g in given):
        feedback.problems.append(
            "An output names the item's id (fc_…), which is the item's place in the "
            "conversation. Tie the output to its call with item.call_id (call_…)."
        )
        return False
    if unknown := [g for g in given if g not in case.expected]:
        feedback.problems.append(
            f"The output(s) for {', '.join(map(str, unknown))} answer no call of the response "
            "given to answer_calls: take each call_id from that response's items, never from "
            "an earlier response or a copied list."
        )
        return False
    missing = [c for c in case.expected if c not in given]
    feedback.check(
        not missing,
        f"Each of the {len(calls)} parallel calls has an output, tied by its call_id.",
        f"{len(missing)} of the {len(calls)} calls have no output ({', '.join(missing)}): "
        "answer every function_call item of the response, not only the first.",
    )
    if twice := [g for g, k in Counter(given).items() if k > 1]:
        feedback.problems.append(
            f"{', '.join(map(str, twice))} got more than one output: send exactly one per call."
        )
    _check_outputs(feedback, outputs, case)
    return feedback.ok


def _check_outputs(feedback: Feedback, outputs: list[Mapping[str, Any]], case: Case) -> None:
    texts = {o["call_id"]: o.get("output") for o in outputs}
    if not all(isinstance(t, str) for t in texts.values()):
        feedback.problems.append(
            "An output is not a string: 'output' takes text, so send result.content (already "
            "JSON text), or json.dumps(...) of a value."
        )
        return
    wrong = [c for c, text in texts.items() if not _same(text, case.expected[c])]
    feedback.check(
        not wrong,
        "Each output holds that call's own tool result (the failed call's error included).",
        f"The output for {', '.join(wrong)} is not what its tool returns: run "
        "tools.call(item.name, item.arguments) for each item and send result.content, "
        "an error result too (tools.call never raises).",
    )


def _same(text: str, expected: str) -> bool:
    """The same result, as the same text or as the same JSON value."""
    if text == expected:
        return True
    try:
        return bool(json.loads(text) == json.loads(expected))
    except ValueError:
        return False


def _check_sent_back(
    feedback: Feedback,
    client: openai.OpenAI,
    tools: ToolRegistry,
    case: Case,
    outputs: list[Mapping[str, Any]],
) -> None:
    try:
        final = client.responses.create(
            model=model_for("openai"),
            previous_response_id=case.response.id,
            input=[dict(o) for o in outputs],
            tools=tools.to_openai(api="responses"),
        )
    except openai.APIStatusError as error:
        feedback.problems.append(f"The API refused the outputs: {error.message}")
        return
    feedback.check(
        bool(final.output_text),
        "Sent back with previous_response_id, they got an answer in words.",
        "Sent back, they got no answer in words: send every output in one request.",
    )


def _check_no_calls(
    feedback: Feedback, answer_calls: AnswerCalls, client: openai.OpenAI, tools: ToolRegistry
) -> None:
    """A response that is an answer in words has no calls to answer."""
    response = client.responses.create(
        model=model_for("openai"), input=NO_TOOL, tools=tools.to_openai(api="responses")
    )
    try:
        outputs = answer_calls(response, tools)
        got = f"returned {outputs!r}"
    except Exception as error:  # noqa: BLE001 - any failure of learner code is reported
        outputs, got = error, f"raised {type(error).__name__}: {error}"
    feedback.check(
        isinstance(outputs, list | tuple) and not outputs,
        "A response with no function calls gets an empty list.",
        f"For a response with no function calls (an answer in words) answer_calls {got}; "
        "it should return [] (answer only the items with item.type == 'function_call').",
    )
