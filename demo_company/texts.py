"""Reviews and survey answers: free text whose themes follow the planted archetypes.

Sentiment drives the mix: happy writers praise and add at most a mild wish, unhappy
ones lead with complaints. Lengths vary from a one-liner to a six-sentence story.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import numpy as np
import pandas as pd

from demo_company.archetypes import ARCHETYPES, Archetype
from demo_company.expand import expand, join_sentences
from demo_company.people import day_number, to_datetime
from demo_company.phrases_zh import SURVEY_CLOSERS_ZH, TITLES_ZH
from demo_company.praise import SURVEY_CLOSERS_EN, TITLES_EN
from demo_company.themes import THEMES
from demo_company.voice import Voice


@dataclass(frozen=True)
class OrderBook:
    """Each customer's orders (row positions sorted by date), for texts that cite them."""

    frame: pd.DataFrame
    days: np.ndarray
    rows: list[np.ndarray]

    @classmethod
    def build(cls, orders: pd.DataFrame, n_customers: int) -> OrderBook:
        codes = orders["customer_id"].str.slice(1).astype(int).to_numpy() - 1
        days = (orders["order_date"].to_numpy().astype("datetime64[D]").astype(np.int64))
        order = np.lexsort((days, codes))
        bounds = np.searchsorted(codes[order], np.arange(n_customers + 1))
        rows = [order[bounds[i]:bounds[i + 1]] for i in range(n_customers)]
        return cls(frame=orders, days=days, rows=rows)

    def latest_before(self, customer: int, day: int) -> int:
        rows = self.rows[customer]
        k = int(np.searchsorted(self.days[rows], day, side="right")) - 1
        return int(rows[max(k, 0)])


def make_voice(rnd: random.Random, customers: pd.DataFrame, arch: np.ndarray,
               i: int) -> Voice:
    row = customers.iloc[i]
    if row["country"] == "China":
        first = row["name"][0] + ("女士" if row["gender"] == "Female" else "先生")
    else:
        first = str(row["name"]).split(" ")[0]
    return Voice.create(rnd, ARCHETYPES[arch[i]], row["country"], row["city"], first)


def _review_sentences(v: Voice, rating: int, rnd: random.Random) -> list[str]:
    """Sentence plan by rating: praise and mild wishes when happy, complaints when not."""
    pain_first = rating <= 3
    n_pain = {5: int(rnd.random() < 0.6), 4: int(rnd.random() < 0.75), 3: rnd.randint(1, 2),
              2: rnd.randint(1, 2), 1: rnd.randint(1, 3)}[rating]
    n_praise = {5: rnd.randint(1, 3), 4: rnd.randint(1, 2), 3: int(rnd.random() < 0.7),
                2: int(rnd.random() < 0.3), 1: int(rnd.random() < 0.1)}[rating]
    pains = [v.pain(soft=rating >= 4) for _ in range(n_pain)]
    praises = [v.praise(excited=0.25 if rating == 5 else 0.08) for _ in range(n_praise)]
    out = pains + praises if pain_first else praises + pains
    if rnd.random() < 0.3:
        out.insert(rnd.randint(0, len(out)), v.context())
    if rnd.random() < 0.06:  # the occasional long story
        out.insert(0, v.context())
        out.append(v.pain() if rating <= 3 else v.praise())
    return out[:6] or [v.praise() if rating >= 3 else v.pain()]


def _title(v: Voice, rating: int, rnd: random.Random) -> str | None:
    if rnd.random() < 0.18:
        return None
    if v.lang == "en" and rating <= 3 and v.used and rnd.random() < 0.3:
        return THEMES[v.used[0]].label
    titles = (TITLES_ZH if v.lang == "zh" else TITLES_EN)[rating]
    return expand(rnd.choice(titles), rnd, v.fill, v.lang)


def records_frame(records: list[tuple], customers: pd.DataFrame, id_column: str, id_format: str,
                  date_column: str, columns: tuple[str, ...],
                  whole_numbers: tuple[str, ...] = ()) -> pd.DataFrame:
    """Text rows in time order: (day, customer index, *values) → a numbered table.

    Reviews, surveys and call transcripts share this shape; `id_format` such as
    "R{:06d}" numbers the rows, and `whole_numbers` columns are stored as int64.
    """
    records.sort(key=lambda t: (t[0], t[1]))
    ids = customers["customer_id"].to_numpy()
    data = {
        id_column: [id_format.format(k + 1) for k in range(len(records))],
        "customer_id": [ids[t[1]] for t in records],
        date_column: to_datetime(np.array([t[0] for t in records], dtype=np.int64)),
    }
    for position, name in enumerate(columns, start=2):
        values = [t[position] for t in records]
        data[name] = np.array(values, dtype="int64") if name in whole_numbers else values
    return pd.DataFrame(data)


