"""The everyday battery: plain requests against the tools a learner writes first.

26 invented tools (:func:`everyday_tools`: shopping, calendar, smart home, maths, unit and
currency conversion, time zones, flight status, recipes, email, notes, reminders, timers,
files, HR, finance, translation, definitions) and about 200 requests as a new learner
types them (:func:`everyday_cases`), each offered the whole toolset, each with the
first-turn calls a good hosted model (GPT-4o or Claude class) makes, or no call.

It is a yardstick for an offline model: it says what a hosted model does, not what the
simulated one does today. Conventions:

- **Reference date.** Requests that need today's date ("tomorrow", "next Friday",
  "March 3") carry the system prompt "Today is Thursday, 2026-01-15." and expect the
  resolved ISO date: tomorrow is 2026-01-16, "on Monday" 2026-01-19, and "next Friday"
  either 2026-01-16 or 2026-01-23 (people mean both).
- **No call** when nothing fits (categories ``small talk``, ``no tool``) and when a fact
  the model cannot know is missing: no amount, address, flight number, path, date
  (``asks``: a hosted model asks). Text the model can compose (an email's subject and
  body, a note, a reminder's message, an obvious event title) is never missing: ``ANY``.
- **Chains** (``chains``): when a call needs another's result, only the first step.
- **Parallel** (``parallel``): independent calls of one request, in any order.
- Optional parameters the request does not mention may be left out or given their
  default; strings compare as :func:`fcplayground.evals.checker.normalize` does (case,
  spaces and ``, . / - _`` ignored), so ``"LH454"`` matches ``"LH 454"``.

::

    from fcplayground.evals import evaluate, everyday_cases
    print(evaluate(everyday_cases()))

or ``fcplayground eval --suite everyday``.
"""

from __future__ import annotations

from ...tools import ToolRegistry
from ..cases import Case
from . import cases_home, cases_money, cases_talk, cases_travel, cases_work
from .common import TODAY, Row
from .tools import everyday_tools

__all__ = ["TODAY", "everyday_cases", "everyday_tools"]

_MODULES = (
    ("home", cases_home.ROWS),
    ("money", cases_money.ROWS),
    ("travel", cases_travel.ROWS),
    ("work", cases_work.ROWS),
    ("talk", cases_talk.ROWS),
)


def everyday_cases(tools: ToolRegistry | None = None) -> list[Case]:
    """Every everyday case, each offering all of ``tools`` (default: :func:`everyday_tools`).

    Pass ``tools`` to test edited descriptions of the same tools (names and parameters
    unchanged). Ids are ``everyday_<module>_<n>``: home, money, travel, work, talk.
    """
    tools = everyday_tools() if tools is None else tools
    return [
        _case(f"everyday_{prefix}_{i}", row, tools)
        for prefix, rows in _MODULES
        for i, row in enumerate(rows)
    ]


def _case(case_id: str, row: Row, tools: ToolRegistry) -> Case:
    category, request, calls, *system = row
    return Case.ask(
        request, tools, *calls, id=case_id, category=category, system=system[0] if system else None
    )
