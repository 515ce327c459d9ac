"""Small, separate scorers: each looks at one thing an answer must get right.

Every scorer returns a `Check` (name, passed, detail). The runner applies those a
question's expectations ask for; the report shows which check failed and why.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from evals.numbers import WrittenNumber, appears, read_numbers, values_in
from evals.questions import NumberCheck


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class Call:
    """One tool call of a turn, as the scorers need it (independent of the assistant's types)."""

    tool: str
    arguments: dict[str, Any] = field(default_factory=dict)
    ok: bool = True
    message: str = ""
    seconds: float = 0.0
    parameters: dict[str, Any] = field(default_factory=dict)  # validated, with defaults
    facts: dict[str, tuple[Any, str]] = field(default_factory=dict)  # name -> (value, unit)


# ----- answer kind, routing and arguments -------------------------------------------------


def score_kind(expected: Sequence[str], kind: str) -> Check:
    passed = kind in expected
    return Check("kind", passed, "" if passed else f"expected {'|'.join(expected)}, got {kind}")


def score_routing(expected: Sequence[Sequence[str]], forbidden: Sequence[str],
                  called: Sequence[str]) -> Check:
    """Every expected entry is called (an entry lists alternatives); no forbidden tool is."""
    called_set = set(called)
    missing = [" or ".join(choice) for choice in expected if not called_set & set(choice)]
    banned = sorted(called_set) if "*" in forbidden else sorted(called_set & set(forbidden))
    problems = []
    if missing:
        problems.append("not called: " + ", ".join(missing))
    if banned:
        problems.append("should not call: " + ", ".join(banned))
    shown = ", ".join(called) or "no tool"
    return Check("routing", not problems, "; ".join(problems) + f" (called {shown})"
                 if problems else f"called {shown}")


def score_arguments(expected: dict[str, dict[str, Any]], calls: Sequence[Call]) -> Check | None:
    """For each expected tool that was called, one of its calls has the key arguments.

    None when no tool with expected arguments was called (routing reports that).
    """
    problems, checked = [], 0
    for tool, wanted in expected.items():
        candidates = [c for c in calls if c.tool == tool]
        if not candidates:
            continue
        checked += 1
        best: list[str] | None = None
        for call in candidates:
            given = {**call.parameters, **call.arguments}
            wrong = [f"{name}={given.get(name)!r} (expected {value!r})"
                     for name, value in wanted.items() if not argument_matches(value,
                                                                                given.get(name))]
            if best is None or len(wrong) < len(best):
                best = wrong
        if best:
            problems.append(f"{tool}: " + ", ".join(best))
    if not checked:
        return None
    return Check("arguments", not problems, "; ".join(problems))


def score_conditions(expected: Sequence[str], calls: Sequence[Call]) -> Check:
    """The turn's segments apply exactly the expected conditions: none missing, none extra."""
    from evals.conditions import applied_conditions, canonical_conditions

    wanted = set().union(*(canonical_conditions(c) for c in expected))
    applied = applied_conditions(calls)
    missing, extra = sorted(wanted - applied), sorted(applied - wanted)
    detail = "; ".join(part for part in (
        f"missing {', '.join(missing)}" if missing else "",
        f"not asked {', '.join(extra)}" if extra else "") if part)
    return Check("conditions", not missing and not extra, detail or "as asked")


def argument_matches(expected: Any, actual: Any) -> bool:
    """Strings equal ignoring case and spaces, lists as sets, numbers within tolerance.

    `{any_of: [...]}` accepts any of several values; `{approx: 12, tolerance: 1}` a range.
    """
    if isinstance(expected, dict) and "any_of" in expected:
        return any(argument_matches(option, actual) for option in expected["any_of"])
    if isinstance(expected, dict) and "approx" in expected:
        number = _as_number(actual)
        return number is not None and abs(number - float(expected["approx"])) <= float(
            expected.get("tolerance", 0)) + 1e-9
    if expected is None:
        return actual in (None, "", [])
    if isinstance(expected, list):
        if isinstance(actual, str | int | float) and len(expected) == 1:
            actual = [actual]
        if not isinstance(actual, list | tuple | set):
            return False
        return {_norm(v) for v in expected} == {_norm(v) for v in actual}
    if isinstance(expected, bool):
        return isinstance(actual, bool) and actual == expected
    if isinstance(expected, int | float):
        number = _as_number(actual)
        return number is not None and math.isclose(number, float(expected), rel_tol=1e-9,
                                                   abs_tol=1e-9)
    return _norm(expected) == _norm(actual)


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _norm(value: Any) -> str:
    text = str(value).strip().lower().replace("’", "'")
    return re.sub(r"\s+", " ", text)


# ----- what the answer says ---------------------------------------------------------------


def score_numbers(checks: Sequence[NumberCheck], text: str,
                  resolve: Callable[[str], Any]) -> Check:
    """Each expected number appears in the text within tolerance (a computed label as text)."""
    missing, found = [], []
    for check in checks:
        try:
            target = resolve(check.compute) if check.compute else check.value
        except Exception as exc:  # an expectation that cannot be computed fails the check
            missing.append(f"{check.name}: cannot compute ({exc})")
            continue
        if isinstance(target, str):
            ok = _norm(target) in _norm(text)
            (found if ok else missing).append(f"{check.name}={target!r}")
            continue
        hit = appears(text, float(target), check.tolerance, check.percent, check.rel_tolerance)
        if hit:
            found.append(f"{check.name}={_shown(target)} as {hit.text}")
        else:
            missing.append(f"{check.name}={_shown(target)}")
    detail = ("missing " + ", ".join(missing)) if missing else "found " + ", ".join(found)
    return Check("numbers", not missing, detail)


def _shown(value: Any) -> str:
    return f"{value:,.4g}" if isinstance(value, float) and abs(value) < 1000 else f"{value:,}"


def score_include(include: Sequence[Sequence[str]], text: str) -> Check:
    lowered = _norm(text)
    missing = [" or ".join(f"'{p}'" for p in options) for options in include
               if not any(_norm(p) in lowered for p in options)]
    return Check("include", not missing, ("missing " + ", ".join(missing)) if missing else "")


def score_exclude(exclude: Sequence[str], text: str) -> Check:
    lowered = _norm(text)
    present = [f"'{p}'" for p in exclude if _norm(p) in lowered]
    return Check("exclude", not present, ("should not say " + ", ".join(present))
                 if present else "")


# ----- grounding --------------------------------------------------------------------------


def score_reported_grounding(ungrounded: Sequence[str]) -> Check:
    """The assistant's own checker found nothing it could not ground."""
    return Check("grounded", not ungrounded,
                 ("ungrounded: " + ", ".join(map(str, ungrounded))) if ungrounded else "")


def fact_candidates(value: Any, unit: str, percent: bool) -> list[float]:
    """The values a fact may be written as: a share as a percentage (or as the fraction)."""
    numbers = list(values_in(value))
    if unit != "share":
        return numbers
    as_percent = [v * 100 for v in numbers]
    return as_percent if percent else as_percent + numbers


def is_grounded(number: WrittenNumber, facts: Iterable[tuple[Any, str]],
                allowed: Iterable[float] = ()) -> bool:
    """Written at its precision, the number equals a fact or an allowed number."""
    if number.is_year or number.is_small_count:
        return True
    if any(number.matches(value) for value in allowed):
        return True
    return any(number.matches(candidate)
               for value, unit in facts
               for candidate in fact_candidates(value, unit, number.percent))


def score_own_grounding(text: str, facts: Iterable[tuple[Any, str]],
                        allowed: Iterable[float] = ()) -> Check:
    """Every number of the answer is among the facts of this turn's and earlier tool results.

    `allowed` holds numbers that came from the marketer (the questions, tool arguments).
    """
    facts, allowed = list(facts), list(allowed)
    invented = [n.text for n in read_numbers(text) if not is_grounded(n, facts, allowed)]
    return Check("numbers-grounded", not invented,
                 ("not in any tool result: " + ", ".join(invented)) if invented else "")


# ----- latency ----------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """Linear-interpolated percentile (share 0.5 = median); nan for no values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency(values: Sequence[float]) -> dict[str, float]:
    return {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95),
            "max": max(values) if values else float("nan")}
