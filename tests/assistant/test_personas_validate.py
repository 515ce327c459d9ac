"""The persona validator: a wrong number or an invented quote never reaches a saved document."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from assistant.grounding import GroundingPack
from assistant.personas import build_pack, validate_persona, write_persona
from assistant.personas.pack import PersonaPack
from knowledge.store import KnowledgeStore
from tools.registry import run_tool
from tools.result import Fact
from tools.workspace import Workspace

INVENTED = "Honestly the best coupons I have ever seen, I tell all my friends."


@pytest.fixture(scope="module")
def discount_persona(demo_knowledge_root, tmp_path_factory):
    """The discount-driven persona of the demo, its pack, its store and its true size."""
    root = tmp_path_factory.mktemp("validate") / "demo"
    shutil.copytree(demo_knowledge_root, root)
    ws = Workspace(root)
    run_tool("consumer_types", ws)
    store = KnowledgeStore(ws)
    pack = build_pack(ws, "discount-driven", store)
    entry = ws.manifest["meta"]["segmentations"]["consumer types"]
    labels = pd.read_parquet(ws.root / entry["file"])["segment"]
    return write_persona(pack), pack, store, int((labels == "discount-driven").sum())


def test_the_written_persona_is_fully_grounded(discount_persona):
    document, pack, store, _ = discount_persona
    checked = validate_persona(document.markdown, pack, store)
    assert checked.ok, (checked.ungrounded_numbers, checked.ungrounded_quotes)
    assert checked.text == document.markdown
    assert len(checked.report.quotes) >= 5 and len(checked.report.numbers) > 50


def test_a_wrong_number_and_an_invented_quote_are_caught(discount_persona):
    document, pack, store, size = discount_persona
    right, wrong = f"{size:,} customers", f"{size + 37:,} customers"
    row = f"| Customers | {right} |"
    assert row in document.markdown
    tampered = document.markdown.replace(row, f"| Customers | {wrong} |").replace(
        "## Preferred channels", f'> "{INVENTED}" — review R000001\n\n## Preferred channels')
    checked = validate_persona(tampered, pack, store)
    assert not checked.ok
    assert checked.ungrounded_numbers == [f"{size + 37:,}"]
    assert checked.ungrounded_quotes == [INVENTED]
    assert f"{size + 37:,} [unverified] customers" in checked.text
    assert INVENTED not in checked.text and "quote removed" in checked.text
    real_quotes = [q for q in checked.report.quotes if q != INVENTED]
    assert real_quotes and all(f'"{q}"' in checked.text for q in real_quotes)
    assert checked.text.count("[unverified]") == 1


def test_dates_years_and_document_ids_are_not_numbers_but_counts_are():
    pack = PersonaPack("s", "seg", "rule", GroundingPack(facts={
        "customers": Fact(1343, "customers"), "share": Fact(0.224, "share")}))
    text = ("Orders up to 2026-10-31, since 2019 and in 2024-03; 1,343 customers (22.4%); "
            "see review R000123 and call CALL00512.")
    assert validate_persona(text, pack, None).ok
    wrong = validate_persona(text.replace("1,343", "2,019"), pack, None)
    assert wrong.ungrounded_numbers == ["2,019"]
    assert validate_persona("It grew 2026 customers.", pack, None).ungrounded_numbers == ["2026"]


def test_numbers_inside_a_real_quote_are_the_customers_words(discount_persona):
    _, pack, store, _ = discount_persona
    quote = next(q for t in pack.themes for q in t.quotes if any(c.isdigit() for c in q.text))
    checked = validate_persona(f'> "{quote.text}" — review {quote.doc_id}', pack, store)
    assert checked.ok
    invented = validate_persona('> "I was charged 99 dollars for nothing at all."', pack, store)
    assert invented.ungrounded_quotes and "99" not in invented.text
