"""Under the chat: what the last answer computed, as fields the marketer can change and run
again (who it was computed on, as conditions, and each setting), the way AI segment
builders show their definition as editable conditions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from assistant.events import Answer
from assistant.rerun import Edit, editable
from assistant.toolkit import assistant_tools
from assistant.understood import SETTING_WORDS_ZH
from assistant.wording import spoken
from ui.language import Relabeler

COLUMNS = {"en": ["Setting", "Value"], "zh": ["设置", "值"]}


@dataclass
class UnderstoodPanel:
    box: gr.Accordion
    what: gr.Markdown
    rule: gr.Textbox
    settings: gr.Dataframe
    run: gr.Button

    @property
    def outputs(self) -> list[Any]:
        return [self.box, self.what, self.rule, self.settings]


def build_panel(labels: Relabeler) -> UnderstoodPanel:
    with labels.add(gr.Accordion(labels.text("understood_heading"), open=False, visible=False,
                                 elem_id="understood-editor"),
                    label="understood_heading") as box:
        what = gr.Markdown(elem_id="understood-what")
        rule = labels.add(gr.Textbox(label=labels.text("understood_rule"),
                                     placeholder='region = "Texas" and age > 50',
                                     elem_id="understood-rule", lines=1),
                          label="understood_rule")
        settings = gr.Dataframe(headers=COLUMNS[labels.lang], datatype=["str", "str"],
                                column_count=(2, "fixed"), interactive=True,
                                elem_id="understood-settings")
        run = labels.add(gr.Button(labels.text("understood_rerun"), variant="secondary",
                                   elem_id="understood-rerun"), value="understood_rerun")
    return UnderstoodPanel(box, what, rule, settings, run)


def setting_label(name: str, lang: str) -> str:
    return SETTING_WORDS_ZH.get(name, spoken(name)) if lang == "zh" else spoken(name)


def panel_updates(answer: Answer, lang: str) -> tuple[Edit | None, list[Any]]:
    """The fields for this answer (hidden when it computed nothing)."""
    if answer.kind != "answer" or not answer.understood:
        return None, [gr.update(visible=False), "", "", pd.DataFrame(columns=COLUMNS[lang])]
    edit = editable(answer.understood)
    spec = assistant_tools()[edit.tool]
    heading = f"**{spec.title_in(lang == 'zh')}**"
    rows = [[setting_label(name, lang), value] for name, value in edit.settings.items()]
    table = pd.DataFrame(rows, columns=COLUMNS[lang])
    return edit, [gr.update(visible=True), heading, edit.rule, table]


def edited(edit: Edit, rule: str, table: Any) -> Edit:
    """The edit with the page's fields read back; rows keep the order they were shown in."""
    frame = table if isinstance(table, pd.DataFrame) else pd.DataFrame(table)
    values = ["" if pd.isna(v) else str(v) for v in frame.iloc[:, 1]] if len(frame) else []
    names = list(edit.settings)
    settings = {name: values[i] if i < len(values) else edit.settings[name]
                for i, name in enumerate(names)}
    on = edit.on if not (rule or "").strip() else None
    return Edit(edit.tool, settings, (rule or "").strip(), on, edit.within)
