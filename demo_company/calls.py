"""Call transcripts: support calls about the customer's pain points, sales calls about needs.

One turn per line, "Agent: ..." / "Customer: ...", 7 to 16 turns. Calls cite one
of the customer's real orders (the latest before the call) by id, date and product.
"""

from __future__ import annotations

import datetime
import random

import numpy as np
import pandas as pd
from faker import Faker

from demo_company import places
from demo_company.archetypes import ARCHETYPES
from demo_company.dialogue import GROUP, LINES_EN, PROBES_EN, RESOLVE_EN
from demo_company.dialogue_sales import NEEDS_EN, OFFER_EN, QUALIFY_EN, SALES_LINES_EN
from demo_company.dialogue_zh import (
    LINES_ZH,
    NEEDS_ZH,
    OFFER_ZH,
    QUALIFY_ZH,
    RESOLVE_ZH,
    SALES_LINES_ZH,
)
from demo_company.people import day_number
from demo_company.texts import OrderBook, make_voice, records_frame
from demo_company.voice import Voice

MAX_TURNS = 16
_EPOCH = datetime.date(1970, 1, 1)


def _staff(seed: int) -> tuple[list[str], list[str]]:
    """The support and sales team: English speakers plus a small Chinese-speaking desk."""
    fake = Faker("en_US")
    fake.seed_instance(f"{seed}:team")
    english: list[str] = []
    while len(english) < 36:
        name = f"{fake.first_name()} {fake.last_name()}"
        if name not in english:
            english.append(name)
    rnd = random.Random(f"{seed}:team-zh")
    chinese = [rnd.choice(places.ZH_SURNAMES)[0] + given for given, _ in
               rnd.sample(places.ZH_GIVEN_FEMALE + places.ZH_GIVEN_MALE, 6)]
    return english, chinese


def _date_text(day: int, lang: str) -> str:
    d = _EPOCH + datetime.timedelta(days=day)
    return f"{d.month}月{d.day}日" if lang == "zh" else f"{d:%B} {d.day}"


class _Call:
    """Collects turns for one call in the customer's language."""

    def __init__(self, v: Voice, rnd: random.Random) -> None:
        self.v, self.rnd, self.turns = v, rnd, []
        zh = v.lang == "zh"
        self.lines = LINES_ZH if zh else LINES_EN
        self.sales = SALES_LINES_ZH if zh else SALES_LINES_EN
        self.resolve = RESOLVE_ZH if zh else RESOLVE_EN
        self.needs = NEEDS_ZH if zh else NEEDS_EN
        self.offer = OFFER_ZH if zh else OFFER_EN
        self.qualify = QUALIFY_ZH if zh else QUALIFY_EN

    def rep(self, templates: tuple[str, ...]) -> None:
        self.rep_line(self.rnd.choice(templates))

    def rep_line(self, template: str) -> None:
        self.turns.append(("Agent", self.v.say(template, 0.02, 0.0, casual=False)))

    def customer(self, *parts: str) -> None:
        sep = "" if self.v.lang == "zh" else " "
        self.turns.append(("Customer", sep.join(p for p in parts if p)))

    def said(self, templates: tuple[str, ...]) -> str:
        return self.v.say(self.rnd.choice(templates), 0.05, 0.02)


def _support_call(c: _Call) -> None:
    v, rnd, zh = c.v, c.rnd, c.v.lang == "zh"
    theme = v.pick_pain_theme()
    group = GROUP[theme]
    # optional exchanges, each two turns; at most four so a call stays within 16 turns
    pairs = () if zh else PROBES_EN[group]
    probes = rnd.sample(pairs, min(len(pairs), rnd.choice((0, 1, 1, 2))))
    verify = rnd.random() < 0.75
    unhappy = rnd.random() < (0.7 if v.archetype.id == "at_risk" else 0.12)
    escalate = unhappy and rnd.random() < 0.6
    wrap = rnd.random() < 0.85
    one_more = wrap and rnd.random() < 0.25
    while verify + len(probes) + escalate + wrap + one_more > (MAX_TURNS - 7) // 2:
        if probes:
            probes.pop()
        elif one_more:
            one_more = False
        else:
            verify = False

    c.rep(c.lines["greeting"])
    c.customer(c.said(c.lines["opener"]), v.pain(theme))
    if verify:
        c.rep(c.lines["verify"])
        c.customer(c.said(c.lines["verify_answer"]))
    c.rep(c.lines["lookup"])
    c.customer(v.pain(theme if rnd.random() < 0.5 else None),
               v.pain() if rnd.random() < 0.3 else "")
    for question, answer in probes:
        c.rep_line(question)
        c.customer(v.say(answer, 0.05, 0.02), v.pain(theme) if rnd.random() < 0.4 else "")
    c.rep(c.resolve[group])
    c.customer(c.said(c.lines["unhappy" if unhappy else "happy"]))
    if escalate:
        c.rep(c.resolve["support"])
        c.customer(c.said(c.lines["happy"]))
    if wrap:
        c.rep(c.lines["wrap_up"])
        if one_more:  # one more thing before hanging up
            second = v.pick_pain_theme()
            c.customer(c.said(c.lines["one_more"]), v.pain(second))
            c.rep(c.resolve[GROUP[second]])
        c.customer(c.said(c.lines["closing"]))
    c.rep(c.lines["goodbye"])


