"""English call-centre lines for support and sales calls.

Every line is a single sentence carrying a name, an order id or a product, so that
calls read naturally and no stock phrase repeats hundreds of times across calls.
Slots: <rep_first>, <first_name>, <order_id>, <order_date>, <product>, <full_name>...
"""

from __future__ import annotations

# pain theme -> the kind of conversation a rep has about it
GROUP: dict[str, str] = {
    "late_delivery": "delivery", "delivery_expectations": "delivery",
    "shipping_fees": "pricing", "high_prices": "pricing", "coupon_problems": "coupon",
    "billing_errors": "billing", "product_quality": "quality", "photos_mismatch": "quality",
    "product_information": "info", "premium_range": "range", "stock_availability": "range",
    "returns_process": "returns", "account_setup": "account", "app_checkout": "account",
    "loyalty_rewards": "loyalty", "unresponsive_support": "support",
    "bulk_ordering": "ordering", "first_order_guidance": "ordering",
}

LINES_EN: dict[str, tuple[str, ...]] = {
    "greeting": (
        "{Thanks|Thank you} for calling Lumen{ customer care| support|}, {this is|you're "
        "speaking with|my name is} <rep_first>{, how can I help|, what can I do for you|, how "
        "can I help you today}?",
        "{Good morning|Good afternoon|Hi there}, Lumen {customer care|support}, <rep_first> "
        "speaking{, how can I help|, what can I do for you today}?",
        "{Hello|Hi}, you've reached Lumen, {I'm|this is} <rep_first> - {how can I help|what's "
        "the call about} today?",
    ),
    "opener": (
        "{Hi|Hello|Hi there|Hey}{ <rep_first>|}, {I'm calling about|it's about|I need help "
        "with|I have a problem with} {my order|order} <order_id>",
        "{Hi|Hello}, {yes, |}I ordered {a|the} <product> on <order_date> and {there's a "
        "problem|something's gone wrong|I need some help}",
        "{Hello|Hi} <rep_first>, {it's|this is} <first_name>{, I've got an issue| calling "
        "about an order|, I'm ringing about order <order_id>}",
    ),
    "verify": (
        "{I'm sorry to hear that|Sorry about that|Oh no, I'm sorry|I understand, that's "
        "frustrating}, {could you|can you} {confirm|give me} {your full name|the name on the "
        "order}{ and the order number|} {please|so I can pull it up|so I can find it}?",
        "{Let me|I'll} {look into that|check that} for you{, <first_name>|} - {what's|could I "
        "get} the name on the order{ please|}?",
        "{Of course|Sure}, <first_name>, {can I just|let me just} {confirm|check} your full name "
        "{first|before we start}?",
    ),
    "verify_answer": (
        "{Sure|Yes|Of course}, it's <full_name>{, and the order is <order_id>|}",
        "{It's|That's} <full_name>{, order <order_id>| - the order number is <order_id>|}",
        "<full_name>{, and it was order <order_id>| - I'm in <city>|, delivery to <city>}",
    ),
    "lookup": (
        "{Thanks|Thank you|Great, thanks}, <first_name>, I can see {order <order_id>|the "
        "order|your order for the <product>} {here|on my screen|now}{, placed on <order_date>|}",
        "{Okay|Right|Got it}, {I've found|I have} {order <order_id>|your <product> order} from "
        "<order_date>{, one moment|, bear with me|}",
        "{Thanks|Perfect}, {that's|I've got} {the <product>|order <order_id>} {delivering|going} "
        "to <city>{, let me have a look|, one second|}",
    ),
    "wrap_up": (
        "{Is there|Was there} anything else I can {help with|do for you}{ today|}, "
        "<first_name>?",
        "{Anything|Is there anything} else {on|about} {the <product>|your order|your side}, "
        "<first_name>?",
        "{Before I let you go|Before you go}, <first_name>, {is there|was there} anything else?",
    ),
    "goodbye": (
        "{Thanks for calling|Thank you for calling|Thanks for your patience}, <first_name>, "
        "{have a {great|lovely|good}|enjoy the rest of your} {day|evening|weekend}",
        "{You're welcome|My pleasure|No problem at all}, <first_name>{, take care|, speak soon|, "
        "bye for now}",
        "{Lovely|Great|Perfect}, <first_name>, {take care|have a good one|all the best} and "
        "thanks for calling Lumen",
    ),
    "one_more": (
        "{Actually|Oh|Sorry}, {one more thing|there's one other thing|while I have you}{, "
        "<rep_first>|}",
    ),
    "closing": (
        "{No|Nope|No, that's it}, {thanks|thank you|that's all}{ for your help| for sorting it| "
        "for your time|}, <rep_first>",
        "{That's everything|That's all for now|I think that's it}, {thanks|thank you|cheers} "
        "<rep_first>",
        "{No, all good|All good}, {thanks again|thank you} for {the help|looking into it|"
        "sorting the <product>}{, <rep_first>|}",
    ),
    "happy": (
        "{Okay|Alright|Great}, {that's helpful|thank you|I appreciate that}, <rep_first>",
        "{That would be great|That works|Perfect}, {thanks|thank you} for {sorting that|your "
        "help|looking into it}{, <rep_first>|}",
        "{Brilliant|Lovely|Good}, {I'll keep an eye out|I'll watch for the email|I'll check "
        "again on <weekday>}{, thanks <rep_first>| for the <product>|}",
    ),
    "unhappy": (
        "{Honestly|To be honest}, {I've heard that before|that's what the last person said|I'll "
        "believe it when I see it}{, <rep_first>|}",
        "{This is|It's} the {third|fourth|fifth} time I've {called|been promised that}{ about "
        "order <order_id>|, I'm about done|}",
        "{Fine|Okay}, but if {nothing happens|I hear nothing} by <weekday> I'm {cancelling|"
        "closing my account|going elsewhere}",
    ),
}

