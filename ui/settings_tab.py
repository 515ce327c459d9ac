"""The Settings tab: which brain answers (local, or an OpenAI-compatible model).

Why the key is handled so carefully: it is read from the environment or typed for this
browser session only. It lives in the session's settings in memory, the key box is
emptied as soon as it is applied, the page never shows it back, and it is never written
to disk or to the log.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.settings import BRAINS, BrainSettings
from ui.errors import friendly
from ui.labels import message
from ui.language import Relabeler
from ui.state import SessionRegistry, UiSession

DEFAULT_URL = "https://api.openai.com/v1"


def brain_settings(brain: str, model: str, base_url: str, typed_key: str,
                   env_settings: BrainSettings) -> BrainSettings:
    """The settings a marketer chose; the key typed here wins over the environment's."""
    brain = (brain or "local").strip().lower()
    if brain not in BRAINS:
        brain = "local"
    return BrainSettings(
        brain=brain,
        model=(model or "").strip() or env_settings.model,
        base_url=(base_url or "").strip() or None,
        api_key=(typed_key or "").strip() or env_settings.api_key,
    )


def settings_status(settings: BrainSettings, key_typed: bool, lang: str) -> str:
    """What the page says about the brain: never the key, only where it came from."""
    if settings.brain == "local":
        return message(lang, "settings_local")
    if key_typed:
        key = message(lang, "key_typed")
    elif settings.api_key:
        key = message(lang, "key_env")
    else:
        key = message(lang, "key_missing")
    return message(lang, "settings_remote", model=settings.model,
                   url=settings.base_url or DEFAULT_URL, key_source=key)


def apply_settings(ui: UiSession, brain: str, model: str, base_url: str,
                   typed_key: str) -> str:
    settings = brain_settings(brain, model, base_url, typed_key, BrainSettings.from_env())
    ui.key_typed = bool((typed_key or "").strip())
    ui.session.use(settings=settings)
    return settings_status(settings, ui.key_typed, ui.lang)


def build_settings_tab(sessions: SessionRegistry, labels: Relabeler,
                       start: BrainSettings) -> None:
    labels.add(gr.Markdown(labels.text("settings_heading")), value="settings_heading")
    brain = labels.add(gr.Radio(list(BRAINS), value=start.brain, label=labels.text("brain"),
                                elem_id="brain"), label="brain")
    model = labels.add(gr.Textbox(start.model, label=labels.text("model"), elem_id="model"),
                       label="model")
    base_url = labels.add(gr.Textbox(start.base_url or "", label=labels.text("base_url"),
                                     elem_id="base-url"), label="base_url")
    api_key = labels.add(gr.Textbox("", type="password", label=labels.text("api_key"),
                                    elem_id="api-key"), label="api_key")
    apply = labels.add(gr.Button(labels.text("apply_settings"), elem_id="apply-settings"),
                       value="apply_settings")
    status = gr.Markdown(settings_status(start, False, labels.lang), elem_id="settings-status")

    @friendly("changing the settings")
    def on_apply(brain_value: str, model_value: str, url_value: str, key_value: str,
                 request: gr.Request) -> tuple[Any, ...]:
        ui = sessions.get(request)
        return apply_settings(ui, brain_value, model_value, url_value, key_value), ""

    apply.click(on_apply, [brain, model, base_url, api_key], [status, api_key],
                api_name="settings")
