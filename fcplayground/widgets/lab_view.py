"""The description lab's panel: the ipywidgets it is built from and how they are redrawn.

:class:`~fcplayground.widgets.description_lab.DescriptionLab` holds the state (the working
registry, the battery, the scores) and takes these methods from :class:`LabView`; the CSS
classes named in its docstring are set here.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from . import static

TITLE = "Description lab: edit a description, watch the requests re-route"


class LabView:
    """The widgets of a :class:`~fcplayground.widgets.description_lab.DescriptionLab`."""

    def _build(self) -> None:
        self._build_editors()

        self.score = _classed(w.HTML(), "fcp-score")
        self.status = _classed(w.HTML(), "fcp-status")
        self.table = _classed(w.HTML(), "fcp-table")
        self.confusion = _classed(w.HTML(), "fcp-confusion")
        self.probe_select = _classed(
            w.Dropdown(
                options=[(f"{i + 1}. {p.request}", i) for i, p in enumerate(self.battery)],
                value=0 if self.battery else None,
                description="Why?",
                tooltip="Pick a request to see why the model routed it as it did.",
                layout=w.Layout(width="95%"),
            ),
            "fcp-probe-select",
        )
        self.explanation = _classed(w.HTML(), "fcp-explanation")
        self.probe_select.observe(lambda _: self._show_detail(), names="value")

        self.reset_button = _button("Reset", "Back to the original descriptions", "fcp-reset")
        self.compare_button = _button(
            "Compare", "Original vs edited descriptions, and which probes changed", "fcp-compare"
        )
        self.export_button = _button(
            "Export", "Python code that re-creates the edited descriptions", "fcp-export"
        )
        self.reset_button.on_click(lambda _: self.reset())
        self.compare_button.on_click(lambda _: self.compare())
        self.export_button.on_click(lambda _: self.export_code())
        self.slider = _classed(
            w.IntSlider(
                value=0,
                min=0,
                max=len(self.distractors),
                description="Distractors",
                tooltip="Offer this many extra, unrelated tools as well.",
                continuous_update=False,
                style={"description_width": "initial"},
            ),
            "fcp-distractors",
        )
        self.slider.observe(lambda _: self._changed(), names="value")
        controls: list[w.Widget] = [self.reset_button, self.compare_button, self.export_button]
        self.run_button: w.Button | None = None
        self.progress: w.IntProgress | None = None
        if self.live:
            self.run_button = _button(
                "Run", "Send the battery to the model (cached requests are not sent)", "fcp-run"
            )
            self.run_button.button_style = "primary"
            self.run_button.on_click(self._on_run)
            self.progress = _classed(
                w.IntProgress(value=0, min=0, max=max(1, len(self.battery)), description="Sent"),
                "fcp-progress",
            )
            controls = [self.run_button, self.progress, *controls]
        controls.append(self.slider)
        self._lay_out(controls)

    def _build_editors(self) -> None:
        """One editor box per tool: its name, its description and its parameters'."""
        self._desc: dict[str, w.Textarea] = {}
        self._name_boxes: dict[str, w.Text] = {}
        self._params: dict[tuple[str, str], w.Text] = {}
        self._examples: dict[str, w.Textarea] = {}
        editors = [self._tool_editor(tool.name) for tool in self.tools]
        # Side by side when there is room for both (an output area of 1160 px: a wide screen);
        # else the results go below the editors, and the probe table gets the whole width.
        layout = w.Layout(flex="1 1 420px", min_width="0")
        self.editors = _classed(w.VBox(editors, layout=layout), "fcp-editors")

    def _lay_out(self, controls: list[Any]) -> None:
        """The panel: title, controls, score and status, the editors beside the results."""
        self.compare_output = _classed(
            w.HTML(layout=w.Layout(display="none")), "fcp-compare-output"
        )
        self.export_box = _classed(
            w.Textarea(
                description="Code",
                placeholder="Press Export for code that re-creates the edited descriptions.",
                layout=w.Layout(width="95%", display="none"),
            ),
            "fcp-export-code",
        )
        results = _classed(
            w.VBox(
                [
                    self.table,
                    _html("<b>Confusion matrix</b> (expected tool by chosen tool)"),
                    self.confusion,
                    self.probe_select,
                    self.explanation,
                ],
                layout=w.Layout(flex="1 1 740px", min_width="0"),
            ),
            "fcp-results",
        )
        self.widget = _classed(
            w.VBox(
                [
                    _classed(_html(f"<b>{static.esc(TITLE)}</b>"), "fcp-title"),
                    _classed(
                        w.HBox(controls, layout=w.Layout(flex_flow="row wrap")), "fcp-controls"
                    ),
                    self.score,
                    self.status,
                    w.HBox([self.editors, results], layout=w.Layout(flex_flow="row wrap")),
                    self.compare_output,
                    self.export_box,
                ]
            ),
            "fcp-lab",
        )

    def _tool_editor(self, name: str) -> w.VBox:
        tool = self.tools[name]
        desc = w.Textarea(
            value=tool.description,
            description="Description",
            placeholder=f"What {name} does, when to use it, what it returns.",
            rows=max(3, min(8, len(tool.description) // 45 + 1)),
            layout=w.Layout(width="98%"),
        )
        _classed(desc, "fcp-desc", f"fcp-desc-{name}")
        desc.observe(lambda change: self._edited(name, change["new"]), names="value")
        self._desc[name] = desc
        name_box = w.Text(
            value=name,
            description="Name",
            tooltip="The tool's name, as the model sees it: 1-64 letters, digits, _ or -.",
            layout=w.Layout(width="98%"),
        )
        _classed(name_box, "fcp-tool-name", f"fcp-name-{name}")
        name_box.observe(lambda change: self._name_edited(name, change["new"]), names="value")
        self._name_boxes[name] = name_box
        children: list[w.Widget] = [name_box, desc]
        for param, schema in tool.parameters["properties"].items():
            box = w.Text(
                value=schema.get("description", ""),
                description=param,
                tooltip=f"The description of {name}'s parameter {param}.",
                placeholder=f"What {param} is, with an example value.",
                style={"description_width": "initial"},
                layout=w.Layout(width="98%"),
            )
            _classed(box, "fcp-param", f"fcp-param-{name}-{param}")
            box.observe(lambda change, p=param: self._edited(name, change["new"], p), names="value")
            self._params[name, param] = box
            children.append(box)
        children.append(self._examples_editor(name))
        return _classed(w.VBox(children), "fcp-tool", f"fcp-tool-{name}")

    # -- reacting to edits -----------------------------------------------------------

    def _render(self) -> None:
        note = self._stale_note()
        self.score.value = static.score_html(self.result, note)
        self.table.value = static.table_html(self.result)
        self.confusion.value = static.confusion_html(self.result)
        self._render_status()
        self._show_detail()

    def _render_status(self) -> None:
        text = ""
        if self.live and (self._stale_note() or self.result is None):
            missing = self._missing()
            text = (
                f"Press Run to send {missing} request{'s' if missing != 1 else ''} "
                "(results already paid for are reused)."
            )
        problems = [self._name_problem, self._examples_problem, text]
        self._set_status(" ".join(filter(None, problems)))

    def _show_detail(self) -> None:
        index = self.probe_select.value
        text = "" if index is None else self.detail(index)
        self.explanation.value = static.pre(text) if text else ""

    def _set_status(self, text: str) -> None:
        self.status.value = (
            f'<div style="color: #777; min-height: 1em;">{static.esc(text)}</div>' if text else ""
        )


def _classed(widget: Any, *classes: str) -> Any:
    for css in classes:
        widget.add_class(css)
    return widget


def _html(value: str) -> w.HTML:
    return w.HTML(value)


def _button(label: str, tooltip: str, css: str) -> w.Button:
    return _classed(w.Button(description=label, tooltip=tooltip), css)
