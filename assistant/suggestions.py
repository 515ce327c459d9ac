"""Two or three next questions after an answer, in the language the marketer used.

They follow the usual path of an analysis: describe → segment → compare → listen to the
customers' words → draft personas → export. Segment names are the ones just computed.
"""

from __future__ import annotations

import re

from assistant.events import AnswerKind
from assistant.session import Session

_CJK = re.compile(r"[\u3400-\u9fff]")
NEXT: dict[str, list[tuple[str, str]]] = {
    "overview": [("Segment my customers with RFM", "用RFM给客户分群"),
                 ("Where do my customers live?", "客户按地区分布如何？"),
                 ("How concentrated is revenue?", "收入集中度如何？")],
    "distribution": [("Break this down by region", "按地区细分"),
                     ("Cluster my customers into personas", "把客户聚类成画像")],
    "breakdown": [("Which segment is most at risk of churning?", "哪个客户群流失风险最高？"),
                  ("Cluster my customers into personas", "把客户聚类成画像")],
    "rfm": [("Compare {a} with {b}", "比较{a}和{b}"),
            ("What do {b} customers complain about?", "{b}客户抱怨什么？"),
            ("Draft personas for these segments", "为这些客户群写画像")],
    "lifecycle": [("What do at risk customers complain about?", "有流失风险的客户抱怨什么？"),
                  ("How does retention look by cohort?", "各批次客户的留存如何？")],
    "clv": [("Which customers are the most valuable?", "哪些客户最有价值？"),
            ("Show CLV by RFM segment", "按RFM分群显示客户终身价值")],
    "cluster_customers": [("How stable are these clusters?", "这些聚类稳定吗？"),
                          ("Draft personas for these segments", "为这些客户群写画像"),
                          ("Show a health report for these segments", "这些客户群的健康报告")],
    "consumer_types": [("What do discount-driven customers complain about?",
                        "价格敏感型客户抱怨什么？"),
                       ("Draft personas for these segments", "为这些客户群写画像")],
    "pareto": [("Split customers into value tiers", "把客户分成价值层级"),
               ("What is the lifetime value of my customers?", "客户终身价值是多少？")],
    "value_tiers": [("Compare the top 10% with everyone else", "比较前10%客户和其他客户"),
                    ("Export the top tier", "导出最高层级客户")],
    "cohort_retention": [("Do customers who used a discount stay longer?",
                          "用过折扣的客户留存更久吗？"),
                         ("Which customers are at risk?", "哪些客户有流失风险？")],
    "behaviour_cohorts": [("How does retention look by cohort?", "各批次客户的留存如何？")],
    "compare_segments": [("What do {b} customers complain about?", "{b}客户抱怨什么？"),
                         ("Draft a persona for {a}", "为{a}写画像")],
    "segment_health": [("Compare {a} with {b}", "比较{a}和{b}"),
                       ("Draft personas for these segments", "为这些客户群写画像")],
    "define_segment": [("Draft a persona for this segment", "为这个客户群写画像"),
                       ("Export this segment", "导出这个客户群")],
    "search_feedback": [("What are the main themes in this feedback?",
                         "这些反馈的主要主题是什么？")],
    "feedback_themes": [("Draft a persona for this segment", "为这个客户群写画像"),
                        ("Show me more quotes about the top theme", "显示更多关于首要主题的原话")],
    "draft_personas": [("Export the members of {a}", "导出{a}的成员"),
                       ("Show a health report for these segments", "这些客户群的健康报告")],
    "export_segment": [("Draft a persona for this segment", "为这个客户群写画像")],
}
ORDER_WORDS = re.compile(r"RFM|lifetime value|CLV|cohort|retention|concentrated|value tiers|"
                         r"top tier|top 10%|discount|complain|终身价值|批次|留存|集中度|价值层级|"
                         r"最高层级|前10%|折扣|抱怨", re.I)
"""Our own next questions that need an orders table (or feedback) to be answered."""
START = [("Give me an overview of my data", "概览一下我的数据"),
         ("Segment my customers with RFM", "用RFM给客户分群"),
         ("What do customers complain about most?", "客户最常抱怨什么？")]


def suggest(session: Session, tools: list[str], question: str, kind: AnswerKind) -> list[str]:
    """Up to three next questions for the last tool of the turn (starters if there is none)."""
    chinese = bool(_CJK.search(question))
    options = NEXT.get(tools[-1], START) if tools and kind == "answer" else START
    first, second = _two_segments(session)
    picked = []
    for english, zh in options:
        text = zh if chinese else english
        if ("{a}" in text and not first) or ("{b}" in text and not second):
            continue
        picked.append(text.format(a=first, b=second))
    return _on_columns_present(session, picked, chinese)[:3]


def _on_columns_present(session: Session, picked: list[str], chinese: bool) -> list[str]:
    """Without an orders table, questions on the customers' own columns replace the ones
    that need orders (a suggestion must be answerable here)."""
    from assistant.brains.local.alternatives import column_questions
    from assistant.brains.local.context import schema_of

    schema = schema_of(session.workspace)
    if schema.has_orders or schema.customers is None:
        return picked
    kept = [text for text in picked if not ORDER_WORDS.search(text)]
    extra = [q for q in column_questions(schema, chinese) if q not in kept]
    return kept + extra


def _two_segments(session: Session) -> tuple[str | None, str | None]:
    """The largest and the most worrying segment of the current segmentation."""
    name = session.current_segmentation
    sizes = session.saved_segmentations.get(name, {}).get("sizes", {}) if name else {}
    if len(sizes) < 2:
        return None, None
    ordered = sorted(sizes, key=lambda label: -sizes[label])
    risky = [s for s in ordered if re.search(r"risk|lose|hibernat|churn|sleep", s, re.I)]
    first = next((s for s in ordered if s not in risky), ordered[0])
    second = risky[0] if risky else ordered[1]
    return first, second if second != first else ordered[1]