def make_reviews(rng: np.random.Generator, rnd: random.Random, customers: pd.DataFrame,
                 arch: np.ndarray, book: OrderBook, as_of: datetime.date) -> pd.DataFrame:
    """Reviews of real (not cancelled) orders; how many per customer depends on archetype."""
    as_of_day = day_number(as_of)
    lam = np.array([a.reviews_per_customer for a in ARCHETYPES])[arch]
    counts = rng.poisson(lam)
    status = book.frame["status"].to_numpy()
    category = book.frame["product_category"].to_numpy()
    order_ids = book.frame["order_id"].to_numpy()
    records = []
    for i in np.flatnonzero(counts):
        rows = [int(r) for r in book.rows[i] if status[r] != "cancelled"]
        if not rows:
            continue
        a: Archetype = ARCHETYPES[arch[i]]
        v = make_voice(rnd, customers, arch, i)
        for r in rnd.sample(rows, min(int(counts[i]), len(rows))):
            rating = rnd.choices((1, 2, 3, 4, 5), a.rating_probs)[0]
            if status[r] == "returned" and rnd.random() < 0.5:
                rating = max(1, rating - 1)
            v.about(category[r], order_ids[r])
            text = join_sentences(_review_sentences(v, rating, rnd), v.lang)
            day = min(int(book.days[r]) + rnd.randint(2, 25), as_of_day)
            records.append((day, i, category[r], rating, _title(v, rating, rnd), text, v.lang))
    return records_frame(records, customers, "review_id", "R{:06d}", "review_date",
                         ("product_category", "rating", "title", "text", "language"),
                         whole_numbers=("rating",))


def _survey_answer(v: Voice, nps: int, rnd: random.Random) -> str:
    lang = v.lang
    closers = SURVEY_CLOSERS_ZH if lang == "zh" else SURVEY_CLOSERS_EN
    if nps >= 9:
        kind, out = "promoter", [v.praise() for _ in range(rnd.randint(1, 2))]
        if rnd.random() < 0.5:
            out.append(v.pain(soft=True))
    elif nps >= 7:
        kind, out = "passive", [v.praise(excited=0.0), v.pain(soft=rnd.random() < 0.5)]
        rnd.shuffle(out)
    else:
        kind, out = "detractor", [v.pain() for _ in range(rnd.randint(1, 2))]
        if rnd.random() < 0.15:
            out.append(v.praise(excited=0.0))
    if rnd.random() < 0.35:
        out.append(v.say(rnd.choice(closers[kind]), excited=0.1))
    if rnd.random() < 0.2:  # some people answer in a single line
        out = out[:1]
    return join_sentences(out, lang)


def make_surveys(rng: np.random.Generator, rnd: random.Random, customers: pd.DataFrame,
                 arch: np.ndarray, book: OrderBook, signup: np.ndarray,
                 as_of: datetime.date) -> pd.DataFrame:
    """NPS responses from a sample of customers during the last year, with a reason."""
    as_of_day = day_number(as_of)
    rate = np.array([a.survey_rate for a in ARCHETYPES])[arch]
    chosen = np.flatnonzero(rng.random(len(arch)) < rate)
    records = []
    category = book.frame["product_category"].to_numpy()
    order_ids = book.frame["order_id"].to_numpy()
    for i in chosen:
        a = ARCHETYPES[arch[i]]
        lo = max(int(signup[i]) + 7, as_of_day - 365)
        day = rnd.randint(min(lo, as_of_day), as_of_day)
        nps = rnd.choices(range(11), a.nps_probs)[0]
        v = make_voice(rnd, customers, arch, i)
        r = book.latest_before(i, day)
        v.about(category[r], order_ids[r])
        records.append((day, int(i), nps, _survey_answer(v, nps, rnd)))
    return records_frame(records, customers, "response_id", "S{:05d}", "response_date",
                         ("nps", "answer"), whole_numbers=("nps",))