# group -> (question, answer) pairs a rep asks to understand the problem
PROBES_EN: dict[str, tuple[tuple[str, str], ...]] = {
    "delivery": (
        ("{When|Roughly when} did the tracking last change for <order_id>, <first_name>?",
         "{It|The tracking} {said|showed} 'in transit' on <weekday> and {nothing since|then it "
         "stopped}"),
        ("Was the delivery {address|postcode} {still|definitely} the one in <city>?",
         "{Yes|Yep}, same {address|place} in <city> as {always|every other order}"),
    ),
    "pricing": (
        ("{Which|What} {items|products} were you {comparing|looking at}, <first_name>?",
         "{Mostly|Mainly} the <product>{, I've seen it for less| and a couple of <category> "
         "bits|}"),
        ("{Roughly|About} how much were you {expecting|hoping} to pay for the <product>?",
         "{Around|About|Maybe} <amount>{, not more|, tops|}"),
    ),
    "coupon": (
        ("{Which|What} code were you {trying to use|using}, <first_name>?",
         "It was <code> {from the newsletter|from an email|off your Instagram}"),
        ("{Was|Were} the <product> {in the sale|already reduced} when you {tried|ordered}?",
         "{No|I don't think so}, it was {full price|the normal price} on <weekday>"),
    ),
    "billing": (
        ("Could you tell me {which card|the last four digits of the card} you used for order "
         "<order_id>?",
         "{It's|It was} the {Visa|Mastercard|Amex} ending in <card>"),
        ("{Do you|Would you} know {roughly|} when the payment {left|came out of} your bank, "
         "<first_name>?",
         "{It|The payment} {came out|left} on <order_date>{, twice|, and again the next day}"),
    ),
    "quality": (
        ("{Which|What} <product> {was it exactly|did you order}, and how long have you had it?",
         "{I've had|We've had} the <product> since <order_date>{, used every day|}"),
        ("{Could you|Can you} {describe|tell me} what's {wrong|happening} with the <product>, "
         "<first_name>?",
         "{Honestly|Well}, {it|the <product>} {just|simply} {isn't what I expected|doesn't "
         "hold up} for <amount>"),
    ),
    "info": (
        ("{Which|What} details were you {missing|looking for} on the <product>, <first_name>?",
         "{The|Basic things like the} {size|materials|weight} and {whether it fits|what comes "
         "in the box}"),
    ),
    "range": (
        ("{Which|What} {items|brands} were you hoping {to see|to find}, <first_name>?",
         "{Something|Anything} {nicer|better made} than the <product>{, I'd pay more|, "
         "honestly|}"),
    ),
    "returns": (
        ("{Did you|Have you} already {printed|used} the label for the <product>, or is it "
         "still with you?",
         "I {dropped it off|posted it} on <weekday>{ at the post office| in <city>|}"),
    ),
    "account": (
        ("Which {device|phone|browser} are you using when {this happens|you try}, "
         "<first_name>?",
         "{My|The} {iPhone|Android phone|laptop|work computer}, {usually|mostly} {in the "
         "evening|on the app|on Chrome}"),
    ),
    "loyalty": (
        ("{How long|Roughly how long} have you been {collecting points|a member}, "
         "<first_name>?",
         "{Since|Ever since} <year>{, I order most months|, pretty much from the start|}"),
    ),
    "support": (
        ("{Do you|Would you} have {the ticket number|a reference} from {your earlier "
         "contact|last time}, <first_name>?",
         "I think {it was|the reference was} <ticket_ref>, from {two weeks|a month|ten days} "
         "ago"),
    ),
    "ordering": (
        ("{How many|Roughly how many} units {would you need|are you thinking of} {each "
         "month|per order}, <first_name>?",
         "{About|Around|Roughly} <n> {units|packs} of the <product> {each month|every "
         "quarter|per order}"),
    ),
}

