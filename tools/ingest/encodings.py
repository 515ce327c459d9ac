"""Decode a text file's bytes: detected (UTF-8, UTF-16, GB18030, Latin-1) or as chosen."""

from __future__ import annotations

import codecs

from tools.errors import IngestError

ENCODING_EXAMPLES = "'utf-8', 'gb18030' (Chinese), 'latin-1' (Western), 'utf-16'"


def encoding_option(encoding: str | None) -> str | None:
    """The codec name for a marketer's encoding choice, or a message naming real ones."""
    if encoding is None or not str(encoding).strip():
        return None
    try:
        return codecs.lookup(str(encoding).strip()).name
    except LookupError as exc:
        raise IngestError(
            f"'{encoding}' is not an encoding I know. Choose one such as {ENCODING_EXAMPLES}, "
            "or leave encoding empty to detect it."
        ) from exc


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes, detecting UTF-8 (with or without BOM), UTF-16, GB18030 or Latin-1.

    A chosen `encoding` is used as given; bytes it cannot read are an error naming others.
    """
    codec = encoding_option(encoding)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"'{name}' cannot be read as {encoding} (byte {exc.start:,} does not fit). "
                f"Choose another encoding such as {ENCODING_EXAMPLES}, or leave encoding empty "
                "to detect it."
            ) from exc
        return text.removeprefix("\ufeff"), codec
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_legacy_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding = "latin-1"
        text = data.decode(encoding)
    label = {"gb18030": "GB18030 (GBK)", "cp1252": "Latin-1 (Windows-1252)"}
    return text, label.get(encoding, encoding)


def _guess_legacy_encoding(data: bytes) -> str:
    """Tell Chinese (GB18030/GBK) from Western (Latin-1) bytes by how high bytes pair up.

    In GBK text nearly every byte above 0x80 belongs to a pair whose both bytes are in
    0xA1-0xFE (or a GB18030 four-byte sequence). In Latin-1 text an accented letter is
    usually followed by plain ASCII. Statistical detectors misjudge small files, where
    this structural test stays reliable.
    """
    paired = single = 0
    i, size = 0, len(data)
    while i < size:
        byte = data[i]
        if byte < 0x80:
            i += 1
            continue
        nxt = data[i + 1] if i + 1 < size else 0
        if (
            0x81 <= byte <= 0xFE
            and 0x30 <= nxt <= 0x39
            and i + 3 < size
            and 0x81 <= data[i + 2] <= 0xFE
            and 0x30 <= data[i + 3] <= 0x39
        ):
            paired, i = paired + 2, i + 4
        elif 0xA1 <= byte <= 0xFE and 0xA1 <= nxt <= 0xFE:
            paired, i = paired + 1, i + 2
        else:
            single, i = single + 1, i + 1
    return "gb18030" if paired >= 2 * single and paired else "cp1252"
