"""The themes customers talk about: 18 planted pain points and 5 shared praise themes.

Keywords are whole words or phrases (match them with word boundaries in English,
as plain substrings in Chinese). Every sentence written for a theme contains at
least one of its keywords, so a keyword or TF-IDF analysis can find the theme again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    kind: str  # "pain" or "praise"
    keywords: tuple[str, ...]
    keywords_zh: tuple[str, ...]


_THEMES: tuple[Theme, ...] = (
    # loyal_champion
    Theme("loyalty_rewards", "Loyalty rewards feel stingy", "pain",
          ("loyalty", "rewards", "reward points", "points", "vip", "perks"),
          ("积分", "会员", "会员权益", "回馈")),
    Theme("stock_availability", "Favourite items out of stock", "pain",
          ("out of stock", "sold out", "restock", "restocked", "back in stock", "unavailable",
           "discontinued"),
          ("缺货", "断货", "补货", "售罄", "没货")),
    Theme("premium_range", "Wants a wider premium range", "pain",
          ("premium", "high-end", "luxury", "upmarket", "higher-end", "designer"),
          ("高端", "高档", "精品", "奢华")),
    # discount_hunter
    Theme("high_prices", "Prices feel too high", "pain",
          ("expensive", "overpriced", "pricey", "cheaper elsewhere", "price hike",
           "prices went up", "costs more"),
          ("太贵", "价格偏高", "涨价", "性价比低", "更便宜")),
    Theme("coupon_problems", "Coupon codes not working", "pain",
          ("coupon", "coupons", "promo code", "discount code", "voucher", "didn't apply",
           "wouldn't apply", "code expired"),
          ("优惠券", "折扣码", "优惠码", "用不了", "无法使用")),
    Theme("shipping_fees", "Shipping fees too high", "pain",
          ("shipping fee", "shipping fees", "shipping cost", "shipping costs", "delivery charge",
           "delivery fee", "delivery fees", "free shipping", "postage"),
          ("运费", "包邮", "邮费", "配送费")),
    # impulse_buyer
    Theme("returns_process", "Returns are a hassle", "pain",
          ("return", "returns", "returned", "returning", "refund", "refunds", "return label",
           "send it back"),
          ("退货", "退款", "退换", "寄回")),
    Theme("photos_mismatch", "Products don't match the photos", "pain",
          ("photo", "photos", "picture", "pictures", "pictured", "looks nothing like",
           "looked nothing like"),
          ("图片", "照片", "色差", "实物", "不符")),
    Theme("app_checkout", "App and checkout glitches", "pain",
          ("app", "checkout", "crashed", "crashes", "crashing", "cart", "basket",
           "payment page", "froze", "freezes"),
          ("应用", "结账", "闪退", "购物车", "付款页面", "卡住")),
    # needs_based
    Theme("product_quality", "Product quality and durability", "pain",
          ("quality", "broke", "broken", "flimsy", "cheaply made", "fell apart",
           "stopped working", "durable", "defective", "wore out"),
          ("质量", "做工", "坏了", "粗糙", "用了没多久")),
    Theme("product_information", "Missing or unclear product information", "pain",
          ("description", "specs", "specifications", "dimensions", "measurements",
           "product details", "listing", "size chart"),
          ("描述", "参数", "尺寸", "详情页", "说明")),
    Theme("bulk_ordering", "Bulk and repeat ordering is clumsy", "pain",
          ("bulk", "wholesale", "purchase order", "reorder", "repeat order", "volume pricing",
           "multiple units", "business pricing"),
          ("批量", "大批量", "采购", "团购", "企业")),
    # at_risk
    Theme("late_delivery", "Late or missing deliveries", "pain",
          ("late", "delayed", "delay", "delays", "still waiting", "hasn't arrived", "never arrived",
           "tracking", "overdue", "lost parcel", "lost package"),
          ("延迟", "迟迟", "还没到", "物流", "没收到")),
    Theme("unresponsive_support", "Support doesn't respond", "pain",
          ("customer service", "customer support", "support team", "support", "no reply",
           "no response", "on hold", "never heard back", "ticket", "ignored"),
          ("客服", "没人回复", "不回复", "工单", "没人理")),
    Theme("billing_errors", "Billing errors and double charges", "pain",
          ("charged twice", "double charged", "overcharged", "billing", "billed",
           "charged", "wrong amount", "bank statement"),
          ("扣款", "重复扣款", "多扣", "账单", "扣了两次")),
    # new_customer
    Theme("account_setup", "Account setup is confusing", "pain",
          ("account", "accounts", "sign up", "signing up", "verification", "verify", "password",
           "log in", "login"),
          ("账号", "注册", "验证码", "密码", "登录")),
    Theme("delivery_expectations", "Unclear delivery times", "pain",
          ("delivery estimate", "delivery window", "delivery date", "expected delivery",
           "dispatch", "dispatched", "delivery times", "estimated", "when it would arrive"),
          ("预计送达", "送达时间", "发货时间", "什么时候到", "多久能到")),
    Theme("first_order_guidance", "Needs help with a first order", "pain",
          ("first order", "first purchase", "first time", "beginner", "guidance",
           "recommendation", "recommendations", "not sure which", "which one to pick"),
          ("第一次", "首次", "新手", "不知道选哪个", "推荐")),
    # shared praise
    Theme("product_love", "Loves the products", "praise",
          ("love", "love it", "gorgeous", "beautiful", "exactly what i wanted", "well made",
           "obsessed"),
          ("喜欢", "很漂亮", "超爱", "做得很好")),
    Theme("fast_delivery", "Fast delivery", "praise",
          ("arrived quickly", "fast delivery", "quick delivery", "next day", "arrived early",
           "super fast", "speedy"),
          ("到货很快", "第二天就到", "发货快", "速度很快")),
    Theme("good_value", "Good value for money", "praise",
          ("good value", "great value", "value for money", "great price", "bargain",
           "worth every penny", "affordable"),
          ("性价比高", "划算", "实惠", "物有所值")),
    Theme("friendly_service", "Friendly, helpful service", "praise",
          ("friendly", "helpful", "staff", "polite", "kind"),
          ("服务态度", "耐心", "热情", "贴心")),
    Theme("great_selection", "Great selection", "praise",
          ("selection", "variety", "choice", "options"),
          ("选择多", "种类多", "品类丰富", "款式多")),
)

THEMES: dict[str, Theme] = {t.key: t for t in _THEMES}
PAIN_THEMES: tuple[str, ...] = tuple(t.key for t in _THEMES if t.kind == "pain")
PRAISE_THEMES: tuple[str, ...] = tuple(t.key for t in _THEMES if t.kind == "praise")

# Praise that would contradict a complaint in the same text is left out of that text.
CONTRADICTS: dict[str, str] = {
    "late_delivery": "fast_delivery",
    "delivery_expectations": "fast_delivery",
    "unresponsive_support": "friendly_service",
    "high_prices": "good_value",
    "shipping_fees": "good_value",
    "product_quality": "product_love",
    "stock_availability": "great_selection",
    "premium_range": "great_selection",
}
