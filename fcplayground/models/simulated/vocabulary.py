"""The closed vocabularies of the simulated model: what a slot wants, where a value came
from, what became of a call, and how a turn was decided.

Every stage speaks these enums, and the explanation renders them; nothing is decided by
comparing prose.
"""

from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    """What kind of value a parameter wants, or a piece of the request is.

    The value kinds (email ... bool) each have an extractor in
    :data:`~fcplayground.models.simulated.extractors.TABLE`; the last group are kinds of
    slot only, filled by whole-request readers or composed.
    """

    EMAIL = "email"
    URL = "url"
    PATH = "path"
    IP = "ip address"
    COLOR = "hex colour"
    TIMEZONE = "time zone"
    FLIGHT = "flight number"
    ISBN = "isbn"
    PHONE = "phone number"
    VERSION = "version"
    DATE = "date"
    TIME = "time"
    ID = "id"
    MATH = "formula"
    NUMBER = "number"
    CURRENCY = "currency"
    UNIT = "unit"
    TICKER = "ticker"
    LANGUAGE = "language"
    QUOTED = "quoted text"
    LIST = "list"
    PLACE = "place"
    NAME = "name"
    PHRASE = "phrase"
    COMMAND = "shell command"
    # kinds of slot only
    ENUM = "one of a set"
    BOOL = "yes or no"
    TEXT = "free text"
    STRING = "string"
    ARRAY = "list of values"
    OBJECT = "object"


class Role(str, Enum):
    """How a hosted model treats a parameter the request does not fill."""

    FACT = "a fact only the user can give"  # ids, addresses, amounts: ask for it
    COMPOSED = "free text the model writes"  # subjects, bodies, queries: compose it
    SETTING = "a setting with a default"  # enums, flags: the default or false


class Tag(str, Enum):
    """Marks on a candidate value that binding takes into account."""

    WORD = "spelled out"  # "twelve", not 12
    OPENER = "opens a sentence"  # its first word is capitalised maybe only for that
    PLACE_CUE = "after a place word"  # "in Paris"
    SOURCE = "a source"  # "from EUR", "60 euros in ..."
    TARGET = "a target"  # "to USD", "into dollars", "how many yen"
    PERCENT = "a percentage"
    FACET = "part of a longer value"  # the unit of "5 km", the currency of "60 euros"
    CLOCK = "the hour or minute of a time"  # the 1 of "1pm": never a count of people
    KNOWN = "found in a gazetteer"
    EXAMPLE = "an example the parameter's description gives"  # "e.g. spin, yoga" and "spin"


class Source(str, Enum):
    """Where an argument's value came from."""

    CUE = "follows the words for the parameter"
    UNIT = "its unit measures what the parameter measures"
    DIRECTION = "a direction word says which side it is on"
    ORDER = "the next value of its kind in the request"
    NAMED_LIST = "listed in the same order as the parameters"
    LIST = "one item of a list in the request"
    WHOLE_LIST = "the values listed in the request"
    MENTIONED = "named in the request"
    RESULT = "an earlier tool result"
    SHARED = "said once for several calls"
    DERIVED = "derived from a place the request names (gazetteer)"
    CARRIED = "carried over from the call before"
    COMPOSED = "written from the request"
    COMPOSED_FROM_RESULTS = "written from the request and the results"
    DEFAULT = "the request does not say: the described default"
    SYSTEM = "the system prompt"
    GUESS = "not in the request: a forced call guesses it"
    INJECTED = "an instruction found inside a tool result (naive mode)"


class Status(str, Enum):
    """What became of a call the model considered."""

    READY = "called"
    WAITS = "waits"
    ASKS = "asks"
    DONE = "already done"
    RETRY = "retried"
    CONFIRMS = "waits for the user's yes"  # the system prompt asks to confirm it first
    OFF_TOPIC = "not called: outside the topic the system prompt keeps tools for"


class Outcome(str, Enum):
    """What kind of turn the model gave."""

    CALLS = "calls"
    ASKS = "asks"
    ANSWERS = "answers from the results"
    NO_TOOL = "no tool fits"
    FORCED = "forced to call"
    NO_TOOLS = "no tools were offered"
    TOOLS_OFF = "tool_choice is 'none'"
    NOTHING_ASKED = "no user message"
    SMALL_TALK = "small talk"
    CONFIRMS = "asks to confirm first"
    OFF_TOPIC = "outside the topic the system prompt keeps tools for"
    SEARCHES = "searches for a tool it cannot see"
