"""The answer cache: a model's answer to one case, kept on disk so a rerun costs nothing.

An entry is ``<folder>/<key>.json``. The key hashes who answers and the whole request
that matters: every message with its tool calls and tool results, the system prompt, the
tools offered (names, descriptions, schemas, strict) and ``tool_choice``. Two cases that
differ only in a tool result therefore never share an answer. An entry that cannot be
read (cut short, edited, from another version) is ignored with a :class:`CacheWarning`;
the case is asked again and the entry rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..chat import Message, ModelTurn, ToolCall
from .battery import specs_key
from .cases import Case
from .results import calls_from_json, calls_to_json

KEY_VERSION = 2  # 1 hashed only [role, content] of each message


class CacheWarning(UserWarning):
    """A cache entry could not be read and is being recomputed."""


@dataclass
class Answer:
    """A model's calls and text for one case, as the cache stores them."""

    calls: list[ToolCall]
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"calls": calls_to_json(self.calls), "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        text = data["text"]
        if not isinstance(text, str):
            raise TypeError(f'"text" is {type(text).__name__}, not text')
        return cls(calls_from_json(data["calls"]), text)

    @classmethod
    def of(cls, turn: ModelTurn) -> Answer:
        return cls(list(turn.tool_calls), turn.text)


def default_cache_dir() -> Path:
    """Where live answers are kept: ``$FCP_CACHE_DIR``, else ``~/.cache/fcplayground/evals``."""
    if env := os.environ.get("FCP_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "fcplayground" / "evals"


def cache_key(who: str, case: Case) -> str:
    """A hash of who answers and everything the case sends: every message with its tool
    calls and results, the system prompt, the tools and ``tool_choice``."""
    request = case.request(model_name=who)
    data = {
        "key": KEY_VERSION,
        "model": who,
        "system": request.system,
        "messages": [_message(m) for m in request.messages],
        "tools": specs_key(request.tools),
        "tool_choice": asdict(request.tool_choice) if request.tool_choice else None,
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _message(message: Message) -> dict[str, Any]:
    """What a message sends; a tool result's run time is not part of it."""
    return {
        "role": message.role,
        "content": message.content,
        "tool_calls": [[c.name, c.arguments, c.id] for c in message.tool_calls],
        "tool_results": [[r.call_id, r.name, r.content, r.is_error] for r in message.tool_results],
    }


def read_answer(path: Path) -> Answer | None:
    """The cached answer at ``path``; None when there is none or it cannot be read (then
    with a :class:`CacheWarning`: the case is asked again and the entry rewritten)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        return _unreadable(path, f"{type(error).__name__}: {error}")
    try:
        return Answer.from_json(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        return _unreadable(path, f"{type(error).__name__}: {' '.join(str(error).split())}")


def _unreadable(path: Path, reason: str) -> None:
    warnings.warn(
        f"Ignoring the unreadable answer cache entry {path} ({reason[:200]}); the case is "
        "asked again and the entry rewritten.",
        CacheWarning,
        stacklevel=4,
    )
    return None


def write_answer(path: Path, answer: Answer) -> None:
    """Keep ``answer`` at ``path``: written then renamed, so a run stopped half-way
    never leaves a broken entry."""
    partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    partial.write_text(json.dumps(answer.to_json(), ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
