"""Tell the language of each text from the script its letters are written in.

Why script counting and no language model: it is instant on tens of thousands of texts,
needs nothing downloaded, and is what the store needs (which tokenizer and stemmer to
use, which quotes to show for a Chinese question).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Each script's letters; Han is shared by Chinese and Japanese, so kana decides between them.
_SCRIPTS = {
    "latin": r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]",
    "han": r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]",
    "kana": r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]",
    "ko": r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]",
    "ru": r"[\u0400-\u04ff]",
    "ar": r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]",
    "he": r"[\u0590-\u05ff]",
    "th": r"[\u0e00-\u0e7f]",
    "el": r"[\u0370-\u03ff\u1f00-\u1fff]",
}
# One Han, kana or Hangul character carries about as much as a short Latin word, so a
# Chinese sentence with a brand name in it still counts as Chinese.
_SYLLABIC_WEIGHT = 3.0
_KANA_SHARE_FOR_JAPANESE = 0.1


def detect_language(texts: pd.Series) -> pd.Series:
    """A language code per text ("en", "zh", "ja", "ko", "ru", "ar", "he", "th", "el").

    The code is the script with the largest share of letters. Latin-script languages
    (English, French, Spanish …) are not told apart: all become "en", so pass a language
    column when the sources mix them. Texts with no letters get a missing value.
    """
    values = texts.astype("object").to_numpy()
    result = np.full(len(values), None, dtype=object)
    is_text = np.array([isinstance(v, str) for v in values], dtype=bool)
    plain = np.array(
        [bool(is_text[i]) and values[i].isascii() for i in range(len(values))], dtype=bool
    )
    if plain.any():
        has_letter = pd.Series(values[plain], dtype="string").str.contains(r"[A-Za-z]")
        result[np.flatnonzero(plain)[has_letter.to_numpy(dtype=bool)]] = "en"
    rest = np.flatnonzero(is_text & ~plain)
    if len(rest):
        result[rest] = _by_script(pd.Series(values[rest], dtype="string"))
    return pd.Series(result, index=texts.index, dtype="string")


def _by_script(texts: pd.Series) -> np.ndarray:
    """Language codes for texts with non-ASCII characters, decided by letter counts."""
    counts = {
        script: texts.str.count(pattern).to_numpy(dtype=float)
        for script, pattern in _SCRIPTS.items()
    }
    han, kana = counts.pop("han"), counts.pop("kana")
    japanese = (kana > 0) & (kana >= _KANA_SHARE_FOR_JAPANESE * (han + kana))
    scores = {
        "en": counts.pop("latin"),
        "zh": np.where(japanese, 0.0, han) * _SYLLABIC_WEIGHT,
        "ja": np.where(japanese, han + kana, 0.0) * _SYLLABIC_WEIGHT,
        "ko": counts.pop("ko") * _SYLLABIC_WEIGHT,
        **counts,
    }
    codes = list(scores)
    table = np.vstack([scores[c] for c in codes])
    best = np.array(codes, dtype=object)[table.argmax(axis=0)]
    return np.where(table.max(axis=0) > 0, best, None)
