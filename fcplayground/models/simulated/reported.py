"""Reported speech: the words a request asks a tool to pass on.

"Email jane@example.com that her refund is on its way", "text Sam saying I'm running
late", "let the team know that the build passed": what comes after "that" or "saying" is
what the message says, free text the model writes into it. A hosted model picks the tool
that sends by the verb and the address, whatever the message mentions (a refund, an order,
a meeting); so those words never count for which tool a request is about.
"""

from __future__ import annotations

import re

# A clause that opens with a verb of telling, up to the word that starts what is told.
# Each repeat takes one character of one of two classes that cannot both match, and the
# stretch before "that" is bounded: linear time.
_TELLS = re.compile(
    r"(?:^|[.?!;:]\s+|\b(?:and|then|also|please|you|to)\s+)"
    r"(?:e-?mail|text|message|tell|notify|remind|write(?:\sto|\sback\sto)?|reply(?:\sto)?"
    r"|respond\sto|send|let)\b"
    r"(?:[^.?!;\n]|\.(?=\S)){0,80}?"
    r"\s(?:that|saying|to\ssay)\s+(?=\S)",
    re.I,
)
# Where what is told ends: the end of its sentence, or the next request ("and then ...").
_ENDS = re.compile(
    r"[.?!;\n](?:\s|$)|,\s+(?:and|then|also)\s|\s+(?:and\s+then|then|after\s+that|afterwards)\s",
    re.I,
)
_WORD = re.compile(r"\S+")
MIN_WORDS = 2  # "email me that report" names a thing to send; "that it shipped" tells


def told(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that say what a message should tell, in order."""
    out = []
    at = 0
    while match := _TELLS.search(text, at):
        end_match = _ENDS.search(text, match.end())
        end = end_match.start() if end_match else len(text)
        if len(_WORD.findall(text[match.end() : end])) >= MIN_WORDS:
            out.append((match.end(), end))
        at = max(end, match.end())
    return out


def untold(text: str) -> str:
    """``text`` with what messages should tell blanked out (the same length, so that every
    other value keeps its place)."""
    spans = told(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


__all__ = ["told", "untold"]
