"""What may leave the machine: `Redactor` masks personal data in text and in tables.

E-mail addresses, phone numbers, street addresses and the names of the workspace's own
people (customers and call agents, in Latin or Chinese script) are masked; dates, amounts,
ids and category values stay readable, because the answer needs them. Tables lose their
personal columns, and the free text left in them is masked the same way.
"""

from __future__ import annotations

import pandas as pd
import pytest

from assistant.privacy import Redactor
from tools.workspace import Workspace

CUSTOMERS = pd.DataFrame({
    "customer_id": ["C1", "C2", "C3", "C4"],
    "name": ["Katherine Hall", "Virginia Woolf", "张伟", "王小明"],
    "email": ["k.hall@example.com", "vw@example.org", "zw@example.cn", "xm@example.cn"],
    "phone": ["+1 415 555 0134", "020 7946 0958", "13800138000", "13900139000"],
    "region": ["Virginia", "Texas", "Beijing", "Shanghai"],
})
CALLS = pd.DataFrame({
    "call_id": ["K1", "K2"],
    "customer_id": ["C1", "C2"],
    "agent_name": ["Marcus Oyelaran", "Priya Raman"],
    "transcript": ["Marcus: hello, how can I help with the order today?",
                   "Priya: thanks for calling about the late parcel."],
})


@pytest.fixture
def redactor(make_ws) -> Redactor:
    ws: Workspace = make_ws(customers=CUSTOMERS, calls=CALLS)
    return Redactor(ws)


# -- contact details -------------------------------------------------------------------
def test_an_email_address_is_masked(redactor):
    text = "Write to katherine.hall+promo@example.co.uk today"

    assert redactor.text(text) == "Write to [email] today"


@pytest.mark.parametrize("phone", ["+1 (415) 555-0134", "020 7946 0958", "13800138000",
                                   "415.555.0134"])
def test_phone_numbers_in_the_usual_formats_are_masked(redactor, phone):
    assert redactor.text(f"Call {phone} after 5") == "Call [phone] after 5"


def test_dates_amounts_and_short_ids_are_not_taken_for_phone_numbers(redactor):
    text = "Revenue was 1,234,567 on 2024-05-01; the largest basket 1234567.89; ticket 123456"

    assert redactor.text(text) == text


def test_a_street_address_is_masked(redactor):
    assert redactor.text("Ship to 221 Baker Street, London") == "Ship to [address], London"


# -- the workspace's own people ---------------------------------------------------------
def test_a_customers_first_and_last_names_are_masked(redactor):
    assert redactor.text("Katherine Hall asked about a refund") == (
        "[name] [name] asked about a refund")


def test_a_name_that_is_also_a_region_stays_readable_and_the_person_is_still_masked(redactor):
    assert redactor.text("Virginia Woolf lives in Virginia") == "Virginia [name] lives in Virginia"


def test_call_agents_are_masked_too(redactor):
    assert redactor.text("Marcus transferred the call to Priya") == (
        "[name] transferred the call to [name]")


def test_chinese_full_names_given_names_and_honorifics_are_masked(redactor):
    assert redactor.text("张伟说物流太慢") == "[name]说物流太慢"
    assert redactor.text("小明很满意") == "[name]很满意"
    assert redactor.text("李先生来电投诉") == "[name]先生来电投诉"


def test_words_that_are_nobody_s_name_are_left_alone(redactor):
    text = "Customers in Texas love the Premium Desk"

    assert redactor.text(text) == text


def test_a_possessive_name_is_masked(redactor):
    assert "Hall" not in redactor.text("We refunded Hall's order")


def test_without_a_workspace_only_contact_details_and_given_names_are_masked():
    redactor = Redactor(extra_names={"Oyelaran"})

    assert redactor.text("Katherine Oyelaran: k@example.com") == "Katherine [name]: [email]"


# -- tables -------------------------------------------------------------------------------
def test_a_table_loses_its_personal_columns_and_its_free_text_is_masked(redactor):
    table = pd.DataFrame({
        "customer_id": ["C1"], "name": ["Katherine Hall"], "email": ["k.hall@example.com"],
        "phone": ["+1 415 555 0134"], "region": ["Virginia"], "revenue": [1234.5],
        "note": ["Katherine Hall asked us to call 020 7946 0958"],
    })

    shown = redactor.frame(table, "customers")

    assert list(shown.columns) == ["customer_id", "region", "revenue", "note"]
    assert shown.loc[0, "note"] == "[name] [name] asked us to call [phone]"
    assert shown.loc[0, "region"] == "Virginia"
    assert shown.loc[0, "revenue"] == 1234.5
    assert table.loc[0, "note"].startswith("Katherine"), "the caller's table is not changed"


def test_columns_named_for_personal_data_are_dropped_but_product_and_company_names_kept(
        redactor):
    table = pd.DataFrame({
        "home_address": ["221 Baker Street"], "mobile": ["13800138000"],
        "product_name": ["Standing desk"], "company_name": ["Acme"], "segment": ["Champions"],
    })

    shown = redactor.frame(table, "a table not in the workspace")

    assert list(shown.columns) == ["product_name", "company_name", "segment"]


def test_a_redactor_without_a_workspace_drops_columns_by_their_names():
    table = pd.DataFrame({"email_address": ["a@example.com"], "full_name": ["Ann Lee"],
                          "city": ["Paris"], "orders": [3]})

    shown = Redactor().frame(table)

    assert list(shown.columns) == ["city", "orders"]
    assert shown.loc[0, "orders"] == 3


def test_a_name_in_capitals_is_masked_but_abbreviations_stay(redactor):
    masked = redactor.text("CALL BACK HALL ABOUT THE NPS SURVEY")
    assert "HALL" not in masked
    assert "NPS" in masked and "SURVEY" in masked
