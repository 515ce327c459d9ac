"""Save a validated persona as Markdown and as a Word document in the workspace.

Both files are written from the same validated Markdown, each through a temporary file
renamed into place, so a reader never sees half a document and the two never disagree.
The Word file keeps the Markdown's shape: headings, paragraphs, bullet lists, quotes as
indented italic paragraphs and the size-and-value table as a real table.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.shared import Cm

from tools.export import safe_file_stem
from tools.workspace import Workspace, atomic_write, atomic_write_text

FOLDER = "personas"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
_TABLE_RULE = re.compile(r"^\|\s*-+\s*(\|\s*-+\s*)*\|$")


def persona_stem(segmentation: str, segment: str) -> str:
    """'consumer types' + 'discount-driven' → 'persona-consumer_types-discount-driven'."""
    stem = safe_file_stem(f"{segmentation}-{segment}").removeprefix("segment-")
    return f"persona-{stem}"


def save_persona(ws: Workspace, stem: str, markdown: str) -> tuple[Path, Path]:
    """Write `<workspace>/personas/<stem>.md` and `.docx`; returns both paths."""
    folder = ws.root / FOLDER
    md_path, docx_path = folder / f"{stem}.md", folder / f"{stem}.docx"
    atomic_write_text(md_path, markdown)
    document = markdown_to_docx(markdown)
    atomic_write(docx_path, lambda tmp: document.save(str(tmp)))
    return md_path, docx_path


def markdown_to_docx(markdown: str) -> docx.document.Document:
    """A Word document of the Markdown a persona is written in."""
    document = docx.Document()
    table_rows: list[list[str]] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            _runs(document.add_paragraph(), " ".join(paragraph))
            paragraph.clear()

    def end_table() -> None:
        if table_rows:
            _table(document, table_rows)
            table_rows.clear()

    for raw in markdown.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            end_paragraph()
            if not _TABLE_RULE.match(line.replace(" ", "")):
                table_rows.append([cell.strip() for cell in line.strip("|").split("|")])
            continue
        end_table()
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if not line.strip() or heading or line.startswith(("- ", "> ")):
            end_paragraph()
        if heading:
            document.add_heading(_plain(heading.group(2)), level=len(heading.group(1)) - 1)
        elif line.startswith("- "):
            _runs(document.add_paragraph(style="List Bullet"), line[2:])
        elif line.startswith("> "):
            quote = document.add_paragraph()
            quote.paragraph_format.left_indent = Cm(1)
            quote.add_run(line[2:]).italic = True
        elif line.strip():
            paragraph.append(line.strip())
    end_paragraph()
    end_table()
    return document


def _table(document: docx.document.Document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.text = _plain(text)
            if i == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def _runs(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    """Add `text` to `paragraph` with **bold** and *italic* spans as formatted runs."""
    position = 0
    pattern = re.compile(rf"{_BOLD.pattern}|{_ITALIC.pattern}")
    for match in pattern.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position:match.start()])
        if match.group(1) is not None:
            paragraph.add_run(match.group(1)).bold = True
        else:
            paragraph.add_run(match.group(2)).italic = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def _plain(text: str) -> str:
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))
