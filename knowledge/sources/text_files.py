"""Read a plain text or Markdown file as one document, whatever encoding it was saved in.

Why line-by-line decoding: notes pasted together from several tools often mix UTF-8
lines with Windows-1252 ones ("café" written both ways). Decoding each line on its own
keeps both readable instead of turning one of them into mojibake.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import numpy as np

from knowledge.errors import KnowledgeError

MAX_TEXT_CHARS = 1_000_000
_MAX_BYTES_PER_CHAR = 4  # UTF-8 and UTF-16 never need more, so bigger files are too long
_GBK_PAIRED_SHARE = 0.9


def read_text_file(path: Path, name: str, max_bytes: int | None = None) -> tuple[str, list[str]]:
    """The decoded text and any warnings; a KnowledgeError for empty or too-long files.

    The size is checked before anything is read, so a huge file fails at once.
    """
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise KnowledgeError(
            f"'{name}' is {size / 1024 / 1024:,.1f} MB; the limit is "
            f"{max_bytes / 1024 / 1024:,.1f} MB. Split it into smaller files."
        )
    if size > MAX_TEXT_CHARS * _MAX_BYTES_PER_CHAR:
        raise _too_long(name, f"{size / 1024 / 1024:,.1f} MB")
    text, warnings = decode_text(path.read_bytes(), name)
    if len(text) > MAX_TEXT_CHARS:
        raise _too_long(name, f"{len(text):,} characters")
    if not text.strip():
        raise KnowledgeError(f"'{name}' is empty. Choose a file that contains text.")
    return text, warnings


def _too_long(name: str, size: str) -> KnowledgeError:
    return KnowledgeError(
        f"'{name}' is {size}; one text document may have at most {MAX_TEXT_CHARS:,} "
        "characters. Split it into several files (e.g. one file per call or per note)."
    )


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode UTF-8 (BOM or not), UTF-16 with BOM, GB18030, or UTF-8 mixed with cp1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise KnowledgeError(
                f"'{name}' starts like UTF-16 text but cannot be decoded. Save it again as UTF-8."
            ) from exc
    if b"\x00" in data[:8192]:
        raise KnowledgeError(
            f"'{name}' is a binary file, not text. Save the text as UTF-8 (.txt) and load that."
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    if not any(_is_utf8_beyond_ascii(line) for line in lines) and _looks_like_gbk(data):
        return data.decode("gb18030"), []
    decoded, redecoded = [], 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(_decode_western(line))
            redecoded += 1
    warning = (
        f"'{name}': {redecoded:,} line(s) were not valid UTF-8 and were read as "
        "Windows-1252 (cp1252); check accented letters in them."
    )
    return "".join(decoded), [warning]


def _is_utf8_beyond_ascii(line: bytes) -> bool:
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_western(line: bytes) -> str:
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return line.decode("latin-1")


def _looks_like_gbk(data: bytes) -> bool:
    """Chinese GBK/GB18030 text: bytes above 0x7F come in pairs; cp1252 accents stand alone."""
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    high = np.frombuffer(data, dtype=np.uint8) >= 0x80
    if not high.any():
        return False
    edges = np.diff(np.r_[0, high.astype(np.int8), 0])
    run_lengths = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
    paired = run_lengths[run_lengths % 2 == 0].sum()
    return paired >= _GBK_PAIRED_SHARE * high.sum()