def _sales_call(c: _Call) -> None:
    v, rnd = c.v, c.rnd
    aid = v.archetype.id
    if aid == "at_risk":  # a win-back call
        c.rep(c.sales["winback"])
        c.customer(v.pain(), v.pain() if rnd.random() < 0.5 else "")
        c.rep(c.offer["at_risk"])
        c.customer(c.said(c.lines["unhappy"]), v.pain() if rnd.random() < 0.5 else "")
        c.rep(c.resolve["support"])
        c.customer(c.said(c.sales["maybe" if rnd.random() < 0.7 else "yes"]))
    else:
        if rnd.random() < 0.6:
            c.rep(c.sales["greeting_in"])
            c.customer(c.said(c.needs[aid]))
        else:
            c.rep(c.sales["greeting_out"])
            c.customer(c.said(c.sales["out_ok"]), c.said(c.needs[aid]))
        question, answer = rnd.choice(c.qualify["units" if aid == "needs_based" else "personal"])
        c.rep_line(question)
        c.customer(v.say(answer, 0.05, 0.02))
        c.rep(c.offer[aid])
        theme = v.pick_pain_theme()
        c.customer(v.pain(theme))
        c.rep(c.resolve[GROUP[theme]])
        c.customer(c.said(c.sales["yes" if rnd.random() < 0.65 else "maybe"]))
    c.rep(c.sales["next_steps"])
    if rnd.random() < 0.7:
        c.customer(c.said(c.lines["closing"]))
        c.rep(c.lines["goodbye"])


def make_transcripts(rng: np.random.Generator, rnd: random.Random, seed: int,
                     customers: pd.DataFrame, arch: np.ndarray, book: OrderBook,
                     as_of: datetime.date) -> pd.DataFrame:
    """Calls from a sample of customers; at-risk and B2B customers call most."""
    english, chinese = _staff(seed)
    as_of_day = day_number(as_of)
    rate = np.array([a.call_rate for a in ARCHETYPES])[arch]
    chosen = np.flatnonzero(rng.random(len(arch)) < rate)
    names = customers["name"].to_numpy()
    signup_year = customers["signup_date"].dt.year.to_numpy()
    category = book.frame["product_category"].to_numpy()
    order_ids = book.frame["order_id"].to_numpy()
    records = []
    for i in chosen:
        a = ARCHETYPES[arch[i]]
        v = make_voice(rnd, customers, arch, i)
        sales = rnd.random() < a.sales_call_share
        rows = book.rows[i]
        if sales and a.id == "at_risk":
            day = int(book.days[rows[-1]]) + rnd.randint(60, 150)
        else:
            pool = rows[-6:] if a.id == "at_risk" else rows
            day = int(book.days[int(rnd.choice(list(pool)))]) + rnd.randint(1, 12)
        day = min(day, as_of_day)
        r = book.latest_before(int(i), day)
        v.about(category[r], order_ids[r])
        rep = rnd.choice(chinese if v.lang == "zh" else english)
        v.rep_first = rep if v.lang == "zh" else rep.split(" ")[0]
        v.extra = {"order_date": _date_text(int(book.days[r]), v.lang),
                   "full_name": str(names[i]),
                   "last_month": _date_text(int(book.days[rows[-1]]), v.lang).split(" ")[0],
                   "year": str(signup_year[i])}
        call = _Call(v, rnd)
        (_sales_call if sales else _support_call)(call)
        turns = call.turns
        text = "\n".join(f"{who}: {line}" for who, line in turns)
        spoken = len(text) / (4.0 if v.lang == "zh" else 12.0)
        hold = rnd.randint(60, 900) if a.id == "at_risk" and not sales else \
            rnd.choice((0, 0, 30, 60, 120))
        duration = int(spoken + 9 * len(turns) + hold + rnd.randint(15, 90))
        records.append((day, int(i), "sales" if sales else "support", rep, duration, text))
    return records_frame(records, customers, "call_id", "CALL{:05d}", "call_date",
                         ("call_type", "agent_name", "duration_seconds", "transcript"),
                         whole_numbers=("duration_seconds",))
