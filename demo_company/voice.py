"""How one customer writes: which themes they bring up, in which language, with which details.

A customer's complaints come mostly (~75%) from their own archetype's three pain
themes and otherwise from any other theme, which is the realistic noise an analysis
has to see through. Details such as the product or the order id come from their
actual orders, so texts and tables agree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from demo_company import catalog
from demo_company.archetypes import Archetype
from demo_company.expand import expand, finish_en, finish_zh
from demo_company.phrases import PAIN_EN, SOFTENERS_EN
from demo_company.phrases_zh import CONTEXT_ZH, PAIN_ZH, PRAISE_ZH, SOFTENERS_ZH
from demo_company.praise import CONTEXT_EN, PEOPLE_EN, PRAISE_EN, ROOMS_EN
from demo_company.themes import CONTRADICTS, PAIN_THEMES

OWN_THEME_SHARE = 0.75
_WEEKS_EN = ("two", "three", "four", "five", "six")
_TIMES_EN = ("twice", "three times", "four times", "five times", "several times")
# first names of the store staff customers mention in reviews ("Priya on the chat was great")
STAFF_FIRST_NAMES = ("Sam", "Priya", "Tom", "Maria", "Jess", "Daniel", "Aisha", "Ben", "Chloe",
                     "Marcus", "Hannah", "Leo", "Sofia", "Ravi", "Emma", "Jamal", "Katie", "Noah")
_STICKY = frozenset({"n", "code", "card", "ticket_ref"})  # one quantity per conversation
_CODE_WORDS = ("SAVE", "HELLO", "WELCOME", "SPRING", "TREAT", "FLASH", "LUMEN", "FRIEND")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


@dataclass
class Voice:
    """The writing habits and current context of one customer."""

    rnd: random.Random
    archetype: Archetype
    lang: str  # "en" or "zh"
    country: str
    city: str
    first_name: str
    rep_first: str = "Sam"
    category: str = "Home & Kitchen"
    order_id: str = ""
    product: str = ""
    pain_weights: tuple[float, float, float] = (1.0, 1.0, 1.0)
    used: list[str] = field(default_factory=list)  # pain themes already raised in this text
    said: list[str] = field(default_factory=list)  # templates already used in this text
    extra: dict[str, str] = field(default_factory=dict)  # fixed slot values, e.g. a call's date
    sticky: dict[str, str] = field(default_factory=dict)  # values that stay put within a text

    @classmethod
    def create(cls, rnd: random.Random, archetype: Archetype, country: str, city: str,
               first_name: str) -> Voice:
        weights = tuple(rnd.uniform(0.4, 1.6) for _ in range(3))
        return cls(rnd=rnd, archetype=archetype, lang="zh" if country == "China" else "en",
                   country=country, city=city, first_name=first_name,
                   rep_first=rnd.choice(STAFF_FIRST_NAMES),
                   pain_weights=weights)  # type: ignore[arg-type]

    # ----- details -------------------------------------------------------------------
    def about(self, category: str, order_id: str) -> Voice:
        """Point the voice at one order (what the next sentences are about)."""
        self.category, self.order_id = category, order_id
        self.product = self.rnd.choice(
            (catalog.PRODUCTS_ZH if self.lang == "zh" else catalog.PRODUCTS_EN)[category])
        self.used, self.said, self.sticky = [], [], {}
        return self

    def _template(self, templates: tuple[str, ...]) -> str:
        """A template not yet used in this text, so nobody says the same thing twice."""
        fresh = [t for t in templates if t not in self.said] or list(templates)
        template = self.rnd.choice(fresh)
        self.said.append(template)
        return template

    def money(self, low: int, high: int) -> str:
        value = self.rnd.randint(low, high)
        if self.country == "China":
            value *= 7
        return f"{catalog.CURRENCY_SYMBOL.get(self.country, '$')}{value:,}"

    def fill(self, name: str) -> str:
        if name in self.extra:
            return self.extra[name]
        if name in self.sticky:
            return self.sticky[name]
        value = self._draw(name)
        if name in _STICKY:
            self.sticky[name] = value
        return value

    def _draw(self, name: str) -> str:
        r = self.rnd
        zh = self.lang == "zh"
        values = {
            "product": lambda: self.product,
            "category": lambda: catalog.CATEGORY_ZH[self.category] if zh else self.category,
            "category_lower": lambda: self.category.lower(),
            "order_id": lambda: self.order_id or f"O{r.randint(1, 60000):07d}",
            "days": lambda: str(r.randint(4, 21)),
            "weeks": lambda: str(r.randint(2, 6)) if zh else r.choice(_WEEKS_EN),
            "weeks_n": lambda: str(r.randint(2, 8)),
            "months": lambda: r.choice(("3", "6", "12")),
            "amount": lambda: self.money(25, 240),
            "amount_small": lambda: self.money(5, 30),
            "small_amount": lambda: self.money(4, 15),
            "big_amount": lambda: self.money(900, 4800),
            "pct": lambda: str(r.choice((10, 15, 20, 25, 30))),
            "n": lambda: str(r.choice((12, 20, 24, 30, 40, 50, 60, 80, 100, 150, 200))),
            "small_n": lambda: str(r.randint(3, 20)),
            "times": lambda: r.choice(_TIMES_EN),
            "times_n": lambda: str(r.randint(2, 6)),
            "minutes": lambda: str(r.choice((20, 25, 30, 35, 40, 45, 50, 55, 70, 90))),
            "points": lambda: str(r.randint(8, 60) * 5),
            "weekday": lambda: r.choice(_WEEKDAYS),
            "person": lambda: r.choice(PEOPLE_EN),
            "room": lambda: r.choice(ROOMS_EN),
            "city": lambda: self.city,
            "rep_first": lambda: self.rep_first,
            "first_name": lambda: self.first_name,
            "card": lambda: f"{r.randint(0, 9999):04d}",
            "ticket_ref": lambda: f"T{r.randint(1, 9999):06d}",
            "hours": lambda: r.choice(("24", "48", "72")),
            "days_short": lambda: str(r.randint(3, 7)),
            "code": lambda: f"{r.choice(_CODE_WORDS)}{r.choice((10, 15, 20, 25))}",
        }
        return values[name]()

    def say(self, template: str, excited: float = 0.05, typo_rate: float = 0.03,
            casual: bool = True) -> str:
        """Expand and finish one sentence in this customer's language."""
        text = expand(template, self.rnd, self.fill, self.lang)
        if self.lang == "zh":
            return finish_zh(text, self.rnd, excited)
        return finish_en(text, self.rnd, excited, typo_rate, casual)

    # ----- themes --------------------------------------------------------------------
    def pick_pain_theme(self) -> str:
        """Own themes ~75% of the time (weighted per customer), any other theme otherwise."""
        own = self.archetype.pain_points
        if self.rnd.random() < OWN_THEME_SHARE:
            fresh = [(t, w) for t, w in zip(own, self.pain_weights, strict=True)
                     if t not in self.used] or list(zip(own, self.pain_weights, strict=True))
            theme = self.rnd.choices([t for t, _ in fresh], [w for _, w in fresh])[0]
        else:
            theme = self.rnd.choice([t for t in PAIN_THEMES if t not in own])
        self.used.append(theme)
        return theme

    def pain(self, theme: str | None = None, soft: bool = False, excited: float = 0.08) -> str:
        theme = theme or self.pick_pain_theme()
        template = self._template((PAIN_ZH if self.lang == "zh" else PAIN_EN)[theme])
        if soft:
            softeners = SOFTENERS_ZH if self.lang == "zh" else SOFTENERS_EN
            prefix = expand(self.rnd.choice(softeners), self.rnd, self.fill, self.lang)
            body = expand(template, self.rnd, self.fill, self.lang)
            if self.lang == "zh":
                return finish_zh(prefix + body, self.rnd, 0.0)
            if not body.startswith(("I ", "I'")):
                body = body[0].lower() + body[1:]
            return finish_en(f"{prefix} {body}", self.rnd, 0.0)
        return self.say(template, excited=excited)

    def praise(self, excited: float = 0.2) -> str:
        blocked = {CONTRADICTS[t] for t in self.used if t in CONTRADICTS}
        weights = {k: w for k, w in self.archetype.praise_weights.items() if k not in blocked}
        theme = self.rnd.choices(list(weights), list(weights.values()))[0]
        template = self._template((PRAISE_ZH if self.lang == "zh" else PRAISE_EN)[theme])
        return self.say(template, excited=excited)

    def context(self) -> str:
        return self.say(self._template(CONTEXT_ZH if self.lang == "zh" else CONTEXT_EN),
                        excited=0.0)
