"""The committed fixtures are the ones SOURCES.md describes, small, and cut at whole orders."""

from __future__ import annotations

import hashlib
import re

import pandas as pd
import pytest

from .conftest import FIXTURES

SOURCES = FIXTURES.parent / "SOURCES.md"
MAX_BYTES = 300 * 1024


def listed_checksums() -> dict[str, str]:
    block = SOURCES.read_text(encoding="utf-8").split("## Checksums", 1)[1]
    return {name: digest for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", block,
                                                        re.MULTILINE)}


def test_every_fixture_is_described_with_its_checksum() -> None:
    files = sorted(path.name for path in FIXTURES.iterdir() if path.is_file())
    listed = listed_checksums()
    assert sorted(listed) == files
    text = SOURCES.read_text(encoding="utf-8")
    for name in files:
        assert f"## {name}" in text or f"{name} and" in text or f"and {name}" in text
        digest = hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest()
        assert digest == listed[name], f"{name} changed since SOURCES.md was written"
        assert (FIXTURES / name).stat().st_size < MAX_BYTES


@pytest.mark.parametrize(("name", "order", "customer", "date", "encoding"), [
    ("superstore_orders_month_first.csv", "Order ID", "Customer ID", "Order Date", "utf-8-sig"),
    ("superstore_orders_day_first.csv", "Order ID", "Customer ID", "Order Date", "utf-8"),
    ("sample_sales_short_dates.csv", "ORDERNUMBER", "CUSTOMERNAME", "ORDERDATE", "utf-8"),
])
def test_order_lines_keep_whole_orders(name: str, order: str, customer: str, date: str,
                                       encoding: str) -> None:
    lines = pd.read_csv(FIXTURES / name, dtype=str, encoding=encoding)
    per_order = lines.groupby(order).agg(customers=(customer, "nunique"), dates=(date, "nunique"),
                                         lines=(order, "size"))
    assert (per_order["customers"] == 1).all() and (per_order["dates"] == 1).all()
    assert (per_order["lines"] > 1).any(), "several lines per order, as in the source"


def test_the_headerless_file_is_the_same_reviews_without_the_header() -> None:
    with_header = (FIXTURES / "waimai_reviews.csv").read_bytes()
    without = (FIXTURES / "waimai_reviews_no_header.csv").read_bytes()
    header, rest = with_header.split(b"\n", 1)
    assert header == b"label,review" and rest == without
