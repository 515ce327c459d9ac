"""Summaries, the pass/fail verdict, and the reports: a console table, HTML and JSON.

The HTML report is one self-contained file (no scripts, no external styles); every
piece of text from the assistant is escaped before it is written.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.runner import ConversationOutcome, TurnOutcome
from evals.scorers import latency

CATEGORY_FLOOR = 0.8


@dataclass
class CategoryStats:
    category: str
    questions: int = 0
    passed: int = 0
    routed: int = 0
    routing_checked: int = 0
    grounded: int = 0
    turns: int = 0

    @property
    def pass_rate(self) -> float:
        return self.passed / self.questions if self.questions else float("nan")

    @property
    def routing(self) -> float:
        return self.routed / self.routing_checked if self.routing_checked else float("nan")

    @property
    def grounding(self) -> float:
        return self.grounded / self.turns if self.turns else float("nan")


@dataclass
class Summary:
    categories: list[CategoryStats]
    total: CategoryStats
    latency: dict[str, float]
    ungrounded: list[str]
    threshold: float
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def summarise(outcomes: list[ConversationOutcome], threshold: float) -> Summary:
    by_category: dict[str, CategoryStats] = {}
    total = CategoryStats("all")
    seconds: list[float] = []
    ungrounded: list[str] = []
    for outcome in outcomes:
        stats = by_category.setdefault(outcome.category, CategoryStats(outcome.category))
        for target in (stats, total):
            target.questions += 1
            target.passed += outcome.passed
        for number, turn in enumerate(outcome.turns, start=1):
            seconds.append(turn.seconds)
            routing = turn.check("routing")
            for target in (stats, total):
                target.turns += 1
                target.grounded += turn.grounded
                if routing is not None:
                    target.routing_checked += 1
                    target.routed += routing.passed
            if not turn.grounded:
                ungrounded.append(f"{outcome.id} turn {number}")
    summary = Summary(sorted(by_category.values(), key=lambda s: s.category), total,
                      latency(seconds), ungrounded, threshold)
    summary.failures = verdict(summary)
    return summary


def verdict(summary: Summary) -> list[str]:
    """Why the run fails (empty = it passes)."""
    reasons = []
    if summary.total.questions == 0:
        return ["no questions were run"]
    if summary.total.pass_rate < summary.threshold:
        reasons.append(f"overall pass rate {summary.total.pass_rate:.1%} is below "
                       f"{summary.threshold:.0%}")
    reasons.extend(f"category '{s.category}' passes {s.pass_rate:.1%} (< {CATEGORY_FLOOR:.0%})"
                   for s in summary.categories if s.pass_rate < CATEGORY_FLOOR)
    if summary.ungrounded:
        shown = ", ".join(summary.ungrounded[:8])
        more = f" and {len(summary.ungrounded) - 8} more" if len(summary.ungrounded) > 8 else ""
        reasons.append(f"ungrounded answers: {shown}{more}")
    return reasons


def _rate(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0%}"


def console_table(summary: Summary) -> str:
    header = f"{'category':<22}{'questions':>10}{'passed':>8}{'pass rate':>11}" \
             f"{'routing':>9}{'grounded':>10}"
    lines = [header, "-" * len(header)]
    for stats in [*summary.categories, summary.total]:
        if stats is summary.total:
            lines.append("-" * len(header))
        lines.append(f"{stats.category:<22}{stats.questions:>10}{stats.passed:>8}"
                     f"{_rate(stats.pass_rate):>11}{_rate(stats.routing):>9}"
                     f"{_rate(stats.grounding):>10}")
    lat = summary.latency
    lines.append(f"latency per turn: p50 {lat['p50']:.2f} s, p95 {lat['p95']:.2f} s, "
                 f"max {lat['max']:.2f} s")
    return "\n".join(lines)


# ----- JSON ---------------------------------------------------------------------------


def turn_dict(turn: TurnOutcome) -> dict[str, Any]:
    return {
        "ask": turn.ask, "kind": turn.kind, "passed": turn.passed, "answer": turn.text,
        "seconds": round(turn.seconds, 3), "files": turn.files,
        "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail}
                   for c in turn.checks],
        "tool_calls": [{"tool": c.tool, "arguments": c.arguments, "ok": c.ok,
                        "message": c.message, "seconds": round(c.seconds, 3)}
                       for c in turn.calls],
        "trace": turn.trace, "judge": turn.judge,
    }


def report_dict(outcomes: list[ConversationOutcome], summary: Summary,
                meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "meta": meta,
        "passed": summary.ok, "failures": summary.failures,
        "latency": summary.latency,
        "categories": [_stats_dict(s) for s in [*summary.categories, summary.total]],
        "questions": [{"id": o.id, "category": o.category, "language": o.conversation.language,
                       "passed": o.passed, "turns": [turn_dict(t) for t in o.turns]}
                      for o in outcomes],
    }


def _stats_dict(stats: CategoryStats) -> dict[str, Any]:
    def clean(value: float) -> float | None:
        return None if math.isnan(value) else round(value, 4)

    return {"category": stats.category, "questions": stats.questions, "passed": stats.passed,
            "pass_rate": clean(stats.pass_rate), "routing": clean(stats.routing),
            "grounded": clean(stats.grounding)}


def write_reports(outcomes: list[ConversationOutcome], summary: Summary, meta: dict[str, Any],
                  folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = report_dict(outcomes, summary, meta)
    json_path = folder / "eval-report.json"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str),
                         encoding="utf-8")
    html_path = folder / "eval-report.html"
    html_path.write_text(render_html(data), encoding="utf-8")
    return html_path, json_path


# ----- HTML ---------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem}
th{background:#f3f3f3}.pass{color:#176b2c}.fail{color:#b00020;font-weight:600}
details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.3rem .6rem}
summary{cursor:pointer}pre{white-space:pre-wrap;background:#f7f7f7;padding:.5rem}
.turn{border-left:3px solid #ddd;padding-left:.8rem;margin:.6rem 0}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def render_html(data: dict[str, Any]) -> str:
    meta = data["meta"]
    verdict_line = ("<p class='pass'>PASSED</p>" if data["passed"] else
                    "<p class='fail'>FAILED: " + _e("; ".join(data["failures"])) + "</p>")
    rows = "".join(
        f"<tr><td>{_e(s['category'])}</td><td>{s['questions']}</td><td>{s['passed']}</td>"
        f"<td>{_pct(s['pass_rate'])}</td><td>{_pct(s['routing'])}</td>"
        f"<td>{_pct(s['grounded'])}</td></tr>" for s in data["categories"])
    lat = data["latency"]
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>Eval report {_e(meta.get('started', ''))}</title><style>{_STYLE}</style>",
        "</head><body><h1>Segment Assistant: eval report</h1>",
        "<p>" + " · ".join(f"{_e(k)}: {_e(v)}" for k, v in meta.items()) + "</p>",
        verdict_line,
        "<table><tr><th>category</th><th>questions</th><th>passed</th><th>pass rate</th>"
        f"<th>routing</th><th>grounded</th></tr>{rows}</table>",
        f"<p>Latency per turn: p50 {_num(lat['p50'])} s, p95 {_num(lat['p95'])} s, "
        f"max {_num(lat['max'])} s</p><h2>Questions</h2>",
    ]
    parts.extend(_question_html(q) for q in data["questions"])
    parts.append("</body></html>")
    return "\n".join(parts)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _num(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.2f}"


def _question_html(question: dict[str, Any]) -> str:
    status = "<span class='pass'>pass</span>" if question["passed"] else \
        "<span class='fail'>FAIL</span>"
    failed = [f"{c['name']}" for t in question["turns"] for c in t["checks"] if not c["passed"]]
    why = f" — failed: {_e(', '.join(dict.fromkeys(failed)))}" if failed else ""
    opened = "" if question["passed"] else " open"
    turns = "".join(_turn_html(n, t) for n, t in enumerate(question["turns"], start=1))
    return (f"<details{opened}><summary>{status} <b>{_e(question['id'])}</b> "
            f"({_e(question['category'])}, {_e(question['language'])}){why}</summary>"
            f"{turns}</details>")


def _turn_html(number: int, turn: dict[str, Any]) -> str:
    checks = "".join(
        f"<li class='{'pass' if c['passed'] else 'fail'}'>{_e(c['name'])}: "
        f"{'ok' if c['passed'] else 'failed'} {_e(c['detail'])}</li>" for c in turn["checks"])
    calls = "".join(
        f"<li><code>{_e(c['tool'])}</code>({_e(json.dumps(c['arguments'], default=str))})"
        f" → {'ok' if c['ok'] else 'error: ' + _e(c['message'])}, {c['seconds']:.2f} s</li>"
        for c in turn["tool_calls"]) or "<li>no tool call</li>"
    judge = f"<p>Judge: {_e(turn['judge'])}</p>" if turn.get("judge") else ""
    trace = (f"<details><summary>trace</summary><pre>"
             f"{_e(json.dumps(turn['trace'], indent=1, default=str, ensure_ascii=False))}"
             f"</pre></details>" if turn.get("trace") else "")
    return (f"<div class='turn'><p><b>Turn {number}:</b> {_e(turn['ask'])}</p>"
            f"<p>kind: {_e(turn['kind'])} · {turn['seconds']:.2f} s</p>"
            f"<ul>{checks}</ul><p>Tool calls:</p><ul>{calls}</ul>"
            f"<p>Answer:</p><pre>{_e(turn['answer'])}</pre>{judge}{trace}</div>")
