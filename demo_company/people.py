"""Customer profiles: demographics, technographics and acquisition per archetype.

Names, e-mail addresses and phone numbers come from Faker with the locale of the
customer's country, so a German customer has a German name and a +49 number.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
from faker import Faker

from demo_company import places
from demo_company.archetypes import ARCHETYPES, INCOME_BANDS, Archetype

_EPOCH = datetime.date(1970, 1, 1)
_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe",
                        "Ü": "Ue"})


@dataclass(frozen=True)
class People:
    """The customers table plus the hidden per-customer facts the other tables need."""

    frame: pd.DataFrame
    archetype: np.ndarray  # index into ARCHETYPES per customer
    signup_day: np.ndarray  # days since 1970-01-01


def day_number(day: datetime.date) -> int:
    return (day - _EPOCH).days


def customer_ids(n: int) -> list[str]:
    return [f"C{i + 1:05d}" for i in range(n)]


def to_datetime(days: np.ndarray) -> np.ndarray:
    """Day numbers to a datetime64 array at pandas' default resolution."""
    return np.asarray(days, dtype="int64").astype("datetime64[D]").astype("datetime64[us]")


def pick(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    """Draw `size` labels from a weight dict (insertion order keeps it deterministic)."""
    labels = list(weights)
    p = np.array([weights[k] for k in labels], dtype=float)
    return np.array(labels, dtype=object)[rng.choice(len(labels), size=size, p=p / p.sum())]


def assign_archetypes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Exact counts by share (largest remainder), shuffled so ids do not reveal the group."""
    shares = np.array([a.share for a in ARCHETYPES])
    raw = shares / shares.sum() * n
    counts = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - counts), kind="stable")[: n - counts.sum()]:
        counts[i] += 1
    return rng.permutation(np.repeat(np.arange(len(ARCHETYPES)), counts))


def make_customers(rng: np.random.Generator, seed: int, n: int, as_of: datetime.date) -> People:
    """Build the customers table; the archetype is returned separately, never as a column."""
    arch = assign_archetypes(rng, n)
    cols: dict[str, np.ndarray] = {name: np.empty(n, dtype=object) for name in (
        "gender", "income_band", "education", "marital_status", "job_family", "country",
        "tier", "device", "source_channel")}
    age = np.zeros(n, dtype=int)
    signup = np.zeros(n, dtype=int)
    b2b = np.zeros(n, dtype=bool)
    apple = np.zeros(n, dtype=bool)
    as_of_day = day_number(as_of)
    for k, a in enumerate(ARCHETYPES):
        idx = np.flatnonzero(arch == k)
        m = len(idx)
        if m == 0:
            continue
        age[idx] = np.clip(np.round(rng.normal(a.age[0], a.age[1], m)), 18, 84)
        female = rng.random(m) < a.female_share
        cols["gender"][idx] = np.where(female, "Female", "Male")
        cols["gender"][idx[rng.random(m) < 0.02]] = "Non-binary"
        cols["income_band"][idx] = pick(rng, dict(zip(INCOME_BANDS, a.income, strict=True)), m)
        cols["education"][idx] = pick(rng, a.education, m)
        cols["marital_status"][idx] = pick(rng, a.marital, m)
        cols["job_family"][idx] = pick(rng, a.job_family, m)
        cols["country"][idx] = pick(rng, a.country, m)
        cols["tier"][idx] = pick(rng, a.city_tier, m)
        cols["device"][idx] = pick(rng, a.device, m)
        cols["source_channel"][idx] = pick(rng, a.source, m)
        apple[idx] = rng.random(m) < a.apple_share
        lo, hi = a.signup_days_ago
        signup[idx] = as_of_day - rng.integers(lo, hi + 1, m)
        b2b[idx] = rng.random(m) < a.b2b_share

    region, city = _places(rng, cols["country"], cols["tier"])
    content = _first_touch(rng, arch, cols["source_channel"])
    jobs = _job_titles(rng, cols["job_family"], age)
    names, emails, phones = _contacts(seed, rng, cols["country"], cols["gender"])
    os_ = _operating_systems(rng, cols["device"], apple)
    size = np.where(b2b, np.array(places.COMPANY_SIZES, dtype=object)[rng.choice(
        len(places.COMPANY_SIZES), n, p=places.COMPANY_SIZE_WEIGHTS)], None)
    industry = np.where(b2b, np.array(places.INDUSTRIES, dtype=object)[
        rng.integers(0, len(places.INDUSTRIES), n)], None)

    frame = pd.DataFrame({
        "customer_id": customer_ids(n),
        "name": names, "email": emails, "phone": phones,
        "age": age.astype("int64"),
        "gender": cols["gender"].tolist(),
        "income_band": pd.Categorical(cols["income_band"].tolist(), categories=INCOME_BANDS,
                                      ordered=True),
        "education": cols["education"].tolist(),
        "marital_status": cols["marital_status"].tolist(),
        "job_title": jobs,
        "country": cols["country"].tolist(),
        "region": region, "city": city,
        "device": cols["device"].tolist(), "os": os_,
        "source_channel": cols["source_channel"].tolist(),
        "first_touch_content": content,
        "signup_date": to_datetime(signup),
        "company_size": size.tolist(),
        "industry": industry.tolist(),
    })
    return People(frame=frame, archetype=arch, signup_day=signup)


def _places(rng: np.random.Generator, country: np.ndarray,
            tier: np.ndarray) -> tuple[list[str], list[str]]:
    u = rng.random(len(country))
    regions, cities = [], []
    for c, t, x in zip(country, tier, u, strict=True):
        options = places.CITIES[c][t]
        reg, cit = options[int(x * len(options))]
        regions.append(reg)
        cities.append(cit)
    return regions, cities


def _first_touch(rng: np.random.Generator, arch: np.ndarray, source: np.ndarray) -> list[str]:
    """Content seen first: drawn within the channel, tilted by the archetype's taste."""
    u = rng.random(len(arch))
    out = []
    for a, s, x in zip(arch, source, u, strict=True):
        options = places.FIRST_TOUCH[s]
        style = ARCHETYPES[a].content_style
        w = np.array([style.get(kind, 0.0) + 0.02 for _, kind in options])
        cum = np.cumsum(w / w.sum())
        out.append(options[min(int(np.searchsorted(cum, x)), len(options) - 1)][0])
    return out


def _job_titles(rng: np.random.Generator, family: np.ndarray, age: np.ndarray) -> list[str]:
    u = rng.random(len(family))
    out = []
    for f, a, x in zip(family, age, u, strict=True):
        if a >= 67 and x < 0.8:
            out.append("Retired")
            continue
        fam = "retail_hospitality" if f == "student" and a >= 32 else f
        titles = places.JOB_TITLES[fam]
        out.append(titles[int(x * len(titles)) % len(titles)])
    return out


def _operating_systems(rng: np.random.Generator, device: np.ndarray,
                       apple: np.ndarray) -> list[str]:
    u = rng.random(len(device))
    out = []
    for d, is_apple, x in zip(device, apple, u, strict=True):
        if d == "mobile":
            out.append("iOS" if is_apple else "Android")
        elif d == "tablet":
            out.append("iPadOS" if is_apple or x < 0.2 else "Android")
        elif is_apple:
            out.append("macOS")
        else:
            out.append("Windows" if x < 0.88 else ("ChromeOS" if x < 0.97 else "Linux"))
    return out


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum())).lower()


