"""Chinese call lines, mirroring dialogue.py and dialogue_sales.py key for key.

Speaker labels stay "Agent:" / "Customer:" so every transcript parses the same way.
"""

from __future__ import annotations

LINES_ZH: dict[str, tuple[str, ...]] = {
    "greeting": (
        "{您好|你好}，{这里是|欢迎致电}Lumen{客服中心|售后服务}，我是<rep_first>，"
        "{请问有什么可以帮您|请问您遇到了什么问题}？",
    ),
    "opener": (
        "{您好|你好}，我{想问一下|来咨询一下}订单<order_id>的{问题|情况}",
        "{你好|喂，你好}，我<order_date>买的<product>{出了点问题|有点情况}",
    ),
    "verify": (
        "{很抱歉给您带来不便|非常抱歉}，{麻烦|请}{提供一下|核对一下}{您的姓名|收货人姓名}"
        "{和订单号|}？",
    ),
    "verify_answer": ("{我叫|收货人是}<full_name>{，订单号是<order_id>|}",),
    "lookup": (
        "{好的|谢谢}<first_name>，我{这边|这里}{看到了|查到了}{订单<order_id>|您的<product>订单}"
        "{，是<order_date>下的单|}",
    ),
    "wrap_up": ("{请问|那}还有{其他|别的}{问题|需要帮忙的}吗，<first_name>？",),
    "goodbye": ("{感谢您的来电|谢谢您的耐心}，<first_name>，{祝您生活愉快|再见}",),
    "closing": ("{没有了|暂时没有了}，{谢谢|麻烦你了}<rep_first>",),
    "one_more": ("{对了|哦对了}，还有一件事",),
    "happy": ("{好的|行}，{谢谢|麻烦你了}，<rep_first>",
              "{那太好了|可以}，我{等你们的消息|留意一下邮件}"),
    "unhappy": (
        "{说实话|老实说}，{上次也是这么说的|这话我已经听过好几次了}",
        "{这已经是|这都是}第{三|四}次{打电话|来问}了，{真的很失望|我快没耐心了}",
    ),
}

RESOLVE_ZH: dict[str, tuple[str, ...]] = {
    "delivery": ("我已经{联系快递公司核实|提交了查询}，<hours>小时内{给您回复|短信通知您}",),
    "pricing": ("这次{可以按您说的价格|帮您按更低的价格}算，{并且免运费|另外送您一张优惠券}",),
    "coupon": ("我{这边|已经}手动帮您把<pct>%的折扣加到订单<order_id>上了",),
    "billing": (
        "我{看到了|确认了}订单<order_id>的{重复付款|差额}，已经{申请退回|提交退回}<small_amount>，"
        "<days_short>个工作日内到账",
    ),
    "quality": ("我{马上|今天}给您{补发一个新的|安排换货}，{同时反馈给产品部门|不用寄回旧的}",),
    "info": ("我{今天|下午}把<product>的{详细参数|完整资料}发到您邮箱，"
             "{并请同事更新页面|页面也会尽快更新}",),
    "range": ("{您的建议|这个反馈}我会转给{采购部门|选品团队}，"
              "{有新款|到货}{第一时间|马上}通知您",),
    "returns": ("我已经{给您发了|重新发送了}{退货单|预付费退货标签}，{会加急处理|收到后尽快处理}",),
    "account": ("我{这边|已经}帮您{重置了|更新了}{设置|登录信息}，{麻烦您再试一下|您现在再试试}",),
    "loyalty": ("{为表歉意|感谢您的支持}，我给您的账户加了<points>积分",),
    "support": (
        "{真的很抱歉|非常抱歉}之前没人回复您，这件事我{亲自跟进|负责到底}，<weekday>给您回电",
    ),
    "ordering": ("我{可以|帮您}{准备一份报价|整理几个方案}，{今天|下午}发到您的邮箱",),
}

NEEDS_ZH: dict[str, tuple[str, ...]] = {
    "needs_based": (
        "{我们公司|我们}{每个月|每季度}要{采购|批量购买}<n>{件|盒}<product>，{有没有|能不能给}企业价？",
    ),
    "loyal_champion": (
        "我是{老会员|多年的会员}了，想{了解一下|问问}{会员升级|积分能换什么}",
        "想买{高端|精品}一点的<category>，{有没有|最近会不会}上新？",
    ),
    "discount_hunter": (
        "收到{短信|邮件}说有{八折活动|九折活动|优惠券}，{想确认一下|想问问}<product>能不能用",
    ),
    "impulse_buyer": (
        "在{小红书|抖音}上看到<product>，{想买两个|想下单}，{退货|退换}方便吗？",
    ),
    "new_customer": (
        "我{刚注册|第一次来}，{不知道选哪个|不太会选}<product>，{能推荐一下吗|可以给点建议吗}？",
    ),
}

SALES_LINES_ZH: dict[str, tuple[str, ...]] = {
    "greeting_in": (
        "{您好|你好}，Lumen{销售部|企业采购}，我是<rep_first>，请问{有什么可以帮您|想了解什么}？",
    ),
    "greeting_out": (
        "{您好|你好}<first_name>，我是Lumen的<rep_first>，{想跟进一下|回访一下}您"
        "{最近的订单|的<product>}",
    ),
    "winback": (
        "{您好|你好}<first_name>，我是Lumen的<rep_first>，{注意到|看到}您从<last_month>以后"
        "就没再下单，{想了解一下原因|想问问是不是哪里没做好}",
    ),
    "out_ok": ("{好的|可以}，{你说|请讲}",),
    "yes": ("{好的|行}，{那就这么定了|麻烦发一下详情}",),
    "maybe": ("{我再考虑一下|我跟同事商量一下}，{回头联系你|晚点答复}",),
    "next_steps": ("{好的|没问题}，我{今天|一小时内}把{报价|详情}发给您，<first_name>",),
}

QUALIFY_ZH: dict[str, tuple[tuple[str, str], ...]] = {
    "units": (("{大概需要多少|需要几件}，<first_name>？", "{大概|差不多}<n>{件|个}{左右|}"),),
    "personal": (
        ("{预算|价位}大概是多少，<first_name>？", "{预算|价位}{大概|差不多}<amount>{左右|}"),
        ("是{自己用|送人}吗，<first_name>？", "{自己用|送给家人}{的|}"),
    ),
}

OFFER_ZH: dict[str, tuple[str, ...]] = {
    "needs_based": ("<n>件的话可以给您<pct>%的折扣{，并且包邮|，按月结算}",),
    "loyal_champion": (
        "您是我们的老会员，{今天|现在}就可以帮您升级到{VIP|金卡}等级，享受{提前购|双倍积分}",
    ),
    "discount_hunter": ("这个{优惠|折扣}可以用在<product>上，我{再|额外}帮您减<pct>%",),
    "impulse_buyer": ("<days>天内可以免费退换，我先帮您{保留|预留}<product>",),
    "new_customer": ("第一次买的话{推荐|建议}{入门款|经典款}<product>，{卖得最好|最受欢迎}",),
    "at_risk": (
        "{非常抱歉|真的很抱歉}，<first_name>，下一单我给您打<pct>%的折扣，{并且亲自跟进|保证加急发货}",
    ),
}
