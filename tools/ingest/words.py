"""The words column names are matched against, shared by role inference and name splitting."""

from __future__ import annotations

CUSTOMER = {
    "customer",
    "cust",
    "client",
    "user",
    "member",
    "buyer",
    "shopper",
    "account",
    "客户",
    "会员",
    "用户",
    "顾客",
}
ID = {"id", "no", "nr", "num", "number", "code", "key", "ref"}
ID_ZH = ("编号", "号", "代码")
ORDER = {"order", "invoice", "transaction", "receipt", "purchase", "txn", "订单", "发票"}
AMOUNT = {
    "amount",
    "revenue",
    "sales",
    "total",
    "value",
    "spend",
    "spent",
    "payment",
    "paid",
    "gmv",
    "金额",
    "销售额",
    "消费",
    "实付",
}
PRICE = {"price", "unitprice", "单价", "价格"}
QUANTITY = {"quantity", "qty", "units", "items", "pieces", "数量", "件数"}
PHONE = {"phone", "tel", "telephone", "mobile", "cell", "电话", "手机"}
PERSON = {"name", "姓名", "名字"}
NOT_PERSON = {
    "division",
    "department",
    "class",
    "product",
    "item",
    "company",
    "category",
    "brand",
    "store",
    "city",
    "country",
    "region",
    "campaign",
    "file",
    "sheet",
}
# A customer's name can stand in for a missing customer id (客户名称 = customer name).
NAME = {"name", "姓名", "名字", "名称"}
# An id of one line within an order (order line number, order item id) is not the order id.
ORDER_LINE = {"line", "item", "position"}
# Other words column names are built from, so a name written as one word can be split.
_MORE = {"date", "time", "line", "each", "ordered", "status", "type", "of"}


def _english(words: set[str] | tuple[str, ...]) -> set[str]:
    return {w for w in words if w.isascii()}


SPLIT_VOCABULARY = frozenset(
    set().union(
        *(_english(w) for w in (CUSTOMER, ID, ORDER, AMOUNT, PRICE, QUANTITY, PHONE, PERSON)),
        _english(NOT_PERSON),
        _english(NAME),
        ORDER_LINE,
        _MORE,
    )
)
"""Every English word above: the pieces `naming.name_tokens` may split a one-word name into."""