RESOLVE_EN: dict[str, tuple[str, ...]] = {
    "delivery": (
        "I've {opened a trace|raised a claim|chased it} with the courier and {I'll|we'll} "
        "{email you an update|call you back} within <hours> hours, <first_name>",
        "{I can|Let me} {send out a replacement|reship the <product>} by express {today|this "
        "afternoon}{ at no cost|, no charge|}",
    ),
    "pricing": (
        "I can {match the price|price match} on the <product> {this time|today} and {waive the "
        "delivery|add free delivery}, <first_name>",
        "I've {added|applied} <pct>% off {order <order_id>|your next order} as a goodwill "
        "gesture, <first_name>",
    ),
    "coupon": (
        "I've applied the <pct>% {discount|code} to order <order_id> {manually|from my side}, "
        "<first_name>",
        "{That code|The code} {should have worked|was valid}, so I've {credited|refunded} the "
        "<small_amount> difference to your card, <first_name>",
    ),
    "billing": (
        "I can see {the duplicate payment|the difference} on order <order_id>, so I've "
        "{issued|requested} a credit of <small_amount>{ - allow <days_short> working days|}",
        "I've {reversed|cancelled} the {second|extra} payment on order <order_id>, <first_name>",
    ),
    "quality": (
        "I'll {send a replacement|arrange a new <product>} {today|straight away}{ and log it "
        "with our product team|, no need to post the old one|}",
        "I've {passed this to|logged this with} our {product|quality} team, <first_name>{, and "
        "a replacement <product> is on its way|, and I'll follow up by <weekday>}",
    ),
    "info": (
        "I'll {email you|send over} the {spec sheet|full details} for the <product> {today|this "
        "afternoon} and {ask the web team to update the page|get the page fixed}, <first_name>",
    ),
    "range": (
        "I've passed that to our {buying|range} team and {set an alert|added a note} for the "
        "<product>{, <first_name>|}",
        "{Good|Fair} {feedback|point}, <first_name>, I'll {share it with|send it to} our buyers "
        "{this week|today} and {email you when|let you know if} {new lines|something} {land|"
        "comes in}",
    ),
    "returns": (
        "I've {emailed you|sent you} a {new|prepaid} label for the <product>{, and I'll "
        "fast-track it|}",
        "I've {pushed through|approved} the {credit|money} for the <product>{ today|}, it should "
        "show in <days_short> days",
    ),
    "account": (
        "I've {reset|updated} {your login|your settings} from my side, <first_name> - could you "
        "try again now?",
        "I've {sent|emailed} you a {link|fresh link} to {fix that|sort that out}{, it's valid for "
        "<hours> hours|}",
    ),
    "loyalty": (
        "I've {added|put} <points> bonus points on your balance {as a thank you|for the "
        "trouble}, <first_name>",
        "{As you've|Since you've} been with us since <year>, I've {moved you up|upgraded you} a "
        "tier{ from today|, <first_name>|}",
    ),
    "support": (
        "I'm {really|truly} sorry nobody got back to you, <first_name>, I'll {take ownership of "
        "this|handle this} {personally|myself} and call you on <weekday>",
        "I've {escalated|flagged} order <order_id> to my {team lead|manager}{ as urgent| with a "
        "note|}",
    ),
    "ordering": (
        "I can {set up|arrange} {a business price list|a quote for <n> units|a starter bundle} "
        "and email it {over|to you} {today|this afternoon}",
        "{Let me|I'll} {put together|prepare} {a few options|a short list} for the <product> and "
        "{send them|email them} {over|to you} by <weekday>",
    ),
}
