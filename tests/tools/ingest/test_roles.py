"""Column roles are inferred from names (English and Chinese) and values, and can be corrected."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.ingest import IngestOptions, read_table


def write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ORDERS = (
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    "536365,85123A,WHITE HANGING HEART T-LIGHT,6,12/01/2010 08:26,2.55,17850,United Kingdom\n"
    "536365,71053,WHITE METAL LANTERN,6,12/01/2010 08:26,3.39,17850,United Kingdom\n"
    "536366,22633,HAND WARMER UNION JACK,6,12/01/2010 08:28,1.85,17850,United Kingdom\n"
    "C536379,D,Discount,-1,12/01/2010 09:41,27.50,14527,United Kingdom\n"
    "536380,22961,JAM MAKING SET PRINTED,24,12/13/2010 09:41,1.45,17809,France\n"
    "536381,22139,RETROSPOT TEA SET CERAMIC 11 PC,-3,12/13/2010 09:41,4.95,15311,France\n"
)


def test_online_retail_style_orders(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, ORDERS))
    roles = table.report.roles
    assert roles["CustomerID"] == "customer_id"
    assert roles["InvoiceNo"] == "order_id"
    assert roles["InvoiceDate"] == "transaction_date"
    assert roles["Quantity"] == "quantity"
    assert roles["UnitPrice"] == "unit_price"
    assert roles["Description"] == "text" or roles["Description"] == "categorical"
    # amount = quantity × unit price, computed here independently
    assert table.frame["amount"].tolist() == [15.3, 20.34, 11.1, -27.5, 34.8, -14.85]
    assert roles["amount"] == "amount"
    # returns: the 'C' invoice and the negative quantity
    assert table.frame["is_return"].tolist() == [False, False, False, True, False, True]
    assert table.report.returns_flagged == 2
    # month/day dates: 12/13 proves month first
    assert str(table.frame["InvoiceDate"].iloc[-1]) == "2010-12-13 09:41:00"


def test_customers_table_with_contact_details(tmp_path: Path) -> None:
    rows = "".join(
        f"{1000 + i},Person Number{i},person{i}@example.com,+1 (555) 010-{i:04d},"
        f"{['Gold', 'Silver'][i % 2]},{20 + i},2023-0{1 + i % 9}-1{i % 9}\n"
        for i in range(60)
    )
    table = read_table(write(tmp_path, "ID,Full Name,Email,Phone,Tier,Age,Signup Date\n" + rows))
    roles = table.report.roles
    assert roles == {
        "ID": "customer_id",
        "Full Name": "person_name",
        "Email": "email",
        "Phone": "phone",
        "Tier": "categorical",
        "Age": "numeric",
        "Signup Date": "date",
    }  # one row per customer: a date, not a transaction


def test_overrides_move_a_unique_role_and_ignore_drops(tmp_path: Path) -> None:
    text = "customer_id,gross,net,notes\nC1,10,8,a\nC1,20,18,b\nC2,5,4,c\n"
    table = read_table(
        write(tmp_path, text), IngestOptions(roles={"net": "amount", "notes": "ignore"})
    )
    roles = table.report.roles
    assert roles["net"] == "amount"
    assert roles["gross"] == "numeric"
    assert "notes" not in table.frame.columns
    assert any("ignore" in w for w in table.report.warnings)


def test_override_to_amount_turns_text_into_numbers(tmp_path: Path) -> None:
    text = "customer_id,paid\nC1,10 EUR\nC2,n.a.\nC3,7 EUR\n"
    table = read_table(write(tmp_path, text), IngestOptions(roles={"paid": "amount"}))
    assert table.frame["paid"].tolist()[0] == 10.0
    assert table.frame["paid"].isna().tolist() == [False, True, False]
    assert any("'paid'" in w and "not numbers" in w for w in table.report.warnings)


def test_chinese_column_names(tmp_path: Path) -> None:
    text = (
        "会员编号,订单编号,下单日期,数量,单价,性别\n"
        "M01,D1,2024/05/01,2,30.5,女\nM01,D2,2024/05/09,1,12,女\nM02,D3,2024/06/01,3,8,男\n"
    )
    table = read_table(write(tmp_path, text))
    roles = table.report.roles
    assert roles["会员编号"] == "customer_id"
    assert roles["订单编号"] == "order_id"
    assert roles["下单日期"] == "transaction_date"
    assert roles["数量"] == "quantity"
    assert roles["单价"] == "unit_price"
    assert table.frame["amount"].tolist() == [61.0, 12.0, 24.0]


@pytest.mark.parametrize(
    ("values", "role"),
    [
        (["yes", "no", "yes", "no"], "boolean"),
        ([0, 1, 1, 0], "boolean"),
        (
            [
                "a short note about delivery",
                "another longer comment on sizing",
                "arrived late but works well",
                "would buy this again for sure",
            ],
            "text",
        ),
    ],
)
def test_value_based_roles(tmp_path: Path, values: list, role: str) -> None:
    text = "customer_id,col\n" + "".join(f"C{i},{v}\n" for i, v in enumerate(values))
    assert read_table(write(tmp_path, text)).report.roles["col"] == role


def test_tickets_have_a_date_but_no_transaction_date(tmp_path: Path) -> None:
    text = ("ticket_id,customer_id,created_date,topic\nT1,C1,2024-01-02,billing\n"
            "T2,C1,2024-02-03,shipping\nT3,C2,2024-02-04,billing\n")
    assert read_table(write(tmp_path, text)).report.roles["created_date"] == "date"
