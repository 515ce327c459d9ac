"""Feedback roles by content, not by name: ratings and sentiment by their values, the text
by its length and variety, and catalogue text of an orders table never read as feedback."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from knowledge.errors import KnowledgeError
from knowledge.indexing import ensure_indexed, index_dataset
from knowledge.sources import (
    documents_from_dataset,
    documents_from_frame,
    is_feedback_source,
    qualitative_datasets,
    read_documents,
)
from knowledge.store import KnowledgeStore
from tools.ingest import IngestOptions, read_table

REVIEWS = [
    "The fabric feels cheap and the seams came apart after one wash",
    "Lovely colour and it fits exactly as described on the size chart",
    "Delivery took three weeks and nobody answered my emails about it",
    "Great value for the price, I bought a second one for my sister",
    "The zip broke on the first day, very disappointed with the quality",
    "Comfortable all day long and the pockets are deep enough for a phone",
]

CHINESE_REVIEWS = [
    (1, "房间干净整洁，服务员态度非常热情，下次还会再来"),
    (0, "隔音太差了，隔壁说话听得清清楚楚，整晚没睡好"),
    (1, "早餐种类丰富，味道也不错，性价比很高，推荐入住"),
    (0, "前台办理入住等了半个多小时，没有人解释原因"),
    (1, "位置很方便，离地铁站只有五分钟路程，出行方便"),
    (0, "空调坏了，打电话给前台两次都没人来修，很失望"),
    (1, "床很舒服，枕头软硬适中，睡得特别好，很满意"),
    (0, "卫生间有异味，毛巾也不干净，和图片完全不一样"),
    (1, "酒店新装修的，设施很新，浴室也很大，非常喜欢"),
    (0, "价格太贵了，这个价钱可以住更好的酒店，不值"),
    (1, "服务很周到，还送了水果和小点心，感觉很贴心"),
    (0, "电梯太慢了，高峰期要等十几分钟，非常不方便"),
    (1, "窗外风景很美，可以看到江景，晚上夜景特别漂亮"),
    (0, "网络信号很差，房间里基本上连不上无线网络"),
    (1, "停车方便，地下车库免费，对自驾游客很友好"),
    (0, "装修很旧了，地毯上有污渍，墙纸也有些脱落"),
    (1, "前台小姐姐很耐心，帮我们推荐了附近的美食"),
    (0, "退房时被多收了费用，沟通了很久才退回来"),
    (1, "房间很大，还有独立的小客厅，带孩子很方便"),
    (0, "楼下在施工，早上七点就开始吵，根本没法休息"),
    (1, "健身房和游泳池都很干净，设备也很齐全"),
    (0, "订的是大床房，到了却说只剩双床房，很无语"),
    (1, "入住送了升级，房间很宽敞，体验非常好"),
    (0, "热水时有时无，洗澡洗到一半变成冷水了"),
    (1, "酒店安静，晚上睡得很好，第二天精神饱满"),
    (0, "外卖不能送到房间，要自己下楼去大堂拿"),
    (1, "自助早餐的现做面条很好吃，推荐大家尝试"),
    (0, "房间里有蚊子，晚上被咬了好几个包"),
    (1, "会员价很划算，积分还能换免费的早餐"),
    (0, "客房服务打扫不及时，下午三点还没收拾房间"),
]


def review_frame(rating_column: str, ratings: list) -> pd.DataFrame:
    return pd.DataFrame({"review_id": [f"R{i}" for i in range(len(REVIEWS))],
                         "comment": REVIEWS, rating_column: ratings})


@pytest.mark.parametrize(("column", "values", "stars"), [
    # the star each value must become, written out by hand
    ("stars_given", [1, 2, 3, 4, 5, 5], {1: 1.0, 2: 2.0, 3: 3.0, 4: 4.0, 5: 5.0}),
    ("label", [0, 1, 0, 1, 0, 1], {0: 1.0, 1: 5.0}),
    ("column_3", [0, 1, 0, 1, 0, 1], {0: 1.0, 1: 5.0}),
    ("mood", [-1, 1, 0, 1, -1, 0], {-1: 1.0, 0: 3.0, 1: 5.0}),
    ("satisfaction", [1, 10, 4, 10, 1, 7], {1: 1.0, 4: 2.33, 7: 3.67, 10: 5.0}),
    ("likert", [0, 10, 5, 10, 0, 5], {0: 1.0, 5: 3.0, 10: 5.0}),
    ("polarity", ["negative", "positive", "neutral", "positive", "negative", "positive"],
     {"negative": 1.0, "neutral": 3.0, "positive": 5.0}),
    ("verdict", ["neg", "pos", "neg", "pos", "neg", "pos"], {"neg": 1.0, "pos": 5.0}),
    ("评价", ["差评", "好评", "差评", "好评", "中评", "好评"],
     {"差评": 1.0, "中评": 3.0, "好评": 5.0}),
    ("情感", ["负面", "正面", "负面", "正面", "负面", "正面"], {"负面": 1.0, "正面": 5.0}),
])
def test_every_rating_form_is_found_by_its_values_and_read_as_stars(
        column: str, values: list, stars: dict) -> None:
    batch = documents_from_frame(review_frame(column, values), {}, "reviews.csv")
    assert batch.report.columns["rating"] == column
    assert batch.report.columns["text"] == "comment"
    expected = [stars[v] for v in values]
    assert batch.documents["rating"].round(2).tolist() == expected


def test_a_non_star_mapping_is_stated_in_the_report() -> None:
    batch = documents_from_frame(review_frame("label", [0, 1, 0, 1, 0, 1]), {}, "reviews.csv")
    assert any("'label'" in w and "1 (positive) → 5 stars" in w for w in batch.report.warnings)


def test_two_columns_that_could_be_ratings_are_not_guessed() -> None:
    frame = review_frame("flag_a", [0, 1, 0, 1, 0, 1]).assign(flag_b=[1, 1, 0, 0, 1, 0])
    batch = documents_from_frame(frame, {}, "reviews.csv")
    assert "rating" not in batch.report.columns and batch.documents["rating"].isna().all()
    assert any("Several columns could hold ratings" in w for w in batch.report.warnings)


def test_an_nps_column_is_not_read_as_a_rating() -> None:
    frame = pd.DataFrame({"response_id": range(6), "answer": REVIEWS,
                          "nps": [0, 10, 3, 9, 2, 8]})
    batch = documents_from_frame(frame, {}, "survey.csv")
    assert batch.report.columns["nps"] == "nps" and "rating" not in batch.report.columns
    assert batch.documents["nps"].tolist() == [0, 10, 3, 9, 2, 8]


def write_chinese_reviews(folder: Path) -> Path:
    path = folder / "hotel_reviews.csv"  # no header row: label, then the review
    path.write_text("".join(f"{label},{text}\n" for label, text in CHINESE_REVIEWS),
                    encoding="utf-8")
    return path


def test_a_headerless_file_of_chinese_reviews_with_0_1_labels(tmp_path: Path) -> None:
    table = read_table(write_chinese_reviews(tmp_path), IngestOptions(has_header=False))
    assert list(table.frame.columns) == ["column_1", "column_2"]
    batch = documents_from_frame(table.frame, table.report.roles, "hotel_reviews.csv")
    assert batch.report.columns["text"] == "column_2"
    assert batch.report.columns["rating"] == "column_1"
    by_text = dict(zip(batch.documents["text"], batch.documents["rating"], strict=True))
    assert len(by_text) == len(CHINESE_REVIEWS)
    for label, text in CHINESE_REVIEWS:
        assert by_text[text] == {0: 1.0, 1: 5.0}[label]
    assert set(batch.documents["language"]) == {"zh"}


def order_lines() -> pd.DataFrame:
    """Order lines of an online shop: upper-case product names repeated on every order."""
    products = ["MAGIC DRAWING SLATE GO TO THE FAIR", "WHITE HANGING HEART T-LIGHT HOLDER",
                "SET OF 3 CAKE TINS PANTRY DESIGN", "JUMBO BAG RED RETROSPOT"]
    rows = 48
    return pd.DataFrame({
        "InvoiceNo": [f"5363{i // 3:02d}" for i in range(rows)],
        "Description": [products[i % len(products)] for i in range(rows)],
        "Quantity": [1 + i % 6 for i in range(rows)],
        "InvoiceDate": pd.date_range("2010-12-01 08:26", periods=rows, freq="7h"),
        "UnitPrice": [2.55 + (i % 4) for i in range(rows)],
        "CustomerID": [f"{17850 + i % 9}" for i in range(rows)],
    })


def test_product_descriptions_of_an_orders_table_are_never_feedback(make_ws) -> None:
    reviews = review_frame("rating", [1, 5, 2, 5, 1, 4])
    ws = make_ws(orders=order_lines(), reviews=reviews)
    assert ws.dataset_info("orders")["roles"]["InvoiceNo"] == "order_id"
    assert qualitative_datasets(ws) == ["reviews"]
    with pytest.raises(KnowledgeError, match="table of orders"):
        documents_from_dataset(ws, "orders")
    assert not is_feedback_source(ws, "dataset:orders")
    assert is_feedback_source(ws, "dataset:reviews") and is_feedback_source(ws, "calls.txt")


def test_distinct_descriptions_of_an_orders_table_are_not_feedback_either(make_ws) -> None:
    orders = order_lines().assign(Description=[f"HAND WARMER DESIGN NUMBER {i} WITH BOW"
                                               for i in range(48)])
    assert qualitative_datasets(make_ws(orders=orders)) == []


def test_repeated_text_in_any_table_is_a_catalogue_not_feedback(make_ws) -> None:
    customers = pd.DataFrame({
        "customer_id": [f"C{i}" for i in range(60)],
        "favourite": ["Spring collection linen summer dress in blue"] * 30
                     + ["Autumn collection wool winter coat in grey"] * 30,
    })
    ws = make_ws(customers=customers)
    assert qualitative_datasets(ws) == []
    frame = customers.assign(note=[f"Customer {i} said the delivery was quick and the box "
                                   "was well packed" for i in range(60)])
    batch = documents_from_frame(frame, {}, "notes.csv")
    assert batch.report.columns["text"] == "note"


def test_the_real_womens_clothing_reviews_are_still_detected(shared_data: Path) -> None:
    path = shared_data / "womens_clothing_reviews.csv"
    raw = pd.read_csv(path)
    batch = read_documents(path)
    assert batch.report.columns["text"] == "Review Text"
    assert batch.report.columns["rating"] == "Rating"
    assert batch.report.source_type == "review"
    expected = raw.loc[raw["Review Text"].fillna("").str.strip() != "", "Rating"]
    assert len(batch.documents) == len(expected)
    assert batch.documents["rating"].value_counts().sort_index().tolist() == (
        expected.value_counts().sort_index().tolist())


def test_catalogue_text_indexed_by_an_earlier_version_leaves_the_store(make_ws) -> None:
    ws = make_ws(orders=order_lines(), reviews=review_frame("rating", [1, 5, 2, 5, 1, 4]))
    store = KnowledgeStore(ws)
    # as an earlier version did automatically: the product names indexed as if feedback
    index_dataset(store, "orders", text_column="Description", chosen=False)
    assert "dataset:orders" in store.sources()
    ensure_indexed(store)
    assert set(store.chunks()["source"]) == {"dataset:reviews"}
    assert "MAGIC DRAWING" not in " ".join(store.chunks()["text"])


def test_persona_quotes_come_only_from_feedback_sources(make_ws) -> None:
    from assistant.personas.pack import _quotes

    ws = make_ws(orders=order_lines(), reviews=review_frame("rating", [1, 5, 2, 5, 1, 4]))
    quotes = pd.DataFrame({
        "theme": ["quality"] * 3,
        "text": ["MAGIC DRAWING SLATE GO TO THE FAIR", REVIEWS[0], REVIEWS[4]],
        "doc_id": ["536365", "R0", "R4"],
        "source": ["dataset:orders", "dataset:reviews", "dataset:reviews"],
        "source_type": ["review"] * 3,
    })
    picked = _quotes(quotes, "quality", ws)
    assert [q.doc_id for q in picked] == ["R0", "R4"]


def test_two_codes_without_a_rating_name_are_a_category_not_stars() -> None:
    batch = documents_from_frame(review_frame("gender_code", [1, 2, 2, 1, 1, 2]), {}, "r.csv")
    assert "rating" not in batch.report.columns
    named = documents_from_frame(review_frame("rating", [4, 5, 5, 4, 4, 5]), {}, "r.csv")
    assert named.documents["rating"].tolist() == [4.0, 5.0, 5.0, 4.0, 4.0, 5.0]
