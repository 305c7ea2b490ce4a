"""The description lab's example inputs: each tool's ``input_examples``, edited in the panel
(one JSON object a line) or from Python (:meth:`LabExamples.set_examples`), checked against
the tool's parameters as the registry checks them, and re-scored like a description.

:class:`~fcplayground.widgets.description_lab.DescriptionLab` takes these methods from
:class:`LabExamples`; the editor's CSS classes are ``fcp-examples`` and
``fcp-examples-<tool>`` (the tool's original name).
"""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as w

PLACEHOLDER = 'One example input a line, as JSON: {"flight": "LH 454", "date": "2026-03-14"}'


def examples_text(examples: list[dict[str, Any]]) -> str:
    """Examples as the editor shows them: one JSON object a line."""
    return "\n".join(json.dumps(e, ensure_ascii=False) for e in examples)


def read_examples(text: str) -> list[dict[str, Any]]:
    """The examples typed in the editor: one JSON object a line (or one JSON array of them);
    ValueError saying which line is not a JSON object, and what to type instead."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            value = json.loads(stripped)
        except ValueError as exc:
            raise ValueError(f"the list is not valid JSON ({exc})") from None
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            raise ValueError("the list must hold JSON objects, one example input each")
        return value
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            raise ValueError(
                f'line {number} is not valid JSON ({exc}); write each example as {{"name": value}}'
            ) from None
        if not isinstance(value, dict):
            raise ValueError(f'line {number} is not a JSON object: write {{"name": value}}')
        out.append(value)
    return out


class LabExamples:
    """Example inputs in a :class:`~fcplayground.widgets.description_lab.DescriptionLab`."""

    def set_examples(self, name: str, examples: list[dict[str, Any]] | None) -> None:
        """Give tool ``name`` (its original or current name) these example inputs (``[]``
        or None: none), in the widget too, and re-score at once. ValueError (or TypeError)
        naming the example and the argument that does not fit its parameters."""
        original = self._original(name)
        self.tools.set_examples(self._current[original], examples)
        self._examples_problem = ""
        with self._quiet():
            self._examples[original].value = examples_text(
                self.tools[self._current[original]].input_examples
            )
        self._changed(now=True)

    def _examples_editor(self, name: str) -> w.Textarea:
        """The Textarea of tool ``name``'s example inputs, one JSON object a line."""
        examples = self.tools[name].input_examples
        box = w.Textarea(
            value=examples_text(examples),
            description="Examples",
            placeholder=PLACEHOLDER,
            tooltip="Example inputs the model sees with the tool (Anthropic's input_examples).",
            rows=max(2, min(6, len(examples) + 1)),
            layout=w.Layout(width="98%"),
        )
        for css in ("fcp-examples", f"fcp-examples-{name}"):
            box.add_class(css)
        box.observe(lambda change: self._examples_edited(name, change["new"]), names="value")
        self._examples[name] = box
        return box

    def _examples_edited(self, original: str, text: str) -> None:
        """Typed examples: used when they read and fit the tool; else the status says why
        and the examples before stay."""
        if self._quiet_edits:
            return
        current = self._current[original]
        try:
            self.tools.set_examples(current, read_examples(text))
        except (TypeError, ValueError) as exc:
            self._examples_problem = f"Examples of {current} not changed: {exc}"
            self._render_status()
            return
        self._examples_problem = ""
        self._changed()

    def _reset_examples(self) -> None:
        """The editors back to the original examples (the registry is already reset)."""
        self._examples_problem = ""
        for tool in self.tools:
            self._examples[tool.name].value = examples_text(tool.input_examples)

    def _examples_changes(self) -> list[str]:
        """What the compare text says of the examples: each tool's before and after."""
        lines = []
        for original, current in self._current.items():
            was, now = self._initial[original].input_examples, self.tools[current].input_examples
            if was != now:
                lines += [f"{current} (examples):", f"  - {_short(was)}", f"  + {_short(now)}"]
        return lines

    def _examples_code(self, var: str) -> list[str]:
        """The lines of exported code that give each edited tool its examples."""
        lines = []
        for original, current in self._current.items():
            now = self.tools[current].input_examples
            if now != self._initial[original].input_examples:
                lines.append(f"{var}.set_examples({json.dumps(original)}, {now!r})")
        return lines


def _short(examples: list[dict[str, Any]]) -> str:
    return json.dumps(examples, ensure_ascii=False) if examples else "(none)"
