"""Offline replies with their ids masked, for tests that compare two answers.

Every answer gets ids of its own (response, item, tool call and request ids), so two
answers to the same request are equal but for these.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Possessive: linear time whatever the text.
ID = re.compile(r"\b(chatcmpl-|resp_|msg_|fc_|call_|toolu_|req_)[A-Za-z0-9]++")


def without_ids(data: Any) -> str:
    """``data`` (bytes, text or JSON-able objects) as text with every id masked."""
    if isinstance(data, bytes):
        data = data.decode()
    if not isinstance(data, str):
        data = json.dumps(data, sort_keys=True, default=str)
    return ID.sub(lambda m: m.group(1) + "<id>", data)
