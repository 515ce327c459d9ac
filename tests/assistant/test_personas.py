"""Persona documents: one per segment, every figure and quote traceable to the data.

Expected values come from the planted demo truth or from plain pandas on the saved
segmentation and the raw tables, never from the persona code itself.
"""

from __future__ import annotations

import re
import shutil

import docx
import pandas as pd
import pytest

from assistant.personas import DRAFT_PERSONAS
from tools.registry import run_tool
from tools.workspace import Workspace

HEADINGS = [
    "Who they are",
    "How they buy",
    "Goals and motivations",
    "Pain points in their own words",
    "Preferred channels",
    "What marketing should do",
    "What sales should do",
    "What customer service should do",
    "Size and value",
]
QUOTE_LINE = re.compile(r'^> "(?P<text>[^"]+)" — (?P<source>\w+) (?P<doc>\S+)$', re.M)
NOT_PURCHASES = {"returned", "cancelled"}


@pytest.fixture(scope="module")
def drafted(demo_knowledge_root, tmp_path_factory):
    """The indexed demo with consumer types saved and a persona drafted for every type."""
    root = tmp_path_factory.mktemp("personas") / "demo"
    shutil.copytree(demo_knowledge_root, root)
    ws = Workspace(root)
    run_tool("consumer_types", ws)
    return ws, DRAFT_PERSONAS.run(ws, segmentation="consumer types")


def saved_labels(ws: Workspace, name: str) -> pd.Series:
    """customer_id → segment, read straight from the saved segmentation file."""
    entry = ws.manifest["meta"]["segmentations"][name]
    frame = pd.read_parquet(ws.root / entry["file"])
    return frame.set_index(frame["customer_id"].astype(str))["segment"]


def document_of(result, segment: str) -> str:
    documents = result.tables["documents"].set_index("segment")
    return documents.loc[segment, "markdown"]


def section(markdown: str, heading: str) -> str:
    return markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_one_document_per_consumer_type_with_every_section(drafted):
    ws, result = drafted
    labels = saved_labels(ws, "consumer types")
    assert sorted(result.table["segment"]) == sorted(labels.unique())
    assert result.fact("personas") == labels.nunique() == len(result.tables["documents"])
    for markdown in result.tables["documents"]["markdown"]:
        found = re.findall(r"^## (.+)$", markdown, re.M)
        assert found == HEADINGS
    assert result.table["persona"].str.lower().nunique() == len(result.table)
    assert result.provenance.tool == "draft_personas"


def test_size_and_revenue_share_match_an_independent_count(drafted):
    ws, result = drafted
    labels = saved_labels(ws, "consumer types")
    orders = ws.read_dataset("orders")
    purchases = orders[~orders["status"].str.lower().isin(NOT_PURCHASES)]
    revenue = purchases.groupby(purchases["customer_id"].astype(str))["amount"].sum()
    customers = len(ws.read_dataset("customers"))
    for segment, members in labels.groupby(labels):
        markdown = document_of(result, segment)
        count = len(members)
        share = revenue.reindex(members.index).fillna(0).sum() / revenue.sum()
        table = section(markdown, "Size and value")
        assert f"| Customers | {count:,} customers |" in table
        assert f"| Share of customers | {count / customers * 100:.1f}% |" in table
        assert f"| Share of revenue | {share * 100:.1f}% |" in table
        row = result.table.set_index("segment").loc[segment]
        assert row["customers"] == count
        assert row["revenue_share"] == pytest.approx(share, abs=1e-9)


def test_the_discount_driven_persona_complains_about_coupons_in_verbatim_quotes(
    drafted, demo_truth
):
    ws, result = drafted
    markdown = document_of(result, "discount-driven")
    pains = section(markdown, "Pain points in their own words")
    coupon = demo_truth["archetypes"]["discount_hunter"]["pain_points"]["coupon_problems"]
    headings = " ".join(re.findall(r"^### (.+)$", pains, re.M)).lower()
    assert any(re.search(rf"\b{re.escape(word)}\b", headings) for word in coupon["keywords"])
    sources = pd.concat([
        ws.read_dataset("reviews").set_index("review_id")["text"],
        ws.read_dataset("surveys").set_index("response_id")["answer"],
        ws.read_dataset("transcripts").set_index("call_id")["transcript"],
    ])
    quotes = list(QUOTE_LINE.finditer(pains))
    assert len(quotes) >= 5
    for quote in quotes:
        source = " ".join(str(sources[quote["doc"]]).split())
        assert quote["text"] in source, quote["doc"]
    quoted = " ".join(q["text"].lower() for q in quotes)
    assert re.search(r"\b(coupon|voucher|promo code|discount code)\b", quoted)


def test_the_discount_driven_persona_leads_with_promotions(drafted):
    _, result = drafted
    markdown = document_of(result, "discount-driven")
    assert "Price-driven" in markdown.splitlines()[0]
    marketing = section(markdown, "What marketing should do")
    assert "promotions" in marketing and "Rests on: orders with a discount" in marketing
    assert "coupon" in section(markdown, "What customer service should do").lower()


def test_every_saved_document_is_grounded_and_both_files_exist(drafted):
    ws, result = drafted
    files = result.tables["files"]
    assert len(files) == 2 * len(result.table)
    assert all(path.startswith(str(ws.root / "personas")) for path in files["path"])
    for row in result.table.itertuples():
        markdown = (ws.root / row.markdown_file).read_text(encoding="utf-8")
        assert markdown == document_of(result, row.segment)
        assert "[unverified" not in markdown and "quote removed" not in markdown
        word = docx.Document(str(ws.root / row.docx_file))
        text = "\n".join(p.text for p in word.paragraphs)
        assert row.persona in text
        first_quote = QUOTE_LINE.search(markdown)
        assert first_quote is not None and first_quote["text"] in text
        assert word.tables and word.tables[0].cell(1, 0).text == "Customers"


def test_the_summary_is_built_from_facts(drafted):
    _, result = drafted
    shown = " ".join(fact.text for fact in result.facts.values())
    for number in re.findall(r"\d[\d,.]*\d%?|\d%?", result.summary):
        assert number.rstrip(".,") in shown
    assert result.fact("discount_driven_customers") == result.table.set_index(
        "segment").loc["discount-driven", "customers"]
