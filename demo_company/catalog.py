"""What the demo company sells: categories, typical prices and product nouns.

Kept as plain data so the order amounts and the words customers use about their
purchases come from the same catalogue (a review of an Electronics order talks
about earbuds, not about a duvet cover).
"""

from __future__ import annotations

import datetime

COMPANY = "Lumen & Co."
SHORT_NAME = "Lumen"  # how customers and staff say it out loud (no trailing period)

CATEGORIES: tuple[str, ...] = (
    "Home & Kitchen",
    "Electronics",
    "Fashion",
    "Beauty",
    "Sports & Outdoors",
    "Office Supplies",
    "Toys & Games",
    "Gourmet Food",
)

# Median unit price per category in USD; order amounts scatter log-normally around it.
BASE_PRICE: dict[str, float] = {
    "Home & Kitchen": 46.0,
    "Electronics": 82.0,
    "Fashion": 52.0,
    "Beauty": 29.0,
    "Sports & Outdoors": 55.0,
    "Office Supplies": 24.0,
    "Toys & Games": 31.0,
    "Gourmet Food": 33.0,
}

PRODUCTS_EN: dict[str, tuple[str, ...]] = {
    "Home & Kitchen": ("cast iron skillet", "linen duvet cover", "coffee grinder", "mug set",
                       "chef's knife", "bath towel set", "table lamp", "storage basket",
                       "French press", "throw blanket", "dinner plate set", "scented candle"),
    "Electronics": ("pair of wireless earbuds", "Bluetooth speaker", "phone charger", "smart plug",
                    "laptop stand", "USB-C hub", "e-reader cover", "noise-cancelling headset",
                    "webcam", "power bank", "smartwatch strap", "desk lamp"),
    "Fashion": ("linen shirt", "denim jacket", "leather belt", "wool scarf", "pair of sneakers",
                "summer dress", "rain jacket", "knit sweater", "tote bag", "pair of ankle boots",
                "silk scarf", "pair of chinos"),
    "Beauty": ("face serum", "moisturiser", "lipstick set", "hair dryer", "perfume",
               "sheet mask set", "sunscreen", "makeup brush set", "shampoo bar", "nail polish set",
               "eye cream", "body lotion"),
    "Sports & Outdoors": ("yoga mat", "pair of running shoes", "water bottle", "camping lantern",
                          "hiking backpack", "resistance band set", "dumbbell set",
                          "pair of cycling gloves",
                          "two-person tent", "foam roller", "pack of trail socks", "fleece jacket"),
    "Office Supplies": ("box of printer paper", "gel pen set", "desk organiser", "notebook",
                        "ergonomic chair", "label maker", "stapler", "whiteboard",
                        "ink cartridge", "filing folder set", "sticky note pack", "monitor riser"),
    "Toys & Games": ("board game", "building block set", "jigsaw puzzle", "plush toy", "card game",
                     "remote control car", "craft kit", "wooden train set", "science kit",
                     "dollhouse", "marble run", "puppet theatre"),
    "Gourmet Food": ("bottle of olive oil", "bag of coffee beans", "chocolate box", "tea sampler",
                     "hot sauce set", "jar of truffle salt", "jam set", "pasta hamper", "spice kit",
                     "honey jar", "shortbread tin", "tin of matcha powder"),
}

PRODUCTS_ZH: dict[str, tuple[str, ...]] = {
    "Home & Kitchen": ("铸铁锅", "亚麻被套", "磨豆机", "马克杯套装", "厨师刀", "浴巾套装", "台灯",
                       "收纳筐", "法压壶", "毛毯", "餐盘", "香薰蜡烛"),
    "Electronics": ("无线耳机", "蓝牙音箱", "充电器", "智能插座", "笔记本支架", "扩展坞",
                    "阅读器保护套", "降噪耳机", "摄像头", "充电宝", "手表表带", "护眼台灯"),
    "Fashion": ("亚麻衬衫", "牛仔外套", "皮带", "羊毛围巾", "运动鞋", "连衣裙", "冲锋衣",
                "针织毛衣", "帆布包", "短靴", "真丝丝巾", "休闲裤"),
    "Beauty": ("精华液", "面霜", "口红套装", "吹风机", "香水", "面膜", "防晒霜", "化妆刷",
               "洗发皂", "指甲油套装", "眼霜", "身体乳"),
    "Sports & Outdoors": ("瑜伽垫", "跑鞋", "运动水壶", "露营灯", "登山包", "弹力带", "哑铃",
                          "骑行手套", "双人帐篷", "泡沫轴", "运动袜", "抓绒外套"),
    "Office Supplies": ("打印纸", "中性笔", "桌面收纳盒", "笔记本", "人体工学椅", "标签机",
                        "订书机", "白板", "墨盒", "文件夹", "便利贴", "显示器增高架"),
    "Toys & Games": ("桌游", "积木", "拼图", "毛绒玩具", "卡牌游戏", "遥控车", "手工套装",
                     "木质小火车", "科学实验套装", "娃娃屋", "弹珠轨道", "木偶剧场"),
    "Gourmet Food": ("橄榄油", "咖啡豆", "巧克力礼盒", "茶叶礼盒", "辣酱套装", "松露盐", "果酱套装",
                     "意面礼篮", "香料套装", "蜂蜜", "黄油饼干", "抹茶粉"),
}

CATEGORY_ZH: dict[str, str] = {
    "Home & Kitchen": "家居厨房",
    "Electronics": "数码电子",
    "Fashion": "服饰",
    "Beauty": "美妆",
    "Sports & Outdoors": "运动户外",
    "Office Supplies": "办公用品",
    "Toys & Games": "玩具游戏",
    "Gourmet Food": "美食",
}

CURRENCY_SYMBOL: dict[str, str] = {
    "United States": "$",
    "Canada": "C$",
    "Australia": "A$",
    "United Kingdom": "£",
    "Germany": "€",
    "China": "¥",
}


def window_start(as_of: datetime.date) -> datetime.date:
    """First day of the order history: the 1st of the month 29 months before `as_of`.

    For the default as_of (2026-10-31) this is 2024-05-01, i.e. a full 30 months of data.
    """
    months = as_of.year * 12 + (as_of.month - 1) - 29
    return datetime.date(months // 12, months % 12 + 1, 1)


def sale_events(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Dates of the store-wide sales that bargain hunters wait for, within [start, end]."""
    events: list[datetime.date] = []
    for year in range(start.year, end.year + 1):
        november_first = datetime.date(year, 11, 1)
        first_friday = 1 + (4 - november_first.weekday()) % 7
        events.append(datetime.date(year, 11, first_friday + 21))  # Black Friday
        events.append(datetime.date(year, 12, 26))  # Boxing Day sale
        events.append(datetime.date(year, 3, 14))  # spring sale
        events.append(datetime.date(year, 7, 12))  # summer sale
        events.append(datetime.date(year, 9, 18))  # store anniversary
    return sorted(d for d in events if start <= d <= end)
