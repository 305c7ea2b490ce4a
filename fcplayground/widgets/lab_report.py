"""What the description lab reports about the learner's edits: the before/after comparison
and the code that makes the same edits in a notebook of one's own."""

from __future__ import annotations

import json
from typing import Any

from ..evals.battery import label_text
from . import static


class LabReport:
    """The reports of a :class:`~fcplayground.widgets.description_lab.DescriptionLab`."""

    def compare(self) -> str:
        """What changed since the original descriptions: the descriptions (old and new)
        and the probes whose verdict or chosen tool changed. Also shown in the panel."""
        lines = self._description_changes()
        lines.append("")
        before = self._known(
            self._initial.specs() + self.distractors[: self.k], {n: n for n in self._current}
        )
        after = self._known(self.offered_specs())
        if before is None or after is None:
            which = "original" if before is None else "current"
            lines.append(
                f"Results: the {which} descriptions have not been run with these tools yet "
                "(press Run)."
            )
        else:
            lines.append(f"Results: {before.summary}  ->  {after.summary}")
            renamed = self._current
            changes = [  # a probe whose tool was only renamed did not change
                (old, new)
                for old, new in before.changes(after)
                if (old.verdict, renamed.get(old.chosen, old.chosen)) != (new.verdict, new.chosen)
            ]
            if not changes:
                lines.append("No probe changed verdict.")
            else:
                lines.append("Probes that changed:")
                for old, new in changes:
                    lines.append(
                        f"  {new.request!r} (expected {label_text(new.expected)}): "
                        f"{_outcome(old)}  ->  {_outcome(new)}"
                    )
        text = "\n".join(lines)
        self.compare_output.value = static.pre(text)
        self.compare_output.layout.display = ""
        return text

    def export_code(self, var: str = "tools") -> str:
        """Python that applies the edited descriptions to a registry named ``var``
        (only what differs from the original; by the original names), then a comment
        for each renamed tool. Also shown in the panel."""
        lines = []
        for original, current in self._current.items():
            tool, old = self.tools[current], self._initial[original]
            if tool.description != old.description:
                lines.append(f"{var}.describe({_py(original)}, {_py(tool.description)})")
            for param, schema in tool.parameters["properties"].items():
                new_text = schema.get("description", "")
                if new_text != old.parameters["properties"][param].get("description", ""):
                    lines.append(
                        f"{var}.describe({_py(original)}, {_py(new_text)}, param={_py(param)})"
                    )
        lines += self._examples_code(var)
        for original, current in self._renames():
            lines.append(
                f"# renamed {original} -> {current}: change the function name "
                "or @tools.tool(name=...)"
            )
        if lines:
            code = "\n".join([f"# The edited descriptions, applied to `{var}`:", *lines])
        else:
            code = "# No description was changed."
        self.export_box.value = code
        self.export_box.rows = min(12, code.count("\n") + 2)
        self.export_box.layout.display = ""
        return code

    def _description_changes(self) -> list[str]:
        lines = []
        for original, current in self._current.items():
            tool, old = self.tools[current], self._initial[original]
            if tool.description != old.description:
                lines += [f"{current}:", f"  - {old.description}", f"  + {tool.description}"]
            for param, schema in tool.parameters["properties"].items():
                was = old.parameters["properties"][param].get("description", "")
                now = schema.get("description", "")
                if now != was:
                    lines += [f"{current}.{param}:", f"  - {was}", f"  + {now}"]
        out = ["Descriptions changed:", *lines] if lines else ["No description changed."]
        if examples := self._examples_changes():
            out += ["Examples changed:", *examples]
        renames = self._renames()
        if renames:
            out += ["Renamed:", *(f"  {o} -> {c}" for o, c in renames)]
        return out


def _outcome(row: Any) -> str:
    """A probe's verdict with the tool chosen, e.g. "wrong tool (get_order)"."""
    return f"{row.verdict} ({row.chosen})" if row.chosen else row.verdict


def _py(text: str) -> str:
    """A Python string literal (JSON's double-quoted strings are valid Python)."""
    return json.dumps(text, ensure_ascii=False)
