"""Laws every rule obeys, checked on many generated filters over the demo customers.

Any filter picks a subset of the customers; adding a condition with 'and' never adds
members and with 'or' never removes any; 'not in' is the complement of 'in' among
customers with a value; top N keeps exactly N; and writing a filter as text and
reading it back selects the same customers.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.rules import Condition, CustomerTable, Filter, Group, TopN, customer_table, select
from tools.rules.model import filter_text
from tools.rules.parser import parse_filter
from tools.workspace import Workspace

NUMBER_COLUMNS = ("age", "revenue", "orders", "recency_days", "avg_order_value", "nps")
TEXT_COLUMNS = ("region", "gender", "device", "company_size", "lifecycle", "source_channel")
SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def table(demo_root) -> CustomerTable:
    return customer_table(Workspace(demo_root))


@pytest.fixture(scope="module")
def samples(table: CustomerTable) -> dict[str, list]:
    """Values to build conditions from: real values of each column, plus a few outside."""
    frame = table.frame
    found: dict[str, list] = {}
    for column in NUMBER_COLUMNS:
        values = frame[column].dropna()
        quantiles = values.quantile(np.linspace(0, 1, 11)).round(2).tolist()
        found[column] = sorted({*quantiles, float(values.min()) - 1, float(values.max()) + 1})
    for column in TEXT_COLUMNS:
        found[column] = sorted(frame[column].dropna().astype(str).unique().tolist())
    found["income_band"] = list(frame["income_band"].cat.categories)
    found["signup_date"] = [str(d.date()) for d in
                            frame["signup_date"].quantile(np.linspace(0, 1, 6))]
    return found


def conditions(samples: dict[str, list]) -> st.SearchStrategy[Condition]:
    def number(column: str) -> st.SearchStrategy[Condition]:
        value = st.sampled_from(samples[column])
        return st.one_of(
            st.builds(lambda op, v: Condition(column=column, op=op, value=v),
                      st.sampled_from(["=", "!=", ">", ">=", "<", "<="]), value),
            st.builds(lambda a, b: Condition(column=column, op="between", value=[a, b]),
                      value, value),
            st.builds(lambda op: Condition(column=column, op=op),
                      st.sampled_from(["is missing", "is not missing"])),
        )

    def text(column: str) -> st.SearchStrategy[Condition]:
        values = st.lists(st.sampled_from(samples[column]), min_size=1, max_size=3)
        return st.one_of(
            st.builds(lambda op, v: Condition(column=column, op=op, value=v[0]),
                      st.sampled_from(["=", "!="]), values),
            st.builds(lambda op, v: Condition(column=column, op=op, value=v),
                      st.sampled_from(["in", "not in"]), values),
            st.builds(lambda v: Condition(column=column, op="contains", value=v[0][:3]),
                      values),
        )

    ordered = st.builds(lambda op, v: Condition(column="income_band", op=op, value=v),
                        st.sampled_from(["=", ">", "<=", "!="]),
                        st.sampled_from(samples["income_band"]))
    dated = st.builds(lambda op, v: Condition(column="signup_date", op=op, value=v),
                      st.sampled_from([">=", "<", "="]), st.sampled_from(samples["signup_date"]))
    return st.one_of(*[number(c) for c in NUMBER_COLUMNS], *[text(c) for c in TEXT_COLUMNS],
                     ordered, dated)


def wheres(samples: dict[str, list]) -> st.SearchStrategy:
    return st.recursive(
        conditions(samples),
        lambda inner: st.one_of(
            st.builds(lambda items: Group(all_of=items), st.lists(inner, min_size=2, max_size=3)),
            st.builds(lambda items: Group(any_of=items), st.lists(inner, min_size=2, max_size=3)),
        ),
        max_leaves=4,
    )


@pytest.fixture(scope="module")
def filters(samples: dict[str, list]) -> st.SearchStrategy:
    """Built once: Hypothesis validates a strategy the first time it is drawn from."""
    return wheres(samples)


def members(table: CustomerTable, where=None, top: TopN | None = None) -> np.ndarray:
    """Membership as a boolean array over the customer table's rows."""
    return select(table, Filter(where=where, top=top)).mask


def subset(a: np.ndarray, b: np.ndarray) -> bool:
    return not (a & ~b).any()


@given(data=st.data())
@SETTINGS
def test_any_filter_selects_a_subset_of_the_customers(table, filters, data) -> None:
    where = data.draw(filters)
    selection = select(table, Filter(where=where))
    assert selection.ids.is_unique
    assert (table.frame.index.get_indexer(selection.ids) >= 0).all()


@given(data=st.data())
@SETTINGS
def test_and_never_adds_and_or_never_removes(table, filters, data) -> None:
    a, b = data.draw(filters), data.draw(filters)
    only_a, only_b = members(table, a), members(table, b)
    both = members(table, Group(all_of=[a, b]))
    either = members(table, Group(any_of=[a, b]))
    assert subset(both, only_a)
    assert subset(only_a, either)
    assert (both == (only_a & only_b)).all()
    assert (either == (only_a | only_b)).all()


@given(data=st.data())
@SETTINGS
def test_not_in_is_the_complement_of_in_among_customers_with_a_value(
        table, samples, data) -> None:
    column = data.draw(st.sampled_from(TEXT_COLUMNS))
    values = data.draw(st.lists(st.sampled_from(samples[column]), min_size=1, max_size=4))
    inside = members(table, Condition(column=column, op="in", value=values))
    outside = members(table, Condition(column=column, op="not in", value=values))
    with_value = table.frame[column].notna().to_numpy()
    assert not (inside & outside).any()
    assert ((inside | outside) == with_value).all()


@given(n=st.integers(min_value=1, max_value=6000),
       metric=st.sampled_from(["revenue", "orders", "age", "tenure_days"]),
       ascending=st.booleans())
@SETTINGS
def test_top_n_keeps_exactly_n_customers_with_the_extreme_values(
        table, n, metric, ascending) -> None:
    """Ties at the cut-off are broken by customer id, so the count is always exactly N."""
    picked = members(table, top=TopN(metric=metric, n=n, ascending=ascending))
    values = table.frame[metric].to_numpy(float)
    has_value = ~np.isnan(values)
    assert picked.sum() == min(n, has_value.sum())
    chosen, rest = values[picked], values[has_value & ~picked]
    if len(rest):
        if ascending:
            assert chosen.max() <= rest.min()
        else:
            assert chosen.min() >= rest.max()


@given(share=st.floats(min_value=0.001, max_value=1.0))
@SETTINGS
def test_top_share_keeps_that_share_of_customers(table, share) -> None:
    picked = members(table, top=TopN(metric="revenue", share=share))
    assert picked.sum() == max(1, round(share * table.customers))


@given(data=st.data())
@SETTINGS
def test_text_form_selects_the_same_customers(table, filters, data) -> None:
    rule = Filter(where=data.draw(filters))
    from_text = select(table, parse_filter(filter_text(rule)))
    assert (from_text.mask == select(table, rule).mask).all()
