"""Reference lists for customer profiles: real cities, job titles, marketing content.

Cities are real (region, city) pairs grouped by how urban they are, so that the
"impulse buyers live in big cities" signal can be planted and found again.
"""

from __future__ import annotations

# country -> Faker locale used for names and phone numbers
LOCALES: dict[str, str] = {
    "United States": "en_US",
    "United Kingdom": "en_GB",
    "Canada": "en_CA",
    "Germany": "de_DE",
    "Australia": "en_AU",
    "China": "zh_CN",
}

# Faker numerify patterns: '#' any digit, '%' 1-9.
PHONE_FORMATS: dict[str, tuple[str, ...]] = {
    "United States": ("+1 %##-%##-####", "(%##) %##-####"),
    "Canada": ("+1 %##-%##-####", "(%##) %##-####"),
    "United Kingdom": ("+44 7### ######", "07### ######"),
    "Germany": ("+49 15# ########", "+49 17# #######", "0151 ########"),
    "Australia": ("+61 4## ### ###", "04## ### ###"),
    "China": ("+86 13# #### ####", "+86 15# #### ####", "+86 18# #### ####"),
}

EMAIL_DOMAINS: dict[str, dict[str, float]] = {
    "United States": {"gmail.com": 0.5, "yahoo.com": 0.15, "outlook.com": 0.15,
                      "icloud.com": 0.12, "hotmail.com": 0.08},
    "Canada": {"gmail.com": 0.5, "outlook.com": 0.15, "hotmail.com": 0.15, "yahoo.ca": 0.1,
               "icloud.com": 0.1},
    "United Kingdom": {"gmail.com": 0.45, "hotmail.co.uk": 0.2, "outlook.com": 0.12,
                       "btinternet.com": 0.08, "yahoo.co.uk": 0.08, "icloud.com": 0.07},
    "Germany": {"gmail.com": 0.3, "web.de": 0.25, "gmx.de": 0.25, "t-online.de": 0.12,
                "outlook.de": 0.08},
    "Australia": {"gmail.com": 0.5, "outlook.com": 0.15, "bigpond.com": 0.12,
                  "icloud.com": 0.13, "hotmail.com": 0.1},
    "China": {"qq.com": 0.4, "163.com": 0.3, "126.com": 0.15, "sina.com": 0.08,
              "outlook.com": 0.07},
}