def _contacts(seed: int, rng: np.random.Generator, country: np.ndarray,
              gender: np.ndarray) -> tuple[list[str], list[str], list[str]]:
    """Names, unique e-mails derived from the names, and phone numbers in local formats."""
    fakers: dict[str, Faker] = {}
    for c in places.LOCALES:  # dict order, not a set: deterministic
        fakers[c] = Faker(places.LOCALES[c])
        # one stream per locale, so two countries never share a digit sequence
        fakers[c].seed_instance(f"{seed}:{places.LOCALES[c]}")
    n = len(country)
    pattern = rng.integers(0, 7, n)
    digits = rng.integers(1, 99, n)
    domain_u = rng.random(n)
    name_u = rng.random((n, 2))
    used: set[str] = set()
    names, emails, phones = [], [], []
    for i in range(n):
        c = country[i]
        fake = fakers[c]
        if c == "China":
            given_pool = places.ZH_GIVEN_FEMALE if gender[i] == "Female" else places.ZH_GIVEN_MALE
            sur, sur_py = places.ZH_SURNAMES[int(name_u[i, 0] * len(places.ZH_SURNAMES))]
            giv, giv_py = given_pool[int(name_u[i, 1] * len(given_pool))]
            name, first, last = sur + giv, giv_py, sur_py
        else:
            if gender[i] == "Female":
                first = fake.first_name_female()
            elif gender[i] == "Male":
                first = fake.first_name_male()
            else:
                first = fake.first_name()
            last = fake.last_name()
            name = f"{first} {last}"
            first, last = _ascii(first), _ascii(last)
        local = _local_part(first, last, int(pattern[i]), int(digits[i]))
        doms = places.EMAIL_DOMAINS[c]
        cum = np.cumsum(list(doms.values()))
        domain = list(doms)[min(int(np.searchsorted(cum / cum[-1], domain_u[i])), len(doms) - 1)]
        email, bump = f"{local}@{domain}", 1
        while email in used:
            bump += 1
            email = f"{local}{bump}@{domain}"
        used.add(email)
        fmt = places.PHONE_FORMATS[c]
        phones.append(fake.numerify(fmt[int(digits[i]) % len(fmt)]))
        names.append(name)
        emails.append(email)
    return names, emails, phones


def _local_part(first: str, last: str, pattern: int, digits: int) -> str:
    first = first or "customer"
    last = last or "mail"
    return (f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}_{last}",
            f"{first}.{last}{digits}", f"{first}{digits:02d}", f"{last}.{first}")[pattern]


__all__ = ["Archetype", "People", "customer_ids", "day_number", "make_customers", "pick",
           "to_datetime"]
