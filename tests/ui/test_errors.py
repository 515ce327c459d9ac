"""A failing handler shows words in the page and logs one line without values."""

from __future__ import annotations

import logging

import gradio as gr
import pytest

from tools.errors import ToolError
from ui.errors import friendly


def test_an_unexpected_error_becomes_an_apology_and_a_short_log_line(
        caplog: pytest.LogCaptureFixture) -> None:
    @friendly("loading the file")
    def handler(secret: str) -> str:
        raise KeyError(secret)

    with caplog.at_level(logging.ERROR), pytest.raises(gr.Error) as raised:
        handler("sk-secret-value")
    assert str(raised.value.message).startswith("Something went wrong while loading the file")
    assert "sk-secret-value" not in caplog.text and "KeyError" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_tool_error_is_shown_as_it_is_also_from_a_stream() -> None:
    @friendly("answering the question")
    def stream() -> object:
        yield 1
        raise ToolError("There is no column 'regoin'. Did you mean 'region'?")

    with pytest.raises(gr.Error, match="Did you mean 'region'"):
        list(stream())
