"""English lines for sales calls: what each archetype wants to buy and what reps offer.

Buying needs mirror the archetype's themes (bulk pricing for pragmatists, a loyalty
upgrade for champions, a working coupon for bargain hunters...), so sales calls
carry the same planted signal as complaints do.
"""

from __future__ import annotations

NEEDS_EN: dict[str, tuple[str, ...]] = {
    "needs_based": (
        "{We're|I'm} {looking to|hoping to} {order|buy} {about|around|roughly} <n> {units|packs|"
        "boxes} of the <product> for {our office|the team|the business} {every month|each "
        "quarter}, {is there|do you have} {volume pricing|business pricing|a bulk discount}?",
        "{We|Our company} {buy|order} <category> in bulk {every month|every few weeks} and {I'd "
        "like to|I want to} {set up|arrange} {a repeat order|business pricing|payment by purchase "
        "order}",
        "I need {the full specs|the exact dimensions|the product details} for the <product> "
        "before {I order|we sign off on} <n> {units|of them}",
    ),
    "loyal_champion": (
        "{I've been|I'm} a {long-time|regular} customer and {I wanted to ask about|I'm "
        "interested in} {the VIP tier|upgrading my loyalty membership|what my rewards points "
        "can get me}{ - I order most months|}",
        "{I'm after|I'm looking for} something {premium|high-end} in <category>, {is there|do you "
        "have} {a luxury line|designer pieces} {coming|in stock}?",
        "{Any idea when|Do you know when} the <product> will be back in stock{, I'd like to "
        "order two| - I keep checking|}?",
    ),
    "discount_hunter": (
        "I {got|saw} {an email|a text} about {the <pct>% off sale|a coupon} and {wanted to "
        "check|I'm checking} {if it works on|whether I can use it for} the <product>",
        "{Is there|Do you have} {a promo code|a discount code|any coupon} for <category> {right "
        "now|this week}{, I'm comparing prices|}?",
        "{I'd order|I'll order} the <product> {today|now} if {you can|you could} {waive|drop} "
        "the {shipping fee|delivery charge}",
    ),
    "impulse_buyer": (
        "I {saw|spotted} the <product> on {Instagram|TikTok} and {want to|I'd like to} {order|"
        "buy} {two|a couple}{ in different colours| as gifts|}, {but|and} {how do returns work|"
        "what's the returns policy}?",
        "{Does|Will} the <product> {look like|really look like} the photos{, the colour "
        "especially| when it arrives|}?",
        "{The|Your} app {keeps crashing|froze} {at checkout|on the payment page} so {can I|could "
        "I} order the <product> {over the phone|with you}?",
    ),
    "new_customer": (
        "{I've just|I just} {signed up|joined} and {I'm not sure which|I don't know which} "
        "<product> to {pick|get} for my first order",
        "{It's|This is} my first time {ordering|buying} from Lumen and I'd like some guidance on "
        "{the|a} <product>",
        "{Could you|Can you} {tell me|explain} {when it would arrive|the delivery estimate} {if "
        "I|when I} order the <product> today?",
    ),
}

SALES_LINES_EN: dict[str, tuple[str, ...]] = {
    "greeting_in": (
        "{Thanks for calling|Hi, thanks for calling} Lumen{ sales| business sales|}, {this is|"
        "you're through to} <rep_first>{, how can I help|, what are you looking for today}?",
        "{Good morning|Good afternoon}, Lumen sales, <rep_first> {here|speaking}{, how can I "
        "help|, what can I do for you}?",
    ),
    "greeting_out": (
        "Hi <first_name>, this is <rep_first> from Lumen{, do you have a minute|, is now a "
        "good time|} - I'm {calling|just calling} {about|to follow up on} {your recent order|"
        "order <order_id>|your <product>}",
    ),
    "winback": (
        "Hi <first_name>, it's <rep_first> from Lumen - {we noticed|I saw} you haven't "
        "ordered since <last_month> and {wanted to check in|I wanted to see how things are}",
        "{Hello|Hi} <first_name>, <rep_first> {here|calling} from Lumen, {we've missed you|"
        "it's been a while} since <last_month> and I {wanted to ask|wondered} {why|what "
        "happened}",
    ),
    "out_ok": (
        "{Sure|Yes|Go on}, {I have a few minutes|now's fine|quickly}{, <rep_first>|}",
        "{Oh|Ah}, {hi|hello} <rep_first>{, yes|, okay}{, what is it|, go ahead|}",
    ),
    "yes": (
        "{Okay|Alright|Great}, {let's do it|go ahead|sounds good}{, <rep_first>|}{ - send me "
        "the details|}",
        "{That works|Perfect}{, <rep_first>|}, {please|can you} {send|email} {it|the details} "
        "over",
    ),
    "maybe": (
        "{I'll think about it|Let me think about it|I'll need to check with my {manager|"
        "partner}}{, <rep_first>|}",
        "{Hmm|Okay}, {send me|email me} {the details|something in writing} and I'll {decide|get "
        "back to you} by <weekday>",
    ),
    "next_steps": (
        "{Perfect|Great|Lovely}, I'll {email|send} {you|over} {a quote|the details|a "
        "confirmation} {within the hour|today|by <weekday>}, <first_name>",
        "{No problem|Of course}, <first_name>, {I'll put it in writing|you'll get an email "
        "from me} {today|this afternoon}{ with my direct line|}",
    ),
}

QUALIFY_EN: dict[str, tuple[tuple[str, str], ...]] = {
    "units": (
        ("{How many|Roughly how many} {units|of them} {would you need|are you thinking}, "
         "<first_name>?",
         "{About|Around|Roughly} <n>{, every month| a month| to start with}"),
        ("{How often|How regularly} {would you|do you} {reorder|need a delivery}, "
         "<first_name>?",
         "{Every month|Every few weeks|Once a quarter}{, sometimes more| for the whole team|}"),
    ),
    "personal": (
        ("{What|Which} {budget|price range} {are you working with|did you have in mind} for the "
         "<product>, <first_name>?",
         "{Around|About} <amount>{, maybe a bit more|, not much more|}"),
        ("{Is this|Would this be} for {yourself|a gift|the office}, <first_name>?",
         "{For|It's for} {myself|a gift|my <person>|the office}{, ideally by <weekday>|}"),
    ),
}

OFFER_EN: dict[str, tuple[str, ...]] = {
    "needs_based": (
        "For <n> units I can {offer|do} <pct>% off{ and free delivery| with delivery included| "
        "on a monthly invoice}, <first_name>",
    ),
    "loyal_champion": (
        "{Since|As} you've been with us {since <year>|for years}, I can {move you up to|upgrade "
        "you to} {our VIP tier|the Gold tier} {today|right now} with {early access|double "
        "points|express delivery}",
    ),
    "discount_hunter": (
        "{The|That} code {should|does} work on the <product>, and {I can|let me} {add|apply} "
        "<pct>% off {for you|manually} on this call",
    ),
    "impulse_buyer": (
        "You can return it {free|free of charge} within <days> days, and I can {reserve|hold} "
        "the <product> in {both colours|your size} for you",
    ),
    "new_customer": (
        "For a first order I'd {suggest|go with} the {starter|classic|best-selling} <product>{, "
        "it's our most popular one|, it's easy to get started with|}",
    ),
    "at_risk": (
        "{I'm sorry to hear that|That's not the experience we want}, <first_name>, {I can|let "
        "me} {offer|add} <pct>% off your next order {and make sure|and personally make sure} "
        "{it goes out express|someone follows up}",
    ),
}
