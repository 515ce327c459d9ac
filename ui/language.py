"""The language switch: every labelled component registers which label it shows.

Why a registry: the tabs are built in separate modules; each names the label keys of
its components once, and one handler re-labels the whole page in the chosen language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import gradio as gr

from ui.labels import label

Component = TypeVar("Component")
LabelValue = str | Callable[[str], Any]
"""A label key of ui/labels.py, or a function of the language (e.g. radio choices)."""


class Relabeler:
    """Components and the label keys of their properties (label, value, placeholder…)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.entries: list[tuple[Any, dict[str, LabelValue]]] = []

    def text(self, key: LabelValue) -> Any:
        """A label in the page's starting language (for building the components)."""
        return key(self.lang) if callable(key) else label(self.lang, key)

    def add(self, component: Component, **properties: LabelValue) -> Component:
        self.entries.append((component, properties))
        return component

    @property
    def components(self) -> list[Any]:
        return [component for component, _ in self.entries]

    def updates(self, lang: str) -> list[Any]:
        """One update per registered component, in registration order."""
        found = []
        for _component, properties in self.entries:
            values = {name: key(lang) if callable(key) else label(lang, key)
                      for name, key in properties.items()}
            found.append(gr.update(**values))
        return found
