"""The local brain's own words when no tool runs: one clarifying question, a polite
refusal, or what it can do. English or Chinese, following the question."""

from __future__ import annotations

import re

from assistant.brains.local.alternatives import column_questions, tool_called
from assistant.brains.local.context import Schema
from assistant.toolkit import tool_cards

CAN_DO = ("I can describe your customers (overview, demographics, regions, devices, channels), "
          "segment them (RFM, lifecycle, value tiers, consumer types, clustering, your own "
          "rules), estimate lifetime value, show cohorts and retention, compare segments, find "
          "what customers say in reviews, surveys and calls, and draft persona documents.")
CAN_DO_ZH = ("我可以概览和描述你的客户（人口属性、地区、设备、渠道），为客户分群（RFM、生命周期、"
             "价值层级、消费者类型、聚类或自定义规则），估算客户终身价值，分析批次留存，比较客户群，"
             "查找评论、问卷和通话中的客户原话，并撰写客户画像文档。")

_PERSONAL = re.compile(
    r"(e-?mail|phone|address|contact details|电话|邮箱|地址|手机号).{0,40}"
    r"(of|for|customer|客户|c\d{3,})|(\w+'s)\s+(e-?mail|phone|address)|"
    r"(list|give|show|export).{0,20}every.{0,20}(e-?mail|phone)|"
    r"的\s*(电话|邮箱|地址|手机号|联系方式)", re.IGNORECASE)
_DESTRUCTIVE = re.compile(r"\b(delete|drop|erase|wipe|truncate|destroy)\b.{0,30}"
                          r"(data|table|customers|workspace|everything|all)|删除|清空", re.I)
_CODE = re.compile(r"\b(python|javascript|sql|bash|shell)\b.{0,20}\b(code|script|query|run)|"
                   r"\b(run|execute|eval)\b.{0,30}\b(code|script|python|command)|import os|"
                   r"os\.(remove|system)|subprocess|rm -rf|运行.{0,6}代码", re.I)
_EXPORT_WORDS = re.compile(r"\bexport|download|导出|下载", re.I)


_INJECTION = re.compile(r"ignore (all |your |the |previous |prior )*(instructions|rules)|"
                        r"system prompt|hidden instructions|jailbreak|忽略.{0,6}指令|系统提示",
                        re.I)


def refusal_reason(text: str) -> str | None:
    """Why a request must be declined before any tool runs, if it must."""
    if _INJECTION.search(text):
        return "injection"
    if _CODE.search(text):
        return "code"
    if _DESTRUCTIVE.search(text):
        return "destructive"
    if _PERSONAL.search(text) and not _EXPORT_WORDS.search(text):
        return "personal"
    return None


def refuse(reason: str, chinese: bool) -> str:
    if chinese:
        lead = {
            "code": "我不运行代码，所有数字都由内置的分析工具计算。",
            "destructive": "我不会删除或修改你的数据。",
            "injection": "我不能更改或透露自己的工作规则。",
            "personal": "我不在对话中提供单个客户的个人信息（姓名、邮箱、电话、地址）。"
                        "如需联系名单，可以导出某个客户群的成员文件。",
        }.get(reason, "这个问题超出了我的范围。")
        return f"{lead}{CAN_DO_ZH}"
    lead = {
        "code": "I don't run code: every number here is computed by built-in analysis tools.",
        "destructive": "I can't delete or change your data; I only read it and save results.",
        "injection": "I can't change or reveal my working instructions.",
        "personal": "I don't show individual customers' personal details (names, e-mails, "
                    "phones, addresses) in the chat. To contact a segment, export its member "
                    "list as a file.",
    }.get(reason, "Sorry, that's outside what I can help with.")
    return f"{lead} {CAN_DO}"


def help_text(chinese: bool) -> str:
    if chinese:
        return f"你好！{CAN_DO_ZH} 例如：‘用RFM给客户分群’或‘价格敏感型客户抱怨什么？’"
    return (f"Hello! {CAN_DO} Try ‘Segment my customers with RFM’ or ‘What do discount "
            "hunters complain about?’")


def clarify_between(first: str, second: str, chinese: bool) -> str:
    cards = tool_cards()
    options = [o for o in (first, second) if o in cards] or ["overview", "rfm"]
    if len(options) == 1:
        options.append("overview" if options[0] != "overview" else "rfm")
    a, b = (cards[o].gives.text(chinese) for o in options[:2])
    if chinese:
        return f"我不太确定你的意思。你想看{a}，还是{b}？"
    return f"I'm not sure what you'd like. Do you want {a}, or {b}?"


def clarify_what(chinese: bool) -> str:
    if chinese:
        return "你想了解客户的哪方面？例如：概览、按地区细分、RFM分群，或客户在评论里说了什么？"
    return ("What would you like to know about your customers? For example an overview, a "
            "breakdown by region, RFM segments, or what customers say in reviews?")


def clarify_column(schema: Schema, chinese: bool) -> str:
    wanted = ("region", "age", "gender", "device", "source_channel", "product_category")
    present = [c for c in wanted if schema.has_column(c)][:4] or [
        c for ds in schema.columns.values() for c in ds][:4]
    options = ", ".join(present)
    if chinese:
        return f"按哪一列细分？例如：{options}。"
    return f"Which column should I break it down by? For example: {options}."


def clarify_rule(chinese: bool) -> str:
    if chinese:
        return "这个客户群的条件是什么？例如：‘加州的年轻客户’或‘消费很高的客户’。"
    return ("Which customers should the segment hold? For example ‘young customers in "
            "California’ or ‘customers who spend the most’.")


def clarify_segmentation(chinese: bool) -> str:
    if chinese:
        return ("你想怎样给客户分群：按RFM（最近购买、频率、金额）、按聚类画像、"
                "按生命周期，还是按价值层级？")
    return ("How would you like to segment them: by RFM (recency, frequency, value), by "
            "clustering into personas, by lifecycle stage, or by value tiers?")


def clarify_segment(options: list[str], chinese: bool) -> str:
    shown = ", ".join(options[:5])
    if chinese:
        return f"你指的是哪个客户群？例如：{shown}。" if shown else (
            "你指的是哪个客户群？请先运行RFM或聚类，或说出客户群的名称。")
    if shown:
        return f"Which segment do you mean? For example: {shown}."
    return ("Which segment do you mean? Run RFM or clustering first, or name the segment "
            "(e.g. ‘the Champions’).")


def needs_orders(tool: str, schema: Schema, chinese: bool) -> tuple[str, list[str]]:
    """Why an orders-based question cannot be answered here, and what can be asked instead."""
    what = tool_called(tool, chinese)
    options = column_questions(schema, chinese)
    if chinese:
        text = (f"{what}需要订单表（每笔订单的客户编号、下单日期和金额），这个工作区没有订单表。")
        if schema.customers:
            text += f"用现有的客户表“{schema.customers}”可以问："
            text += "；".join(options) + "。"
        else:
            text += "请先加载订单文件或客户文件。"
        return text, options
    text = (f"{what}: this needs an orders table (a customer id, an order date and an amount "
            "for each order), and this workspace has none.")
    if schema.customers:
        text += (f" With the customers table ‘{schema.customers}’ you can ask: "
                 + "; ".join(f"‘{o}’" for o in options) + ".")
    else:
        text += " Load a file of orders (or of customers) first."
    return text, options
