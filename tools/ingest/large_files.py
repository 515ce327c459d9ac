"""Read a large UTF-8 delimited file straight from disk into compact Arrow-backed columns.

The general reader decodes the whole file into one Python string and parses that, which
needs several times the file's size in memory and makes a Python object of every cell.
Arrow parses the bytes directly into string columns. It is used only where it gives the
same table as the general reader: valid UTF-8, no NUL bytes, one of the common delimiters
and every row as wide as the first. Anything else returns None and the general reader
runs, so unusual files keep their exact messages and handling of malformed rows.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as arrow_csv

from tools.ingest import reading

FAST_READ_MIN_BYTES = 4 * 1024 * 1024  # smaller files are quick with the general reader
_SCAN_CHUNK = 16 * 1024 * 1024
_SNIFF_CHARS = 200_000  # what sniff_delimiter looks at
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class TextScan:
    """What one pass over the bytes found out: the encoding label and whether quotes occur."""

    encoding: str
    has_quotes: bool


def scan_utf8(path: Path) -> TextScan | None:
    """Check the whole file is valid UTF-8 without NUL bytes, in fixed-size chunks.

    None when it is not: UTF-16 and legacy encodings go to the general reader, which
    detects them, and so does UTF-8 with a BOM and broken bytes (it replaces those).
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    has_quotes, first = False, True
    encoding = "UTF-8"
    with open(path, "rb") as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            if first:
                if chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                    return None
                if chunk.startswith(_BOM):
                    encoding, chunk = "UTF-8 with BOM", chunk[len(_BOM) :]
                first = False
            if b"\x00" in chunk:
                return None
            has_quotes = has_quotes or b'"' in chunk
            if chunk.isascii() and not decoder.getstate()[0]:
                continue
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return None
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return TextScan(encoding, has_quotes)


def _head_text(path: Path) -> str:
    """The first characters of the file, as the general reader's sniffing sees them."""
    with open(path, "rb") as handle:
        data = handle.read(4 * _SNIFF_CHARS + 4)
        at_end = not handle.read(1)
    data = data.removeprefix(_BOM)
    return codecs.getincrementaldecoder("utf-8")().decode(data, final=at_end)[:_SNIFF_CHARS]


def read_large_delimited(
    path: Path,
    has_header: bool | None,
    delimiter: str | None = None,
    encoding: str | None = None,
) -> reading.RawTable | None:
    """Parse a big UTF-8 CSV/TSV with Arrow; None when the general reader must decide.

    `delimiter` and `encoding` are the marketer's choices (None = detect); a chosen
    encoding other than UTF-8 goes to the general reader.
    """
    if path.stat().st_size < FAST_READ_MIN_BYTES:
        return None
    if encoding is not None and encoding.replace("_", "-") not in ("utf-8", "utf-8-sig"):
        return None
    scan = scan_utf8(path)
    if scan is None:
        return None
    head = _head_text(path)
    if not head.strip():
        return None
    delimiter = delimiter or reading.sniff_delimiter(head)
    if delimiter == "whitespace":
        return None
    if scan.has_quotes and not _ends_with_line_break(path):
        return None
    raw = _parse_with_arrow(path, delimiter, newlines_in_values=scan.has_quotes)
    if raw is None or raw.empty or raw.shape[1] < 2:
        return None  # one column: whitespace-only lines count as blank to the general reader
    if scan.has_quotes and _last_row_spans_lines(raw):
        return None
    table = reading.split_header(raw, path.name, has_header, delimiter)
    table.encoding = scan.encoding
    return table


def _ends_with_line_break(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, 2)
        return handle.read(1) in (b"\n", b"\r")


def _last_row_spans_lines(raw: pd.DataFrame) -> bool:
    """A quote left open runs to the end of the file, line breaks and all: Arrow accepts
    that as one last cell, the general reader rightly refuses it. Since the file ends
    with a line break, such a cell always contains one."""
    last = raw.iloc[-1].dropna().astype(str)
    return bool(
        last.str.contains("\n", regex=False).any() or last.str.contains("\r", regex=False).any()
    )


def _parse_with_arrow(path: Path, delimiter: str, newlines_in_values: bool) -> pd.DataFrame | None:
    """Every cell as text, the same missing-value words as the general reader; None on any
    row the general reader would treat specially (too few or too many fields)."""
    width_guess = 4096  # column types for names that do not occur are ignored
    string_types = {f"f{i}": pa.large_string() for i in range(width_guess)}
    try:
        table = arrow_csv.read_csv(
            path,
            read_options=arrow_csv.ReadOptions(
                autogenerate_column_names=True, block_size=_SCAN_CHUNK
            ),
            parse_options=arrow_csv.ParseOptions(
                delimiter=delimiter,
                quote_char='"',
                double_quote=True,
                escape_char=False,
                newlines_in_values=newlines_in_values,
                ignore_empty_lines=True,
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types=string_types,
                null_values=reading.MISSING_VALUES,
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    if table.num_columns >= width_guess:
        return None
    text_dtype = pd.StringDtype(na_value=np.nan)
    return table.to_pandas(types_mapper={pa.large_string(): text_dtype}.get)