# country -> tier -> (region, city)
CITIES: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "United States": {
        "metro": (("New York", "New York"), ("California", "Los Angeles"),
                  ("California", "San Francisco"), ("Illinois", "Chicago"),
                  ("Washington", "Seattle"), ("Texas", "Austin"), ("Florida", "Miami"),
                  ("Massachusetts", "Boston"), ("Georgia", "Atlanta"), ("Colorado", "Denver")),
        "suburban": (("Illinois", "Naperville"), ("Texas", "Plano"), ("California", "Irvine"),
                     ("Washington", "Bellevue"), ("North Carolina", "Cary"),
                     ("Arizona", "Scottsdale"), ("Kansas", "Overland Park"),
                     ("New Jersey", "Edison"), ("Ohio", "Dublin"), ("Minnesota", "Edina")),
        "town": (("Montana", "Bozeman"), ("Vermont", "Burlington"), ("Iowa", "Ames"),
                 ("North Carolina", "Asheville"), ("Minnesota", "Duluth"),
                 ("Oregon", "Bend"), ("Maine", "Bangor"), ("Wisconsin", "Eau Claire")),
    },
    "United Kingdom": {
        "metro": (("Greater London", "London"), ("Greater Manchester", "Manchester"),
                  ("West Midlands", "Birmingham"), ("Scotland", "Glasgow"),
                  ("West Yorkshire", "Leeds"), ("Scotland", "Edinburgh")),
        "suburban": (("Berkshire", "Reading"), ("Buckinghamshire", "Milton Keynes"),
                     ("Surrey", "Guildford"), ("West Midlands", "Solihull"),
                     ("Hertfordshire", "St Albans"), ("Cheshire", "Stockport")),
        "town": (("North Yorkshire", "Harrogate"), ("Cumbria", "Kendal"), ("Cornwall", "Truro"),
                 ("Devon", "Totnes"), ("Wales", "Aberystwyth"), ("Norfolk", "Norwich")),
    },
    "Canada": {
        "metro": (("Ontario", "Toronto"), ("British Columbia", "Vancouver"),
                  ("Quebec", "Montreal"), ("Alberta", "Calgary")),
        "suburban": (("Ontario", "Mississauga"), ("Ontario", "Markham"),
                     ("British Columbia", "Surrey"), ("Quebec", "Laval")),
        "town": (("British Columbia", "Kelowna"), ("Ontario", "Guelph"),
                 ("Nova Scotia", "Truro"), ("Alberta", "Canmore")),
    },
    "Germany": {
        "metro": (("Berlin", "Berlin"), ("Bavaria", "Munich"), ("Hamburg", "Hamburg"),
                  ("North Rhine-Westphalia", "Cologne"), ("Hesse", "Frankfurt")),
        "suburban": (("Brandenburg", "Potsdam"), ("Baden-Württemberg", "Heidelberg"),
                     ("North Rhine-Westphalia", "Bonn"), ("Bavaria", "Erlangen")),
        "town": (("Lower Saxony", "Lüneburg"), ("Bavaria", "Bamberg"),
                 ("Schleswig-Holstein", "Husum"), ("Baden-Württemberg", "Tübingen")),
    },
    "Australia": {
        "metro": (("New South Wales", "Sydney"), ("Victoria", "Melbourne"),
                  ("Queensland", "Brisbane"), ("Western Australia", "Perth")),
        "suburban": (("New South Wales", "Parramatta"), ("Victoria", "Geelong"),
                     ("Queensland", "Gold Coast"), ("South Australia", "Adelaide")),
        "town": (("Victoria", "Ballarat"), ("Queensland", "Toowoomba"),
                 ("Tasmania", "Launceston"), ("New South Wales", "Wagga Wagga")),
    },
    "China": {
        "metro": (("Shanghai", "Shanghai"), ("Beijing", "Beijing"), ("Guangdong", "Shenzhen"),
                  ("Guangdong", "Guangzhou")),
        "suburban": (("Zhejiang", "Hangzhou"), ("Sichuan", "Chengdu"), ("Jiangsu", "Suzhou"),
                     ("Hubei", "Wuhan")),
        "town": (("Zhejiang", "Shaoxing"), ("Jiangsu", "Yangzhou"), ("Yunnan", "Dali"),
                 ("Fujian", "Quanzhou")),
    },
}

JOB_TITLES: dict[str, tuple[str, ...]] = {
    "professional": ("Attorney", "Senior Accountant", "Management Consultant", "Architect",
                     "Financial Advisor", "Marketing Director", "Product Manager"),
    "tech": ("Software Engineer", "Data Analyst", "UX Designer", "IT Support Specialist",
             "DevOps Engineer", "Engineering Manager", "QA Engineer"),
    "healthcare": ("Registered Nurse", "Physician", "Pharmacist", "Physiotherapist",
                   "Dental Hygienist", "Medical Assistant"),
    "creative": ("Graphic Designer", "Photographer", "Content Creator", "Copywriter",
                 "Social Media Coordinator", "Video Editor", "Illustrator"),
    "business_ops": ("Office Manager", "Procurement Specialist", "Operations Manager",
                     "Small Business Owner", "Facilities Coordinator", "Purchasing Manager",
                     "Executive Assistant", "Practice Manager"),
    "education": ("Teacher", "Teaching Assistant", "School Administrator", "Librarian",
                  "Lecturer"),
    "trades": ("Electrician", "Carpenter", "Plumber", "Mechanic", "Landscaper",
               "Warehouse Supervisor"),
    "retail_hospitality": ("Sales Associate", "Barista", "Store Supervisor", "Chef",
                           "Hotel Receptionist", "Customer Service Representative"),
    "student": ("Student", "Graduate Student", "Intern"),
}

