"""Every label and message exists in English and Chinese, with the same placeholders."""

from __future__ import annotations

import re
import string

from ui.labels import EXAMPLES, LABELS, LANGUAGES, MESSAGES, label, language_code, message

CJK = re.compile(r"[\u3400-\u9fff]")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_name_every_label() -> None:
    assert set(LABELS["en"]) == set(LABELS["zh"])
    for key in LABELS["en"]:
        assert LABELS["en"][key].strip() and LABELS["zh"][key].strip(), key
        assert CJK.search(LABELS["zh"][key]), f"'{key}' is not translated"
        assert not CJK.search(LABELS["en"][key]), f"'{key}' has Chinese in English"


def test_messages_have_the_same_placeholders_in_both_languages() -> None:
    assert set(MESSAGES["en"]) == set(MESSAGES["zh"])
    for key, english in MESSAGES["en"].items():
        assert placeholders(english) == placeholders(MESSAGES["zh"][key]), key


def test_examples_are_offered_in_both_languages() -> None:
    assert len(EXAMPLES["en"]) == len(EXAMPLES["zh"]) >= 3
    assert all(CJK.search(q) for q in EXAMPLES["zh"])


def test_the_switch_maps_to_language_codes() -> None:
    assert [language_code(choice) for choice in LANGUAGES] == ["en", "zh"]
    assert language_code(None) == "en" and language_code("zh") == "zh"
    assert label("中文", "send") == "发送"
    assert message("en", "loaded", name="orders", rows=1200, workspace="My data") == (
        "Loaded **orders**: 1,200 rows into “My data”. You can ask about it in the chat now.")
