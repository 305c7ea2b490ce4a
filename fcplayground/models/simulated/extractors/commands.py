"""Shell commands, copied as the request writes them: "using the command dir C:\\ && echo
done", "run `ls -la`", "the exact command shutdown /s /t 0".

Read only for a parameter that asks for a command (``command``, ``cmd``, ``shell``): the
words after "command" (or "run" / "execute") up to the end of the sentence, less the
quotes around them. A hosted model copies a command it is given; it never rewrites it.
"""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

# The words that introduce a command, then the command: to the end of its line, less a
# closing full stop, question mark or quote.
_AFTER = re.compile(
    r"\b(?:(?:exact\s|following\s|shell\s|terminal\s)?command(?:\s(?:line|prompt))?|run|execute)"
    r"(?:\s(?:is|of))?[:\s]\s?[`'\"]?(?P<command>[^\n`'\"]{1,400}?)[`'\"]?\s?(?:[.?!]\s|[.?!]?$)",
    re.I,
)
_BEFORE = re.compile(  # "using the start microsoft.windows.camera: command"
    r"\busing\s(?:the\s)?[`'\"]?(?P<command>[^\n`'\",]{1,200}?)[`'\"]?\scommand\b", re.I
)
_MODIFIERS = {"exact", "following", "shell", "terminal", "same", "right"}
_LEADING_WORDS = re.compile(r"^(?:the|a|this|that|to|in|on)\s", re.I)


def read(request: Request, slot) -> list[Candidate]:
    """The command the request gives, for a command parameter."""
    out = []
    for m in (*_AFTER.finditer(request.text), *_BEFORE.finditer(request.text)):
        command = m.group("command").strip()
        start = m.start("command")
        while lead := _LEADING_WORDS.match(command):
            command, start = command[lead.end() :], start + lead.end()
        if (
            command
            and command.lower() not in _MODIFIERS
            and not command.lower().startswith(("for me", "please"))
        ):
            end = start + len(command)
            out.append(Candidate(Kind.COMMAND, command, start, end, command, 0.9,
                                 evidence="the command as the request writes it"))  # fmt: skip
    return out


EXTRACTOR = Extractor(
    Kind.COMMAND,
    for_slot=read,
    slot_words=frozenset({"command", "cmd", "shell", "commandline"}),
    describes=re.compile(r"\b(?:system|shell|terminal) command\b", re.I),
)