# source channel -> (first-touch content, style); styles are weighted per archetype
FIRST_TOUCH: dict[str, tuple[tuple[str, str], ...]] = {
    "organic search": (("Blog: 10 ideas for a calmer home office", "practical"),
                       ("Guide: how to choose a chef's knife", "practical"),
                       ("Blog: the best desk setups under $200", "practical"),
                       ("Guide: stocking a small-business supply cupboard", "practical"),
                       ("Blog: slow Sunday breakfast essentials", "lifestyle"),
                       ("Gift guide: presents for people who have everything", "lifestyle"),
                       ("Blog: this season's colour trends", "trend"),
                       ("Search result: 'cheap wireless earbuds'", "deal")),
    "paid search": (("Search ad: bulk office supplies", "practical"),
                    ("Search ad: ergonomic chairs in stock", "practical"),
                    ("Search ad: wireless earbuds sale", "deal"),
                    ("Shopping ad: linen duvet covers", "lifestyle"),
                    ("Shopping ad: trending sneakers", "trend")),
    "social media": (("Instagram reel: summer drop", "trend"),
                     ("TikTok: unboxing the Aurora lamp", "trend"),
                     ("Instagram story: new beauty arrivals", "trend"),
                     ("Pinterest pin: cosy autumn living room", "lifestyle"),
                     ("Facebook post: weekend flash sale", "deal"),
                     ("YouTube review: best budget headphones", "practical")),
    "email": (("Newsletter: spring collection", "lifestyle"),
              ("Email: welcome back offer", "deal"),
              ("Email: 15% off your next order", "deal"),
              ("Newsletter: members' early access", "lifestyle"),
              ("Email: restock alert", "practical")),
    "referral": (("Friend referral: give $15, get $15", "deal"),
                 ("Friend referral: shared wishlist", "lifestyle"),
                 ("Colleague recommendation", "practical"),
                 ("Influencer code: MAYA10", "trend")),
    "affiliate": (("Coupon site: 20% off code", "deal"),
                  ("Deal forum: Black Friday thread", "deal"),
                  ("Cashback portal: 8% back", "deal"),
                  ("Review site: best kitchen gadgets of the year", "practical"),
                  ("Style blog: capsule wardrobe picks", "trend")),
    "display ads": (("Banner: flash sale 48h", "deal"),
                    ("Retargeting banner: items you viewed", "trend"),
                    ("Banner: new season arrivals", "trend"),
                    ("Video ad: meet the Lumen home range", "lifestyle")),
    "direct": (("Direct visit: homepage", "lifestyle"),
               ("Direct visit: store flyer QR code", "practical"),
               ("Direct visit: catalogue in the post", "lifestyle"),
               ("Direct visit: typed URL from a parcel", "practical")),
}

COMPANY_SIZES: tuple[str, ...] = ("1-10", "11-50", "51-200", "201-1000", "1000+")
COMPANY_SIZE_WEIGHTS: tuple[float, ...] = (0.38, 0.32, 0.18, 0.08, 0.04)
INDUSTRIES: tuple[str, ...] = ("Professional services", "Hospitality", "Healthcare",
                               "Education", "Retail", "Technology", "Real estate",
                               "Non-profit", "Construction", "Creative agency")

# Chinese names with pinyin, so the email can be derived from the name.
ZH_SURNAMES: tuple[tuple[str, str], ...] = (
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"),
    ("高", "gao"), ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
    ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"),
)
ZH_GIVEN_MALE: tuple[tuple[str, str], ...] = (
    ("伟", "wei"), ("强", "qiang"), ("磊", "lei"), ("洋", "yang"), ("勇", "yong"), ("军", "jun"),
    ("杰", "jie"), ("涛", "tao"), ("明", "ming"), ("浩然", "haoran"), ("宇轩", "yuxuan"),
    ("子豪", "zihao"), ("俊杰", "junjie"), ("建华", "jianhua"), ("志强", "zhiqiang"),
    ("鹏", "peng"), ("博文", "bowen"), ("晨", "chen"), ("一鸣", "yiming"), ("天佑", "tianyou"),
)
ZH_GIVEN_FEMALE: tuple[tuple[str, str], ...] = (
    ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("婷", "ting"),
    ("雪", "xue"), ("慧", "hui"), ("欣怡", "xinyi"), ("子涵", "zihan"), ("雨桐", "yutong"),
    ("梓萱", "zixuan"), ("佳琪", "jiaqi"), ("晓燕", "xiaoyan"), ("秀英", "xiuying"),
    ("思雨", "siyu"), ("婉清", "wanqing"), ("诗涵", "shihan"), ("梦瑶", "mengyao"),
    ("丹", "dan"),
)
