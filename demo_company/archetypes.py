"""The planted truth: six customer archetypes, written as data.

Everything the generator does differently per archetype is read from here, so the
ground truth handed to evaluations and the data that was generated cannot drift apart.
Distributions overlap on purpose: real segments are never perfectly separable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

INCOME_BANDS: tuple[str, ...] = ("<25k", "25-50k", "50-75k", "75-100k", "100-150k", "150k+")


@dataclass(frozen=True)
class Archetype:
    id: str
    label: str
    share: float
    description: str
    pain_points: tuple[str, str, str]
    # demographics
    age: tuple[float, float]  # mean, standard deviation
    income: tuple[float, ...]  # weights over INCOME_BANDS
    education: dict[str, float]
    marital: dict[str, float]
    job_family: dict[str, float]
    country: dict[str, float]
    city_tier: dict[str, float]
    # technographics and acquisition
    device: dict[str, float]
    apple_share: float
    source: dict[str, float]
    content_style: dict[str, float]
    signup_days_ago: tuple[int, int]
    b2b_share: float
    # buying behaviour
    orders_per_month: float
    price_multiplier: float
    extra_quantity: float  # Poisson mean of items beyond the first
    discount_beta: tuple[float, float]
    category_weights: tuple[float, ...]  # over catalog.CATEGORIES
    category_focus: float  # Dirichlet concentration: small = one or two categories
    return_rate: float
    cancel_rate: float
    sales_channel: dict[str, float]
    # support
    tickets_per_customer: float
    ticket_topics: dict[str, float]
    resolved_rate: float
    ticket_channel: dict[str, float]
    # voice of the customer
    reviews_per_customer: float
    rating_probs: tuple[float, float, float, float, float]
    nps_probs: tuple[float, ...]  # 11 values, scores 0..10
    survey_rate: float
    call_rate: float
    sales_call_share: float
    praise_weights: dict[str, float]
    traits: dict[str, str] = field(default_factory=dict)
    female_share: float = 0.5


_EDU_HIGH = {"High school": 0.06, "Some college": 0.12, "Vocational": 0.05,
             "Bachelor's": 0.45, "Master's": 0.26, "Doctorate": 0.06}
_EDU_MID = {"High school": 0.2, "Some college": 0.25, "Vocational": 0.14,
            "Bachelor's": 0.3, "Master's": 0.09, "Doctorate": 0.02}
_COUNTRIES = {"United States": 0.44, "United Kingdom": 0.16, "Canada": 0.1,
              "Germany": 0.1, "Australia": 0.15, "China": 0.05}

ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        id="loyal_champion", label="Loyal champions", share=0.18,
        description="Long-standing, affluent customers who buy often, pay full price and "
                    "recommend the store.",
        pain_points=("loyalty_rewards", "stock_availability", "premium_range"),
        age=(45.0, 9.0), income=(0.01, 0.05, 0.14, 0.22, 0.33, 0.25), education=_EDU_HIGH,
        marital={"Married": 0.58, "Partnered": 0.14, "Single": 0.16, "Divorced": 0.1,
                 "Widowed": 0.02},
        job_family={"professional": 0.38, "tech": 0.22, "healthcare": 0.14, "creative": 0.1,
                    "business_ops": 0.1, "education": 0.06},
        country={**_COUNTRIES, "United States": 0.46, "Germany": 0.08},
        city_tier={"metro": 0.42, "suburban": 0.45, "town": 0.13},
        device={"desktop": 0.46, "mobile": 0.4, "tablet": 0.14}, apple_share=0.68,
        source={"organic search": 0.28, "referral": 0.22, "email": 0.18, "direct": 0.2,
                "paid search": 0.06, "social media": 0.04, "affiliate": 0.01,
                "display ads": 0.01},
        content_style={"lifestyle": 0.5, "practical": 0.3, "trend": 0.15, "deal": 0.05},
        signup_days_ago=(900, 2600), b2b_share=0.12,
        orders_per_month=0.95, price_multiplier=1.85, extra_quantity=0.45,
        discount_beta=(1.2, 10.0),
        category_weights=(0.2, 0.16, 0.14, 0.12, 0.12, 0.06, 0.06, 0.14), category_focus=3.0,
        return_rate=0.03, cancel_rate=0.01,
        sales_channel={"web": 0.4, "app": 0.38, "store": 0.18, "phone": 0.04},
        tickets_per_customer=0.55,
        ticket_topics={"shipping": 0.3, "product quality": 0.25, "account": 0.2, "billing": 0.2,
                       "onboarding": 0.05},
        resolved_rate=0.93, ticket_channel={"email": 0.35, "chat": 0.4, "phone": 0.25},
        reviews_per_customer=0.9, rating_probs=(0.01, 0.02, 0.04, 0.22, 0.71),
        nps_probs=(0, 0, 0, 0, 0, 0.005, 0.01, 0.025, 0.07, 0.34, 0.55),
        survey_rate=0.22, call_rate=0.07, sales_call_share=0.55,
        praise_weights={"product_love": 0.3, "great_selection": 0.2, "friendly_service": 0.2,
                        "fast_delivery": 0.2, "good_value": 0.1},
        traits={
            "tenure": "signed up long ago (mostly 2-7 years before the data ends) and still active",
            "order_frequency": "about one order a month, by far the most frequent buyers",
            "order_value": "highest average order value (premium items, little discounting)",
            "discount_usage": "rarely use discounts (around 10% of orders)",
            "demographics": "mid-40s, high income, university educated, mostly married",
            "acquisition": "came through organic search, referrals, email and direct visits",
            "channel": "web and app, some in-store; iPhone and Mac heavy",
            "satisfaction": "review ratings around 4.6 and NPS 9-10",
        },
        female_share=0.52,
    ),
    Archetype(
        id="discount_hunter", label="Discount hunters", share=0.20,
        description="Price-driven shoppers who mostly buy on promotion, wait for sales and "
                    "leave if the coupon does not work.",
        pain_points=("high_prices", "coupon_problems", "shipping_fees"),
        age=(36.0, 11.0), income=(0.2, 0.36, 0.24, 0.12, 0.06, 0.02), education=_EDU_MID,
        marital={"Married": 0.4, "Partnered": 0.12, "Single": 0.34, "Divorced": 0.12,
                 "Widowed": 0.02},
        job_family={"retail_hospitality": 0.22, "education": 0.16, "healthcare": 0.14,
                    "trades": 0.14, "business_ops": 0.14, "student": 0.12, "creative": 0.08},
        country=_COUNTRIES,
        city_tier={"metro": 0.3, "suburban": 0.4, "town": 0.3},
        device={"mobile": 0.66, "desktop": 0.26, "tablet": 0.08}, apple_share=0.34,
        source={"affiliate": 0.32, "email": 0.2, "paid search": 0.16, "social media": 0.12,
                "display ads": 0.1, "organic search": 0.06, "referral": 0.03, "direct": 0.01},
        content_style={"deal": 0.75, "trend": 0.1, "lifestyle": 0.08, "practical": 0.07},
        signup_days_ago=(150, 1300), b2b_share=0.04,
        orders_per_month=0.45, price_multiplier=0.72, extra_quantity=0.35,
        discount_beta=(9.0, 2.2),
        category_weights=(0.18, 0.14, 0.18, 0.16, 0.1, 0.06, 0.1, 0.08), category_focus=3.0,
        return_rate=0.04, cancel_rate=0.02,
        sales_channel={"web": 0.55, "app": 0.35, "store": 0.08, "phone": 0.02},
        tickets_per_customer=0.6,
        ticket_topics={"billing": 0.55, "shipping": 0.2, "account": 0.1, "product quality": 0.1,
                       "onboarding": 0.05},
        resolved_rate=0.78, ticket_channel={"email": 0.45, "chat": 0.45, "phone": 0.1},
        reviews_per_customer=0.35, rating_probs=(0.08, 0.14, 0.25, 0.33, 0.2),
        nps_probs=(0.01, 0.01, 0.02, 0.04, 0.07, 0.12, 0.18, 0.22, 0.18, 0.1, 0.05),
        survey_rate=0.12, call_rate=0.06, sales_call_share=0.3,
        praise_weights={"good_value": 0.45, "fast_delivery": 0.2, "great_selection": 0.15,
                        "product_love": 0.1, "friendly_service": 0.1},
        traits={
            "discount_usage": "use a discount or coupon on roughly 80% of orders",
            "order_value": "lowest average order value",
            "timing": "orders cluster around sale events (Black Friday, Boxing Day, "
                      "seasonal sales)",
            "demographics": "mid-30s, lower to middle income, service and public-sector jobs",
            "acquisition": "arrive via coupon sites, affiliates, email offers and paid search",
            "device": "mostly mobile, Android-leaning",
            "support": "billing tickets (promotions, price adjustments)",
        },
        female_share=0.57,
    ),
    Archetype(
        id="impulse_buyer", label="Impulse buyers", share=0.15,
        description="Young big-city shoppers who buy on a whim from social media, in bursts, "
                    "across many categories, and return a lot.",
        pain_points=("returns_process", "photos_mismatch", "app_checkout"),
        age=(26.0, 5.0), income=(0.22, 0.36, 0.24, 0.1, 0.06, 0.02),
        education={"High school": 0.14, "Some college": 0.34, "Vocational": 0.06,
                   "Bachelor's": 0.4, "Master's": 0.05, "Doctorate": 0.01},
        marital={"Single": 0.66, "Partnered": 0.2, "Married": 0.12, "Divorced": 0.02,
                 "Widowed": 0.0},
        job_family={"student": 0.26, "creative": 0.24, "retail_hospitality": 0.2, "tech": 0.14,
                    "business_ops": 0.1, "professional": 0.06},
        country={**_COUNTRIES, "United States": 0.46, "Germany": 0.07, "Canada": 0.11},
        city_tier={"metro": 0.74, "suburban": 0.2, "town": 0.06},
        device={"mobile": 0.84, "tablet": 0.06, "desktop": 0.1}, apple_share=0.62,
        source={"social media": 0.5, "display ads": 0.16, "paid search": 0.1, "referral": 0.1,
                "affiliate": 0.06, "organic search": 0.04, "email": 0.03, "direct": 0.01},
        content_style={"trend": 0.7, "lifestyle": 0.15, "deal": 0.12, "practical": 0.03},
        signup_days_ago=(150, 1000), b2b_share=0.01,
        orders_per_month=0.55, price_multiplier=1.0, extra_quantity=0.5,
        discount_beta=(2.5, 5.0),
        category_weights=(0.1, 0.16, 0.24, 0.2, 0.08, 0.03, 0.1, 0.09), category_focus=30.0,
        return_rate=0.15, cancel_rate=0.05,
        sales_channel={"app": 0.66, "web": 0.3, "store": 0.04, "phone": 0.0},
        tickets_per_customer=0.45,
        ticket_topics={"shipping": 0.3, "product quality": 0.28, "billing": 0.2, "account": 0.17,
                       "onboarding": 0.05},
        resolved_rate=0.82, ticket_channel={"chat": 0.7, "email": 0.25, "phone": 0.05},
        reviews_per_customer=0.5, rating_probs=(0.07, 0.12, 0.2, 0.31, 0.3),
        nps_probs=(0.0, 0.01, 0.01, 0.03, 0.05, 0.1, 0.14, 0.22, 0.22, 0.14, 0.08),
        survey_rate=0.1, call_rate=0.05, sales_call_share=0.25,
        praise_weights={"product_love": 0.35, "great_selection": 0.3, "fast_delivery": 0.2,
                        "good_value": 0.1, "friendly_service": 0.05},
        traits={
            "demographics": "youngest group (mid-20s), students and creatives, single",
            "geography": "concentrated in big cities",
            "acquisition": "social media (Instagram, TikTok) and display ads",
            "device": "almost all on mobile, buying in the app",
            "timing": "orders come in bursts of several purchases within a few days",
            "categories": "spread across many categories (fashion, beauty, electronics)",
            "returns": "highest return and cancellation rate (about 1 order in 5)",
        },
        female_share=0.63,
    ),
    Archetype(
        id="needs_based", label="Needs-based pragmatists", share=0.17,
        description="Older, suburban, often buying for a small business; they order what they "
                    "need from one or two categories at a steady rhythm.",
        pain_points=("product_quality", "product_information", "bulk_ordering"),
        age=(49.0, 10.0), income=(0.04, 0.14, 0.28, 0.28, 0.2, 0.06),
        education={"High school": 0.14, "Some college": 0.18, "Vocational": 0.16,
                   "Bachelor's": 0.36, "Master's": 0.13, "Doctorate": 0.03},
        marital={"Married": 0.64, "Partnered": 0.08, "Single": 0.12, "Divorced": 0.12,
                 "Widowed": 0.04},
        job_family={"business_ops": 0.5, "trades": 0.16, "professional": 0.12,
                    "healthcare": 0.08, "education": 0.08, "tech": 0.06},
        country={**_COUNTRIES, "Germany": 0.14, "United States": 0.42, "Australia": 0.13},
        city_tier={"suburban": 0.62, "town": 0.26, "metro": 0.12},
        device={"desktop": 0.7, "mobile": 0.22, "tablet": 0.08}, apple_share=0.25,
        source={"organic search": 0.4, "paid search": 0.26, "direct": 0.14, "referral": 0.08,
                "email": 0.06, "affiliate": 0.02, "display ads": 0.02, "social media": 0.02},
        content_style={"practical": 0.8, "deal": 0.08, "lifestyle": 0.1, "trend": 0.02},
        signup_days_ago=(200, 1500), b2b_share=0.7,
        orders_per_month=0.3, price_multiplier=0.8, extra_quantity=1.6,
        discount_beta=(2.0, 6.0),
        category_weights=(0.22, 0.1, 0.04, 0.03, 0.08, 0.4, 0.03, 0.1), category_focus=0.9,
        return_rate=0.025, cancel_rate=0.01,
        sales_channel={"web": 0.72, "phone": 0.16, "store": 0.08, "app": 0.04},
        tickets_per_customer=0.5,
        ticket_topics={"product quality": 0.55, "shipping": 0.15, "billing": 0.15,
                       "account": 0.1, "onboarding": 0.05},
        resolved_rate=0.8, ticket_channel={"email": 0.5, "phone": 0.35, "chat": 0.15},
        reviews_per_customer=0.4, rating_probs=(0.06, 0.12, 0.25, 0.37, 0.2),
        nps_probs=(0.0, 0.01, 0.02, 0.03, 0.06, 0.1, 0.16, 0.25, 0.2, 0.11, 0.06),
        survey_rate=0.12, call_rate=0.1, sales_call_share=0.6,
        praise_weights={"good_value": 0.3, "fast_delivery": 0.3, "friendly_service": 0.2,
                        "product_love": 0.1, "great_selection": 0.1},
        traits={
            "demographics": "oldest group (around 50), suburban and small-town, married",
            "b2b": "most have a company size and industry (office managers, small-business owners)",
            "categories": "buy almost only from one or two categories (office supplies, kitchen)",
            "order_rhythm": "steady, regular replenishment orders with larger quantities",
            "device": "desktop and Windows, ordering on the web or by phone",
            "acquisition": "organic and paid search for practical guides and product terms",
            "support": "product quality tickets",
        },
        female_share=0.43,
    ),
    Archetype(
        id="at_risk", label="At-risk (churning)", share=0.15,
        description="Formerly active customers who had delivery and billing trouble, could "
                    "not get support, and stopped ordering months ago.",
        pain_points=("late_delivery", "unresponsive_support", "billing_errors"),
        age=(41.0, 12.0), income=(0.06, 0.2, 0.3, 0.22, 0.16, 0.06), education=_EDU_MID,
        marital={"Married": 0.48, "Partnered": 0.1, "Single": 0.26, "Divorced": 0.14,
                 "Widowed": 0.02},
        job_family={"business_ops": 0.2, "healthcare": 0.14, "trades": 0.16, "education": 0.14,
                    "tech": 0.12, "retail_hospitality": 0.12, "professional": 0.12},
        country=_COUNTRIES,
        city_tier={"metro": 0.36, "suburban": 0.4, "town": 0.24},
        device={"desktop": 0.45, "mobile": 0.45, "tablet": 0.1}, apple_share=0.4,
        source={"paid search": 0.3, "display ads": 0.2, "organic search": 0.18,
                "social media": 0.12, "email": 0.08, "affiliate": 0.06, "referral": 0.04,
                "direct": 0.02},
        content_style={"deal": 0.3, "lifestyle": 0.3, "practical": 0.25, "trend": 0.15},
        signup_days_ago=(420, 1400), b2b_share=0.05,
        orders_per_month=0.5, price_multiplier=1.05, extra_quantity=0.4,
        discount_beta=(2.0, 5.0),
        category_weights=(0.18, 0.18, 0.14, 0.1, 0.12, 0.1, 0.08, 0.1), category_focus=4.0,
        return_rate=0.05, cancel_rate=0.04,
        sales_channel={"web": 0.62, "app": 0.22, "phone": 0.1, "store": 0.06},
        tickets_per_customer=2.6,
        ticket_topics={"shipping": 0.46, "billing": 0.36, "product quality": 0.09,
                       "account": 0.06, "onboarding": 0.03},
        resolved_rate=0.35, ticket_channel={"email": 0.45, "phone": 0.35, "chat": 0.2},
        reviews_per_customer=0.6, rating_probs=(0.42, 0.33, 0.15, 0.07, 0.03),
        nps_probs=(0.12, 0.14, 0.19, 0.21, 0.17, 0.08, 0.05, 0.02, 0.01, 0.01, 0.0),
        survey_rate=0.16, call_rate=0.12, sales_call_share=0.15,
        praise_weights={"product_love": 0.3, "great_selection": 0.3, "good_value": 0.2,
                        "friendly_service": 0.1, "fast_delivery": 0.1},
        traits={
            "recency": "ordered regularly, then stopped 4-9 months before the data ends",
            "support": "most support tickets per customer (shipping and billing), "
                       "and the lowest share resolved",
            "satisfaction": "review ratings around 2 and NPS 0-4",
            "acquisition": "paid search and display ads",
            "demographics": "broad mix, around 40",
        },
    ),
    Archetype(
        id="new_customer", label="New customers", share=0.15,
        description="Customers who signed up in the last three months and have placed one to "
                    "three orders so far.",
        pain_points=("account_setup", "delivery_expectations", "first_order_guidance"),
        age=(32.0, 10.0), income=(0.1, 0.26, 0.28, 0.18, 0.13, 0.05),
        education={"High school": 0.1, "Some college": 0.22, "Vocational": 0.08,
                   "Bachelor's": 0.42, "Master's": 0.15, "Doctorate": 0.03},
        marital={"Single": 0.44, "Partnered": 0.18, "Married": 0.32, "Divorced": 0.05,
                 "Widowed": 0.01},
        job_family={"tech": 0.18, "creative": 0.16, "business_ops": 0.16, "student": 0.14,
                    "healthcare": 0.12, "education": 0.12, "retail_hospitality": 0.12},
        country=_COUNTRIES,
        city_tier={"metro": 0.5, "suburban": 0.36, "town": 0.14},
        device={"mobile": 0.6, "desktop": 0.3, "tablet": 0.1}, apple_share=0.52,
        source={"social media": 0.26, "paid search": 0.24, "referral": 0.2,
                "organic search": 0.12, "display ads": 0.08, "affiliate": 0.06, "email": 0.02,
                "direct": 0.02},
        content_style={"lifestyle": 0.4, "trend": 0.3, "practical": 0.2, "deal": 0.1},
        signup_days_ago=(0, 90), b2b_share=0.05,
        orders_per_month=0.0, price_multiplier=0.95, extra_quantity=0.3,
        discount_beta=(3.0, 5.0),
        category_weights=(0.18, 0.14, 0.16, 0.14, 0.12, 0.08, 0.08, 0.1), category_focus=4.0,
        return_rate=0.04, cancel_rate=0.03,
        sales_channel={"web": 0.5, "app": 0.42, "store": 0.06, "phone": 0.02},
        tickets_per_customer=0.7,
        ticket_topics={"onboarding": 0.45, "account": 0.35, "shipping": 0.12, "billing": 0.05,
                       "product quality": 0.03},
        resolved_rate=0.8, ticket_channel={"chat": 0.55, "email": 0.35, "phone": 0.1},
        reviews_per_customer=0.25, rating_probs=(0.05, 0.08, 0.2, 0.37, 0.3),
        nps_probs=(0.0, 0.0, 0.01, 0.02, 0.04, 0.08, 0.14, 0.24, 0.25, 0.14, 0.08),
        survey_rate=0.14, call_rate=0.08, sales_call_share=0.35,
        praise_weights={"product_love": 0.3, "fast_delivery": 0.2, "friendly_service": 0.2,
                        "great_selection": 0.2, "good_value": 0.1},
        traits={
            "tenure": "signed up within the last 90 days",
            "orders": "one to three orders so far",
            "acquisition": "social media, paid search and friend referrals",
            "support": "onboarding and account tickets",
            "demographics": "early 30s, metro, mixed occupations",
        },
    ),
)

BY_ID: dict[str, Archetype] = {a.id: a for a in ARCHETYPES}
ARCHETYPE_IDS: tuple[str, ...] = tuple(a.id for a in ARCHETYPES)
