"""The words a marketer uses for columns, measures and segments (English and Chinese).

Each concept lists the words that name it and the column names it may take in a
workspace; the brain keeps a concept only if the workspace really has such a column
(or, for measures the tools compute, always).
"""

from __future__ import annotations

from pathlib import Path

import yaml

COLUMN_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # concept: (words in questions, candidate column names in the data)
    "age": (("age", "ages", "how old", "old", "older", "younger", "years old", "年龄", "岁"),
            ("age", "customer_age")),
    "gender": (("gender", "sex", "women", "men", "female", "male", "性别", "男", "女"),
               ("gender", "sex")),
    "region": (("region", "regions", "state", "states", "province", "where do", "live",
                "location", "geography", "geographic", "area", "地区", "区域", "省", "州"),
               ("region", "state", "province")),
    "city": (("city", "cities", "town", "城市"), ("city", "town")),
    "country": (("country", "countries", "nation", "国家"), ("country",)),
    "device": (("device", "devices", "mobile", "desktop", "tablet", "设备", "手机"),
               ("device", "device_type")),
    "os": (("operating system", "operating systems", "os", "ios", "android", "iphone", "windows",
            "操作系统"), ("os",)),
    "source_channel": (("acquisition", "acquired", "source channel", "marketing channel",
                        "marketing channels", "acquisition channel", "acquisition channels",
                        "signup channel", "sign-up channel", "营销渠道", "获客渠道",
                        "came from", "come from", "found us", "sign up channel", "source",
                        "hear about us", "heard about us", "heard of us",
                        "获客", "来源", "渠道来源"), ("source_channel", "acquisition_channel")),
    "first_touch_content": (("first touch", "first-touch", "content", "首次接触"),
                            ("first_touch_content",)),
    "sales_channel": (("sales channel", "channel", "channels", "online", "in store", "app",
                       "销售渠道", "渠道"), ("sales_channel", "channel")),
    "income_band": (("income", "incomes", "salary", "earn", "bracket", "brackets", "收入水平",
                     "收入段"),
                    ("income_band", "income")),
    "education": (("education", "educated", "degree", "degrees", "学历", "教育"), ("education",)),
    "marital_status": (("marital", "married", "single", "婚姻"), ("marital_status",)),
    "job_title": (("job", "jobs", "occupation", "profession", "职业", "工作"), ("job_title",)),
    "company_size": (("company size", "employees", "公司规模"), ("company_size",)),
    "industry": (("industry", "industries", "sector", "行业"), ("industry",)),
    "product_category": (("product", "products", "category", "categories", "buy most",
                          "sell best", "品类", "产品", "类别"), ("product_category", "category")),
    "discount_used": (("discount", "coupon", "promo", "折扣", "优惠"), ("discount_used",)),
    "month": (("month", "monthly", "months", "按月", "月份", "每月"), ()),
    "quarter": (("quarter", "quarterly", "季度"), ()),
    "weekday": (("weekday", "day of the week", "day of week", "星期", "周几"), ()),
    "season": (("season", "seasonal", "季节"), ()),
    "topic": (("ticket topic", "topic", "topics", "工单主题"), ("topic",)),
    "signup_date": (("signup", "sign up date", "joined", "注册"), ("signup_date",)),
}
"""Columns to group or describe by. Periods of the order date need no column."""

MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "revenue": ("revenue", "spend", "spends", "spent", "spending", "spenders", "sales", "money",
                "turnover", "earns", "收入最", "带来的收入",
                "income from", "收入", "销售额", "消费", "营收"),
    "orders": ("orders", "purchases", "order count", "how often", "订单", "购买次数"),
    "avg_order_value": ("average order value", "aov", "basket", "order value", "客单价"),
    "amount": ("order amount", "order amounts", "amounts", "订单金额", "单笔金额", "每单金额"),
}

