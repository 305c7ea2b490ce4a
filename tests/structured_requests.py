"""What the structured-output tests share: the model name, a customer's message, a schema
of one string property, and builders for a strict ``response_format`` and a user turn."""

from __future__ import annotations

from typing import Any

MODEL = "gpt-4o-mini"


MARIA = (
    "Hi, this is Maria (maria@example.org). My order ORD-2231 arrived broken. "
    "Please hurry, it is urgent!"
)


def strict_format(schema: dict[str, Any], name: str = "ticket") -> dict[str, Any]:
    """A strict ``json_schema`` response_format for ``schema``."""
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}


def ask(text: str) -> list[dict[str, str]]:
    """The messages of one user turn."""
    return [{"role": "user", "content": text}]


OBJECT = {"type": "object", "properties": {"name": {"type": "string"}}}
