"""Dates as people write them: planted files, expected timestamps written as literals.

The day/month order is decided from the whole column; where the values cannot settle
it the report asks, the marketer's setting is honoured, and nothing becomes text silently.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tools.errors import IngestError
from tools.ingest import IngestOptions, LoadedTable, read_table


def load(tmp_path: Path, text: str, **options: object) -> LoadedTable:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return read_table(path, IngestOptions(**options))


def column_file(name: str, values: list[str]) -> str:
    return f"customer_id,{name}\n" + "".join(f'C{i},"{v}"\n' for i, v in enumerate(values))


def stamps(values: list[datetime | None]) -> list[pd.Timestamp]:
    return [pd.Timestamp(v) if v is not None else pd.NaT for v in values]


def date_questions(table: LoadedTable) -> list[dict]:
    return [q for q in table.report.questions if q["kind"] == "date_order"]


FORMS = {
    "month first, two-digit year, time": (
        "order_date",
        ["12/1/10 8:26", "12/13/10 17:05", "1/2/11 9:00"],
        [datetime(2010, 12, 1, 8, 26), datetime(2010, 12, 13, 17, 5), datetime(2011, 1, 2, 9)],
    ),
    "day first, four-digit year": (
        "order_date",
        ["5/3/2024", "17/3/2024", "31/12/2024"],
        [datetime(2024, 3, 5), datetime(2024, 3, 17), datetime(2024, 12, 31)],
    ),
    "AM/PM with seconds": (
        "order_date",
        ["03/15/2024 01:05:09 PM", "03/16/2024 12:00:00 AM", "03/17/2024 12:30:00 pm"],
        [
            datetime(2024, 3, 15, 13, 5, 9),
            datetime(2024, 3, 16, 0, 0, 0),
            datetime(2024, 3, 17, 12, 30, 0),
        ],
    ),
    "Chinese dates, with and without time": (
        "下单日期",
        ["2024年3月5日", "2024年3月5日 14:30", "2024/3/17", "2024年12月31日"],
        [
            datetime(2024, 3, 5),
            datetime(2024, 3, 5, 14, 30),
            datetime(2024, 3, 17),
            datetime(2024, 12, 31),
        ],
    ),
    "ISO 8601 with time zones, converted to UTC": (
        "order_date",
        ["2024-03-05T10:00:00+08:00", "2024-03-05T23:30:00-05:00", "2024-03-06T01:02:03.5Z"],
        [
            datetime(2024, 3, 5, 2, 0),
            datetime(2024, 3, 6, 4, 30),
            datetime(2024, 3, 6, 1, 2, 3, 500000),
        ],
    ),
    "month names": (
        "order_date",
        ["5 March 2024", "Mar 17, 2024", "31-Dec-2024", "Tue, Jan 2, 2024"],
        [datetime(2024, 3, 5), datetime(2024, 3, 17), datetime(2024, 12, 31), datetime(2024, 1, 2)],
    ),
    "year and month under a month name (read as the 1st)": (
        "signup_month",
        ["2024-03", "2024/4", "2024年12月"],
        [datetime(2024, 3, 1), datetime(2024, 4, 1), datetime(2024, 12, 1)],
    ),
    "Excel serial numbers under a date name": (
        "order_date",
        ["45356", "45368.5", "45657"],
        [datetime(2024, 3, 5), datetime(2024, 3, 17, 12), datetime(2024, 12, 31)],
    ),
    "Unix seconds under a timestamp name": (
        "created_ts",
        ["1709632800", "1709596800", "1735689599"],
        [datetime(2024, 3, 5, 10), datetime(2024, 3, 5), datetime(2024, 12, 31, 23, 59, 59)],
    ),
    "Unix milliseconds under a timestamp name": (
        "event_timestamp",
        ["1709632800000", "1709596800123"],
        [datetime(2024, 3, 5, 10), datetime(2024, 3, 5, 0, 0, 0, 123000)],
    ),
}


@pytest.mark.parametrize("form", list(FORMS))
def test_each_date_form_is_read(tmp_path: Path, form: str) -> None:
    name, raw, expected = FORMS[form]
    table = load(tmp_path, column_file(name, raw))
    assert table.frame[name].tolist() == stamps(expected)
    assert table.report.date_spans[name]["rows"] == len(raw)
    assert table.report.date_spans[name]["unparsed"] == 0


def test_time_zones_are_said(tmp_path: Path) -> None:
    _, raw, _ = FORMS["ISO 8601 with time zones, converted to UTC"]
    table = load(tmp_path, column_file("order_date", raw))
    assert any("time zones" in w and "UTC" in w for w in table.report.warnings)


def test_numbers_without_a_date_name_stay_numbers(tmp_path: Path) -> None:
    table = load(tmp_path, column_file("quantity", ["45356", "45368", "45657"]))
    assert table.frame["quantity"].tolist() == [45356, 45368, 45657]


def test_year_month_without_a_date_name_is_not_a_date(tmp_path: Path) -> None:
    table = load(tmp_path, column_file("size_code", ["2024-03", "2024-04", "2023-12"]))
    assert table.frame["size_code"].tolist() == ["2024-03", "2024-04", "2023-12"]


def test_ambiguous_order_asks_and_defaults_by_separator(tmp_path: Path) -> None:
    raw = ["01/02/2024", "03/04/2024", "05/06/2024"]
    table = load(tmp_path, column_file("order_date", raw))
    # '/' dates are usually month first
    assert table.frame["order_date"].tolist() == stamps(
        [datetime(2024, 1, 2), datetime(2024, 3, 4), datetime(2024, 5, 6)]
    )
    [asked] = date_questions(table)
    assert asked["column"] == "order_date"
    assert asked["chosen"] == "month_first"
    assert set(asked["options"]) == {"month_first", "day_first"}
    assert "day/month or month/day" in asked["question"]
    # both readings' spans, so the marketer sees what the choice changes
    assert (
        "As month/day the dates run from 2024-01-02 to 2024-05-06 (126 days)" in asked["question"]
    )
    assert "as day/month from 2024-02-01 to 2024-06-05 (126 days)" in asked["question"]
    span = table.report.date_spans["order_date"]
    assert (span["first"], span["last"], span["rows"]) == (
        "2024-01-02T00:00:00",
        "2024-05-06T00:00:00",
        3,
    )


def test_dotted_ambiguous_dates_default_to_day_first(tmp_path: Path) -> None:
    table = load(tmp_path, column_file("order_date", ["01.02.2024", "03.04.2024"]))
    assert table.frame["order_date"].tolist() == stamps(
        [datetime(2024, 2, 1), datetime(2024, 4, 3)]
    )
    assert date_questions(table)[0]["chosen"] == "day_first"


def test_the_marketers_date_order_is_honoured(tmp_path: Path) -> None:
    raw = ["01/02/2024", "03/04/2024", "05/06/2024"]
    table = load(tmp_path, column_file("order_date", raw), date_order="day_first")
    assert table.frame["order_date"].tolist() == stamps(
        [datetime(2024, 2, 1), datetime(2024, 4, 3), datetime(2024, 6, 5)]
    )
    assert date_questions(table)[0]["chosen"] == "day_first"


def test_the_data_outranks_a_contrary_setting_and_says_so(tmp_path: Path) -> None:
    raw = ["25/03/2024", "01/04/2024"]
    table = load(tmp_path, column_file("order_date", raw), date_order="month_first")
    assert table.frame["order_date"].tolist() == stamps(
        [datetime(2024, 3, 25), datetime(2024, 4, 1)]
    )
    assert any("can only be day/month" in w for w in table.report.warnings)
    assert date_questions(table) == []


def test_another_date_column_settles_the_order(tmp_path: Path) -> None:
    text = (
        "customer_id,order_date,ship_date\n"
        "C1,01/02/2024,25/02/2024\nC2,03/04/2024,05/04/2024\nC3,05/06/2024,06/06/2024\n"
    )
    table = load(tmp_path, text)
    assert table.frame["order_date"].tolist() == stamps(
        [datetime(2024, 2, 1), datetime(2024, 4, 3), datetime(2024, 6, 5)]
    )
    [asked] = date_questions(table)
    assert asked["column"] == "order_date" and asked["chosen"] == "day_first"
    assert "other date columns" in asked["question"]


def test_decimal_commas_hint_a_day_first_locale(tmp_path: Path) -> None:
    text = (
        "customer_id;order_date;amount\n"
        "C1;01/02/2024;12,50\nC2;03/04/2024;7,25\nC3;05/06/2024;1.234,00\n"
    )
    table = load(tmp_path, text)
    assert table.frame["order_date"].tolist() == stamps(
        [datetime(2024, 2, 1), datetime(2024, 4, 3), datetime(2024, 6, 5)]
    )
    assert table.frame["amount"].tolist() == [12.5, 7.25, 1234.0]
    [asked] = date_questions(table)
    assert asked["chosen"] == "day_first" and "decimal commas" in asked["question"]


def test_both_orders_in_one_column_are_reported(tmp_path: Path) -> None:
    raw = ["25/03/2024", "03/26/2024", "01/02/2024", "27/03/2024"]
    table = load(tmp_path, column_file("order_date", raw))
    values = table.frame["order_date"].tolist()
    assert values[:2] == stamps([datetime(2024, 3, 25), datetime(2024, 3, 26)])
    assert values[3] == pd.Timestamp(2024, 3, 27)
    # the undecided one follows the majority of the decided ones (2 day-first, 1 month-first)
    assert values[2] == pd.Timestamp(2024, 2, 1)
    note = next(w for w in table.report.warnings if "both day/month" in w)
    assert "(2, e.g. '25/03/2024')" in note and "(1, e.g. '03/26/2024')" in note
    [asked] = date_questions(table)
    assert asked["chosen"] == "day_first" and "1 date(s)" in asked["question"]


def test_mixed_formats_are_read_and_counted(tmp_path: Path) -> None:
    raw = ["2024-03-05", "17/03/2024", "Mar 18, 2024", "2024-03-19", "2024-03-20"]
    table = load(tmp_path, column_file("order_date", raw))
    assert table.frame["order_date"].tolist() == stamps(
        [datetime(2024, 3, d) for d in (5, 17, 18, 19, 20)]
    )
    note = next(w for w in table.report.warnings if "mixes date formats" in w)
    assert "3 as YYYY-MM-DD (e.g. '2024-03-05')" in note
    assert "1 as DD/MM/YYYY (e.g. '17/03/2024')" in note
    assert "1 as Mon DD, YYYY" in note


def test_a_column_that_is_mostly_dates_is_not_silently_text(tmp_path: Path) -> None:
    raw = ["2024-03-05", "2024-03-06", "soon", "2024-03-08", "unknown", "2024-03-10"]
    table = load(tmp_path, column_file("order_date", raw))
    assert table.frame["order_date"].tolist() == raw  # kept as written, and said
    note = next(w for w in table.report.warnings if "looks like dates" in w)
    assert "2 of 6" in note and "'soon'" in note and "4 as YYYY-MM-DD" in note
    [asked] = [q for q in table.report.questions if q["kind"] == "date_column"]
    assert asked["options"] == ["keep", "date"] and asked["chosen"] == "keep"
    # answering 'date' reads the dates and leaves the others empty, counted
    table = load(tmp_path, column_file("order_date", raw), roles={"order_date": "date"})
    assert table.frame["order_date"].tolist() == stamps(
        [
            datetime(2024, 3, 5),
            datetime(2024, 3, 6),
            None,
            datetime(2024, 3, 8),
            None,
            datetime(2024, 3, 10),
        ]
    )
    assert table.report.date_spans["order_date"]["unparsed"] == 2
    assert not [w for w in table.report.warnings if "looks like dates" in w]
    assert [q["chosen"] for q in table.report.questions if q["kind"] == "date_column"] == ["date"]
    assert any("2 value(s) in 'order_date' could not be read" in w for w in table.report.warnings)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            ["12/1/10 8:26", "12/2/10 9:01"],
            [datetime(2010, 12, 1, 8, 26), datetime(2010, 12, 2, 9, 1)],
        ),
        (["45356", "45357"], [datetime(2024, 3, 5), datetime(2024, 3, 6)]),
        (["2024年3月5日", "2024年3月6日"], [datetime(2024, 3, 5), datetime(2024, 3, 6)]),
        (["1709632800", "1709596800"], [datetime(2024, 3, 5, 10), datetime(2024, 3, 5)]),
    ],
)
def test_marking_a_column_as_a_date_reads_every_detected_form(
    tmp_path: Path, raw: list[str], expected: list[datetime]
) -> None:
    # 'stamp' is not a date word, so only the marketer's choice makes it a date
    table = load(tmp_path, column_file("stamp", raw), roles={"stamp": "transaction_date"})
    assert table.frame["stamp"].tolist() == stamps(expected)
    assert table.report.roles["stamp"] == "transaction_date"


def test_marking_a_column_without_dates_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="does not contain dates"):
        load(tmp_path, column_file("city", ["Paris", "Oslo"]), roles={"city": "date"})


def test_impossible_dates_are_left_empty_and_counted(tmp_path: Path) -> None:
    good = [f"2024-{m:02d}-{d:02d}" for m in (3, 5) for d in range(1, 31)]
    raw = [*good, "2024-02-30", "1850-01-01 10:00", "2024-04-31"]
    table = load(tmp_path, column_file("order_date", raw))
    assert table.frame["order_date"].isna().tolist() == [False] * len(good) + [True] * 3
    span = table.report.date_spans["order_date"]
    assert (span["rows"], span["unparsed"]) == (60, 3)
    assert (span["first"], span["last"]) == ("2024-03-01T00:00:00", "2024-05-30T00:00:00")
    note = next(w for w in table.report.warnings if "could not be read as dates" in w)
    assert "'2024-02-30', '1850-01-01 10:00', '2024-04-31'" in note


ROUND_TRIP_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%d/%m/%Y %H:%M",
    "%m/%d/%y %I:%M %p",
    "%d.%m.%Y",
    "%Y年%m月%d日 %H:%M",
    "%d %b %Y",
    "%B %d, %Y %H:%M:%S",
]


@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
def test_random_dates_written_by_strftime_read_back(tmp_path: Path, fmt: str) -> None:
    """Timestamps written out by Python's own strftime come back exactly."""
    rng = np.random.default_rng(len(fmt))
    start = datetime(1995, 1, 1)
    seconds = rng.integers(0, 35 * 365 * 86400, size=400)
    written = [start + timedelta(seconds=int(s)) for s in seconds]
    written[0] = datetime(2021, 3, 25, 13, 45, 10)  # a day above 12 settles the order
    precision = "s" if "%S" in fmt else ("min" if "%M" in fmt else "D")
    expected = [pd.Timestamp(w).floor(precision) for w in written]
    table = load(tmp_path, column_file("order_date", [w.strftime(fmt) for w in written]))
    assert table.frame["order_date"].tolist() == expected
    assert table.report.date_spans["order_date"]["unparsed"] == 0


def test_quick_and_full_iso_paths_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    from tools.ingest import dates

    values = pd.Series(
        [
            "2024-03-05",
            "2024-03-05 14:30",
            "2024-03-05T14:30:09.25",
            "2024-03-05T23:00:00+08:00",
            "2024-03-05T01:00:00-02:30",
            "2024-02-30",
            "1850-06-01",
            "2024-03-05T10:00:00Z",
        ],
        dtype="string",
    )
    quick = dates.scan_dates(values).read("month_first")
    monkeypatch.setattr(dates, "match_plain_iso", lambda text, rows: None)
    full = dates.scan_dates(values).read("month_first")
    assert quick.values.tolist() == full.values.tolist()
    assert quick.values.tolist()[:5] == stamps(
        [
            datetime(2024, 3, 5),
            datetime(2024, 3, 5, 14, 30),
            datetime(2024, 3, 5, 14, 30, 9, 250000),
            datetime(2024, 3, 5, 15),
            datetime(2024, 3, 5, 3, 30),
        ]
    )
    assert (quick.unparsed, full.unparsed) == (2, 2)
    assert quick.time_zones and full.time_zones