SEGMENT_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    # words → (segmentation, label) of the tool that makes that segment
    "champions": ("rfm", ("Champions",)),
    "loyal customers": ("rfm", ("Loyal Customers",)),
    "potential loyalists": ("rfm", ("Potential Loyalist",)),
    "potential loyalist": ("rfm", ("Potential Loyalist",)),
    "new customers": ("rfm", ("New Customers",)),
    "promising": ("rfm", ("Promising",)),
    "need attention": ("rfm", ("Need Attention",)),
    "about to sleep": ("rfm", ("About To Sleep",)),
    "at risk": ("rfm", ("At Risk",)),
    "at-risk": ("rfm", ("At Risk",)),
    "can't lose them": ("rfm", ("Can't Lose Them",)),
    "cannot lose": ("rfm", ("Can't Lose Them",)),
    "hibernating": ("rfm", ("Hibernating",)),
    "冠军": ("rfm", ("Champions",)),
    "流失风险": ("rfm", ("At Risk",)),
    "沉睡": ("rfm", ("Hibernating",)),
    "潜在忠诚": ("rfm", ("Potential Loyalist",)),
    "潜力客户": ("rfm", ("Promising",)),
    "需要关注的客户": ("rfm", ("Need Attention",)),
    "即将沉睡": ("rfm", ("About To Sleep",)),
    "不能失去": ("rfm", ("Can't Lose Them",)),
    "discount hunters": ("consumer types", ("discount-driven",)),
    "discount hunter": ("consumer types", ("discount-driven",)),
    "discount-driven": ("consumer types", ("discount-driven",)),
    "discount driven": ("consumer types", ("discount-driven",)),
    "bargain": ("consumer types", ("discount-driven",)),
    "deal seekers": ("consumer types", ("discount-driven",)),
    "价格敏感": ("consumer types", ("discount-driven",)),
    "折扣": ("consumer types", ("discount-driven",)),
    "impulse": ("consumer types", ("impulse",)),
    "冲动": ("consumer types", ("impulse",)),
    "needs-based": ("consumer types", ("needs-based",)),
    "needs-driven": ("consumer types", ("needs-based",)),
    "practical": ("consumer types", ("needs-based",)),
    "爱用折扣": ("consumer types", ("discount-driven",)),
    "爱打折": ("consumer types", ("discount-driven",)),
    "needs based": ("consumer types", ("needs-based",)),
    "pragmatists": ("consumer types", ("needs-based",)),
    "loyal buyers": ("consumer types", ("loyal",)),
    "churned": ("lifecycle", ("churned",)),
    "lost for good": ("lifecycle", ("churned",)),
    "lost customers": ("lifecycle", ("churned",)),
    "流失": ("lifecycle", ("churned",)),
    "vip": ("value tiers", ("Top 10%",)),
}
"""Segment names a marketer uses before the segmentation exists (the brain runs it first)."""

MAKERS = {
    "rfm": ("rfm", {}),
    "lifecycle": ("lifecycle", {}),
    "consumer types": ("consumer_types", {}),
    "value tiers": ("value_tiers", {"cut_points": [10, 30, 60]}),
    "clusters": ("cluster_customers", {}),
}
"""The tool call that creates each default segmentation."""

REFERENCE_WORDS = ("them", "they", "those", "these", "that group", "this group", "that segment",
                   "this segment", "the segment", "these customers", "those customers",
                   "这些", "那些", "他们", "她们", "这个群", "该群", "这组", "那组")
FOLLOW_UP_CUES = ("now only", "only in", "only for", "just in", "just for", "what about",
                  "how about", "same for", "same but", "same thing", "the same", "do the same",
                  "and for", "now for", "instead", "and by", "make it", "now by",
                  "只看", "只要", "那么", "换成", "仅")
SEGMENTATION_WORDS = {
    "rfm": ("rfm",),
    "lifecycle": ("lifecycle", "生命周期"),
    "consumer types": ("consumer type", "buyer type", "消费者类型"),
    "value tiers": ("value tier", "tiers", "价值层级"),
    "clusters": ("cluster", "clusters", "personas from clustering", "聚类"),
}

STRONG_WORDS: tuple[tuple[str, str], ...] = (
    (r"(draft|write|create|generate|document|prepare|build)\b.{0,40}\bpersonas?\b|"
     r"\bpersonas? (documents?|docs?|for|of)\b|写.{0,8}画像|画像文档|生成.{0,6}画像",
     "draft_personas"),
    (r"\b(split|group|divide|segment|sort|break)\b.{0,40}\binto\b.{0,25}\bpersonas\b|"
     r"(分成|聚成|分为).{0,8}(类|种)?.{0,4}画像", "cluster_customers"),
    (r"\bexport\b|\bdownload\b|导出|下载", "export_segment"),
    (r"(?<!gini )(?<!herfindahl )\b(re-?)?index(ing|ed)?\b(?! of)|索引|(加入|加到|导入)知识库",
     "index_feedback"),
    (r"\bstab(le|ility)\b|reliable|稳定", "cluster_stability"),
    (r"\bmigrat|moved between|move between|迁移", "segment_migration"),
    (r"\bhealth\b|underperform|健康|表现不佳", "segment_health"),
    (r"(matter|care|complain|pain|love|annoy|frustrat|rave|praise|like).{0,90}"
     r"(feedback|reviews?|surveys?|comments)", "feedback_themes"),
)
"""Words that name one tool whatever else the question says (checked in this order)."""

