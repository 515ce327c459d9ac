"""The language of a text is the script most of its letters are written in."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from knowledge.language import detect_language
from tools.workspace import Workspace


def test_planted_scripts() -> None:
    texts = pd.Series(
        {
            "english": "The delivery was late but the support team was lovely.",
            "chinese": "物流很快，包装也很好，会再买。",
            "japanese": "配送が早くて、とても満足しています。",
            "korean": "배송이 빠르고 품질이 좋아요.",
            "russian": "Доставка была быстрой, спасибо!",
            "arabic": "التوصيل كان سريعا",
            "greek": "Πολύ καλή εξυπηρέτηση",
            "french": "Très bon produit, livraison rapide.",
        }
    )
    detected = detect_language(texts)
    assert detected.to_dict() == {
        "english": "en",
        "chinese": "zh",
        "japanese": "ja",
        "korean": "ko",
        "russian": "ru",
        "arabic": "ar",
        "greek": "el",
        "french": "en",  # Latin-script languages are not told apart
    }
    assert str(detected.dtype).startswith("string")


def test_chinese_with_brand_names_stays_chinese() -> None:
    texts = pd.Series(["我在Amazon买的iPhone充电器很好用", "Great 手机 case, love it"])
    assert detect_language(texts).tolist() == ["zh", "en"]


def test_texts_without_letters_are_missing() -> None:
    detected = detect_language(
        pd.Series(["", "   ", None, "12345 !!", "ok"], index=[5, 6, 7, 8, 9])
    )
    assert detected.isna().tolist() == [True, True, True, True, False]
    assert detected.index.tolist() == [5, 6, 7, 8, 9]


def test_demo_reviews_agree_with_their_language_column(demo_ws: Workspace) -> None:
    reviews = demo_ws.read_dataset("reviews")
    assert set(reviews["language"]) == {"en", "zh"}
    detected = detect_language(reviews["text"])
    agreement = (detected == reviews["language"]).mean()
    assert agreement >= 0.99


def test_womens_reviews_are_english_and_fast(shared_data: Path) -> None:
    texts = pd.read_csv(shared_data / "womens_clothing_reviews.csv")["Review Text"]
    started = time.perf_counter()
    detected = detect_language(texts)
    assert time.perf_counter() - started < 1.0
    present = texts.notna() & (texts.fillna("").str.strip() != "")
    assert (detected[present] == "en").all()
    assert detected[~present].isna().all()
