"""Turn a file of any common format into a raw table, detecting how it is written.

Text files are decoded and parsed with every cell as a string: types are decided
later by `cleaning`, so zero-padded ids stay ids and "$1,200" can become a number.
Detection (format, encoding, delimiter, header) is reported, never asked of the user.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tools.errors import IngestError

TEXT_FORMATS = ("csv", "jsonl", "json")
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SNIFF_ROWS = 200
MISSING_VALUES = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "none", "-", "#N/A"]
_BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old-style Excel (.xls) or Word file",
    b"SQLite format 3": "a SQLite database",
}


@dataclass
class RawTable:
    """A table as read, plus how it was read (for the quality report)."""

    frame: pd.DataFrame
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    has_header: bool = True
    rows_skipped_malformed: int = 0
    notes: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


def detect_format(path: Path, head: bytes) -> str:
    """Decide the format from the file's first bytes, falling back to its extension."""
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        if _is_xlsx(path):
            return "xlsx"
        raise IngestError(
            f"'{path.name}' is a zip archive, not a table. Unzip it and load the CSV or "
            "Excel file inside."
        )
    for signature, what in _BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise IngestError(
                f"'{path.name}' looks like {what}, not a table. Export your data as CSV, "
                "Excel (.xlsx), Parquet or JSON lines and load that file."
            )
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(
            f"'{path.name}' is a binary file, not text. Export your data as CSV, Excel "
            "(.xlsx), Parquet or JSON lines and load that file."
        )
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    return "csv"


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


# ----- delimited text --------------------------------------------------------------
_DELIMITER_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|"}