HINT_WORDS: tuple[tuple[str, str], ...] = (
    (r"compare|\bvs\.?\b|versus|比较|对比", "compare_segments"),
    (r"complain|pain point|themes?\b|annoy|frustrat|抱怨|痛点|主题|不满", "feedback_themes"),
    (r"say about|saying about|mention|reviews? about|think (of|about)|opinions?|feel about|"
     r"搜索|意见|看法|怎么评价", "search_feedback"),
    (r"on a whim|impulse|in bulk|\bbulk\b|only what they need|kind of need|what drives|"
     r"bargain|consumer types?|buyer types?|冲动|按需|类型的购物者|消费者类型|爱打折",
     "consumer_types"),
    (r"已保存|保存了|saved", "list_segments"),
    (r"cohort|retention|留存", "cohort_retention"),
    (r"pareto|80/20|80 20|gini|concentrat|集中|\d+% of (sales|revenue)|makes up \d+%", "pareto"),
    (r"\bclv\b|lifetime value|终身价值", "clv"),
    (r"cluster|自动分|分成几类|聚类|聚成", "cluster_customers"),
    (r"\btiers?\b|层级", "value_tiers"),
    (r"\brfm\b", "rfm"),
    (r"break ?down|split by|细分", "breakdown"),
    (r"distribution|分布", "distribution"),
    (r"lifecycle|churn|lost for good|生命周期|流失", "lifecycle"),
    (r"overview|summary|summarise|summarize|how many customers(?!.*\b(?:each|every|per)\b)|"
     r"概览|总体|总共|一共|总收入|总营收|赚了多少", "overview"),
)
"""Words that decide between close intents when the classifier is unsure."""

VALUE_WORDS_ZH: dict[str, tuple[str, ...]] = {
    word: tuple(str(name) for name in names) for word, names in yaml.safe_load(
        Path(__file__).with_name("value_words_zh.yaml").read_text(encoding="utf-8")).items()}
"""Chinese words for category values, each with the names data may store for it (matched
only if the data has one of them)."""
PLACE_WORDS_ZH: dict[str, tuple[str, ...]] = {
    "德国": ("Germany", "DE"), "法国": ("France", "FR"), "西班牙": ("Spain", "ES"),
    "英国": ("United Kingdom", "UK", "Great Britain", "GB"), "爱尔兰": ("Ireland", "EIRE"),
    "美国": ("United States", "USA", "US"), "加拿大": ("Canada",), "墨西哥": ("Mexico",),
    "巴西": ("Brazil",), "日本": ("Japan", "JP"), "韩国": ("South Korea", "Korea"),
    "中国": ("China", "CN"), "新加坡": ("Singapore",), "印度": ("India",),
    "澳大利亚": ("Australia",), "新西兰": ("New Zealand",), "意大利": ("Italy",),
    "荷兰": ("Netherlands",), "比利时": ("Belgium",), "瑞士": ("Switzerland",),
    "瑞典": ("Sweden",), "挪威": ("Norway",), "丹麦": ("Denmark",), "芬兰": ("Finland",),
    "葡萄牙": ("Portugal",), "奥地利": ("Austria",), "波兰": ("Poland",),
    "俄罗斯": ("Russia",), "希腊": ("Greece",), "以色列": ("Israel",),
    "东部": ("East",), "西部": ("West",), "南部": ("South",), "北部": ("North",),
    "中部": ("Central",), "香港": ("Hong Kong",), "台湾": ("Taiwan",),
}
"""Chinese names of countries and regions, each with the names data uses for it."""

LABEL_CONCEPTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]] = {
    # concept: (words for its yes side, words for its no side, words of column names)
    "churn": (("churn", "churned", "churning", "churners", "churner", "attrition", "exited",
               "left us", "leave us", "leaving", "cancelled", "canceled", "quit", "流失",
               "离网", "退订"),
              ("retained", "retention", "stayed", "stay", "kept", "remained", "留存", "未流失",
               "没有流失", "没流失"),
              frozenset({"churn", "churned", "exited", "exit", "attrition", "attrited", "left",
                         "cancelled", "canceled", "lost", "流失"})),
    "response": (("response", "responded", "respond", "responders", "responder", "accepted",
                  "converted", "conversion", "响应", "转化"),
                 ("did not respond", "didn't respond", "non-responders", "未响应", "没有响应"),
                 frozenset({"response", "responded", "accepted", "converted", "conversion",
                            "accept"})),
}
"""Yes/no labels a marketer asks about, matched to a customers column by its name's words."""

MONEY_TOKENS = frozenset({"charge", "fee", "bill", "billing", "cost", "price", "payment", "pay",
                          "spend", "spending", "spent", "amount", "mnt", "expense",
                          "expenditure", "revenue", "money"})
"""Money words: 'charge', 'fee' or 'spend' in a question finds a numeric money column."""

CONCEPTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # concept: (name words a column may carry, words in questions, English and Chinese)
    "region": (("region", "state", "province"),
               ("region", "regions", "state", "province", "地区", "区域", "省份", "省")),
    "country": (("country", "nation", "geography"),
                ("country", "countries", "nation", "geography", "国家", "国别", "地理")),
    "city": (("city", "town"), ("city", "cities", "town", "城市")),
    "category": (("category", "productline", "line"),
                 ("category", "categories", "product line", "类别", "品类", "类目", "产品线")),
    "sub_category": (("subcategory",), ("sub-category", "subcategory", "子类别",
                                                   "子品类")),
    "gender": (("gender", "sex"), ("gender", "sex", "性别")),
    "age": (("age",), ("age", "年龄")),
    "income": (("income", "salary"), ("income", "salary", "收入", "薪资", "工资")),
    "channel": (("channel",), ("channel", "channels", "渠道")),
    "product": (("product",), ("product", "products", "产品", "商品")),
    "segment": (("segment",), ("customer segment", "market segment", "客群",
                                         "细分市场")),
    "contract": (("contract",), ("contract", "合同")),
    "balance": (("balance",), ("balance", "余额")),
    "education": (("education",), ("education", "学历", "教育")),
    "marital": (("marital",), ("marital status", "婚姻", "婚姻状况")),
    "ship_mode": (("ship", "shipping", "delivery"),
                  ("ship mode", "shipping mode", "delivery", "配送方式", "运输方式")),
    "status": (("status",), ("order status", "订单状态")),
    "deal_size": (("dealsize", "deal"), ("deal size", "订单规模")),
    "variation": (("variation", "variant"), ("variation", "variant", "型号", "款式")),
    "rating": (("rating", "stars", "star", "score"),
               ("rating", "ratings", "stars", "star rating", "评分", "星级")),
    "label": (("label", "sentiment", "polarity", "feedback"),
              ("sentiment", "positive and negative", "好评和差评", "情感")),
}
"""Concepts a marketer names, the name words of columns that hold them, and their words."""

_ZH_NAME_WORDS = {
    "月费": "monthly charge", "每月": "monthly", "月度": "monthly", "费用": "charge",
    "收费": "charge", "消费": "spend", "金额": "amount", "支付": "payment", "付款": "payment",
    "方式": "method", "在网": "tenure", "时长": "tenure", "信用": "credit", "服务": "service",
    "网络": "internet", "会员": "member", "活跃": "active", "评分": "score", "分数": "score",
}
"""Chinese words for parts of column names that are no concept of their own."""


def _chinese_concept_words() -> dict[str, str]:
    """Each Chinese word of a concept, read as the concept's name words (地理 → 'country
    nation geography', so it finds a `Geography` column as well as a `Country` one)."""
    return {word: " ".join(names) for names, words in CONCEPTS.values() for word in words
            if not word.isascii()}


ZH_COLUMN_TOKENS = {**_chinese_concept_words(), **_ZH_NAME_WORDS}
"""Chinese words for common CRM column names, read as the English words of those names:
the concepts' own Chinese words, and words for parts of names."""


PLACE_NAMES: tuple[str, ...] = (
    # countries
    "Argentina", "Australia", "Austria", "Belgium", "Brazil", "Canada", "Chile", "China",
    "Colombia", "Czech Republic", "Denmark", "Egypt", "Finland", "France", "Germany", "Greece",
    "Hong Kong", "Hungary", "India", "Indonesia", "Ireland", "Israel", "Italy", "Japan",
    "Malaysia", "Mexico", "Netherlands", "New Zealand", "Nigeria", "Norway", "Pakistan", "Peru",
    "Philippines", "Poland", "Portugal", "Romania", "Russia", "Saudi Arabia", "Singapore",
    "South Africa", "South Korea", "Spain", "Sweden", "Switzerland", "Taiwan", "Thailand",
    "Ukraine", "United Arab Emirates", "United Kingdom", "United States", "Vietnam",
    # US states
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
    "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
    "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
    "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota",
    "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
    "Wisconsin", "Wyoming",
    # Canadian provinces, Chinese provinces and cities
    "Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Nova Scotia",
    "Beijing", "Shanghai", "Guangdong", "Sichuan", "Zhejiang", "Jiangsu", "Shenzhen",
)
"""Places a question may name: one the data does not hold is said, never dropped."""
PLACE_WORDS_ZH.update({
    "俄亥俄": ("Ohio",), "佐治亚": ("Georgia",), "亚利桑那": ("Arizona",),
    "科罗拉多": ("Colorado",), "密歇根": ("Michigan",), "马萨诸塞": ("Massachusetts",),
    "宾夕法尼亚": ("Pennsylvania",), "新泽西": ("New Jersey",), "浙江": ("Zhejiang",),
    "江苏": ("Jiangsu",), "深圳": ("Shenzhen",), "魁北克": ("Quebec",),
})
