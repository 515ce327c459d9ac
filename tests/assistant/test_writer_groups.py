"""The local brain's 'Top groups' line keeps both keys of a two-column breakdown and shows
each value in its unit (a rate as a percentage), copied from the result's table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from assistant.brains.local.writer import compose
from tools.profile import breakdown
from tools.result import format_value


def test_two_keys_and_the_rate_unit_are_kept(make_ws):
    rng = np.random.default_rng(5)
    n = 300
    frame = pd.DataFrame({"customer_id": [f"C{i}" for i in range(n)],
                          "Contract": rng.choice(["Month-to-month", "One year"], n),
                          "gender": rng.choice(["Female", "Male"], n),
                          "Churn": rng.choice(["Yes", "No"], n)})
    result = breakdown(make_ws(customers=frame), by=["Contract", "gender"], metric="rate",
                       measure="Churn")
    text = compose("breakdown", result, None, chinese=False)
    first = result.table.iloc[0]
    pair = (frame["Contract"] == first["Contract"]) & (frame["gender"] == first["gender"])
    expected = (frame.loc[pair, "Churn"] == "Yes").mean()
    assert f"{first['Contract']} · {first['gender']} {format_value(expected, 'share')}" in text