def delimiter_option(delimiter: str | None) -> str | None:
    """The separator character for a marketer's choice, or a message naming the real ones."""
    if delimiter is None or delimiter == "":
        return None
    chosen = _DELIMITER_NAMES.get(str(delimiter).strip().lower(), delimiter)
    if chosen not in _DELIMITERS:
        raise IngestError(
            f"'{delimiter}' is not a separator I can use. Choose delimiter ',' (comma), "
            "';' (semicolon), '\\t' (tab) or '|' (pipe), or leave it empty to detect it."
        )
    return chosen


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first rows into the most, consistent columns.

    csv.Sniffer is easily fooled by quoted fields with commas or newlines; counting
    fields per parsed row for each candidate is simple and robust.
    """
    sample = text[:200_000]
    best, best_score = None, (0.0, 0)
    for delimiter in _DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
            rows = list(itertools.islice(reader, _SNIFF_ROWS))
        except csv.Error:
            continue
        rows = [r for r in rows if any(cell.strip() for cell in r)]
        if len(rows) > 1 and len(rows) == _SNIFF_ROWS:
            rows = rows[:-1]  # the last row may be cut by the sample
        if not rows:
            continue
        counts = pd.Series([len(r) for r in rows])
        width = int(counts.mode().iloc[0])
        consistency = float((counts == width).mean())
        score = (consistency, width)
        if width > 1 and consistency >= 0.8 and score > best_score:
            best, best_score = delimiter, score
    if best is not None:
        return best
    lines = [ln for ln in sample.splitlines()[:_SNIFF_ROWS] if ln.strip()]
    widths = pd.Series([len(ln.split()) for ln in lines]) if lines else pd.Series([1])
    if int(widths.mode().iloc[0]) > 1 and float((widths == widths.mode().iloc[0]).mean()) >= 0.8:
        return "whitespace"
    return ","


_NUMBER_OR_DATE = re.compile(
    r"^\s*[-+(]?[$€£¥]?\s*\d[\d,.\s]*%?\)?\s*$|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}"
)


def looks_headerless(first: list[str], body: pd.DataFrame) -> bool:
    """True when the first row looks like data: its cells are numbers/dates like the rows below.

    A header names columns, so a numeric column whose first cell is also numeric votes
    'no header'; one whose first cell is a word votes 'header'. A column of a few repeated
    labels whose first cell is one of them also votes 'no header'. Other text votes nothing.
    """
    votes_data = votes_header = 0
    for position, cell in enumerate(first):
        if position >= body.shape[1]:
            break
        values = first_present(body.iloc[:, position], 100).astype(str)
        if values.empty:
            continue
        if values.map(lambda v: bool(_NUMBER_OR_DATE.match(v))).mean() >= 0.9:
            if _NUMBER_OR_DATE.match(str(cell)):
                votes_data += 1
            else:
                votes_header += 1
        elif len(values) >= 4 and values.nunique() <= len(values) / 2 and cell in set(values):
            votes_data += 1  # a label column (好评/差评, yes/no) whose first cell is a label
    return votes_data > votes_header


def first_present(column: pd.Series, count: int) -> pd.Series:
    """The first `count` non-missing values, without scanning a long column to the end."""
    head = column.head(100 * count).dropna()
    return head.head(count) if len(head) >= count else column.dropna().head(count)


def read_delimited(
    text: str, name: str, has_header: bool | None, delimiter: str | None = None
) -> RawTable:
    """Parse delimited text with every cell as a string; `delimiter` None = detect it."""
    if not text.strip():
        raise IngestError(f"'{name}' is empty. Choose a file that has a header row and data rows.")
    delimiter = delimiter_option(delimiter) or sniff_delimiter(text)
    options = {"sep": r"\s+" if delimiter == "whitespace" else delimiter}
    raw = _parse(text, name, options, header=None)
    skipped = raw.attrs.get("skipped", 0)
    if raw.empty:
        raise IngestError(f"'{name}' has no rows. Choose a file with a header row and data rows.")
    return split_header(raw, name, has_header, delimiter, skipped)


def split_header(
    raw: pd.DataFrame, name: str, has_header: bool | None, delimiter: str | None, skipped: int = 0
) -> RawTable:
    """Turn the first parsed row into column names, unless it is data (then say so)."""
    first = ["" if pd.isna(v) else str(v).strip() for v in raw.iloc[0].tolist()]
    notes = []
    if has_header is None:
        has_header = not (len(raw) > 1 and looks_headerless(first, raw.iloc[1:]))
        if not has_header:
            notes.append(
                f"'{name}' seems to have no header row: its first row "
                f"({', '.join(first[:4])}) looks like data, so it was kept as data and the "
                "columns were named column_1, column_2, … If it is a header, choose “yes” "
                "under “First row is a header” in the load options (has_header from "
                "Python) and check the file again."
            )
    if has_header:
        frame = raw.iloc[1:].reset_index(drop=True)
        frame.columns = first + [f"column_{i + 1}" for i in range(len(first), raw.shape[1])]
    else:
        frame = raw
        frame.columns = [f"column_{i + 1}" for i in range(raw.shape[1])]
    label = "whitespace" if delimiter == "whitespace" else _DELIMITERS.get(delimiter or "")
    return RawTable(
        frame,
        "csv",
        delimiter=label,
        has_header=has_header,
        rows_skipped_malformed=skipped,
        notes=notes,
    )


def _parse(text: str, name: str, options: dict, header: int | None) -> pd.DataFrame:
    common = {
        "dtype": str,
        "header": header,
        "keep_default_na": False,
        "na_values": MISSING_VALUES,
        "skip_blank_lines": True,
        **options,
    }
    try:
        return pd.read_csv(io.StringIO(text), **common)
    except pd.errors.ParserError as exc:
        message = str(exc)
        if "EOF inside string" in message or "unexpected end of data" in message:
            line = re.search(r"row (\d+)", message)
            where = f" starting near line {int(line.group(1)) + 1}" if line else ""
            raise IngestError(
                f"'{name}' has a quotation mark (\") that is never closed{where}, so the rest "
                "of the file would be read as one cell. Fix the quotes in that line, or export "
                "the file again from your spreadsheet with standard CSV quoting."
            ) from exc
    # Rows with the wrong number of fields: keep the good ones and count the bad ones.
    bad: list[list[str]] = []

    def skip(line: list[str]) -> None:
        bad.append(line)

    try:
        frame = pd.read_csv(io.StringIO(text), engine="python", on_bad_lines=skip, **common)
    except (pd.errors.ParserError, csv.Error) as exc:
        raise IngestError(
            f"'{name}' could not be read as a table ({exc}). Check that every row has the "
            "same columns as the header and that quotes are balanced."
        ) from exc
    frame.attrs["skipped"] = len(bad)
    return frame


# ----- other formats -------------------------------------------------------------
def read_excel(path: Path, sheet: str | int | None, has_header: bool | None = None) -> RawTable:
    try:
        workbook = pd.ExcelFile(path, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise IngestError(
            f"'{path.name}' could not be opened as an Excel workbook ({exc}). Open it in your "
            "spreadsheet program and save it again as .xlsx."
        ) from exc
    sheets = [str(s) for s in workbook.sheet_names]
    notes = []
    if sheet is None:
        chosen: str | int = sheets[0]
        if len(sheets) > 1:
            notes.append(
                f"The workbook has {len(sheets)} sheets; read '{sheets[0]}'. "
                f"Others: {', '.join(sheets[1:])}. To read another, choose it with the sheet "
                "option (its name or number)."
            )
    elif isinstance(sheet, int) or (
        isinstance(sheet, str) and sheet.isdigit() and sheet not in sheets
    ):
        index = int(sheet)
        if not 1 <= index <= len(sheets):
            raise IngestError(
                f"The workbook has {len(sheets)} sheet(s); there is no sheet number "
                f"{index}. Its sheets are: {', '.join(sheets)}."
            )
        chosen = sheets[index - 1]
    elif sheet not in sheets:
        raise IngestError(
            f"There is no sheet '{sheet}' in '{path.name}'. Its sheets are: {', '.join(sheets)}."
        )
    else:
        chosen = sheet
    raw = pd.read_excel(workbook, sheet_name=chosen, dtype=object, header=None)
    raw = raw.map(lambda v: v.strip() if isinstance(v, str) else v)
    if raw.empty:
        table = RawTable(raw, "xlsx")
    else:
        table = split_header(raw, path.name, has_header, delimiter=None)
    table.file_format, table.sheet, table.sheets = "xlsx", str(chosen), sheets
    table.notes = notes + table.notes
    return table


def read_parquet(path: Path) -> RawTable:
    try:
        return RawTable(pd.read_parquet(path), "parquet")
    except Exception as exc:  # pyarrow raises ArrowInvalid and friends
        raise IngestError(
            f"'{path.name}' is not a readable Parquet file ({exc}). Export it "
            "again, or load the data as CSV."
        ) from exc


def read_json_text(text: str, name: str, lines: bool) -> RawTable:
    if not text.strip():
        raise IngestError(f"'{name}' is empty. Choose a file with one JSON object per line.")
    records = []
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise IngestError(
                    f"Line {number} of '{name}' is not valid JSON ({exc.msg}). "
                    "Each line must be one JSON object such as "
                    '{"customer_id": "C1", "amount": 12.5}.'
                ) from exc
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(
                f"'{name}' is not valid JSON ({exc.msg} at line {exc.lineno})."
            ) from exc
        records = data if isinstance(data, list) else data.get("data", data.get("records", [data]))
    if not records or not all(isinstance(r, dict) for r in records):
        raise IngestError(
            f"'{name}' must hold JSON objects (one per row), like "
            '{"customer_id": "C1", "amount": 12.5}.'
        )
    frame = pd.json_normalize(records)
    return RawTable(frame, "jsonl" if lines else "json", encoding="UTF-8")
