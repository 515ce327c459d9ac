"""English complaint templates, one set per pain theme (shopping themes here).

Each template is one sentence without final punctuation. Every realisation carries
at least one of the theme's keywords (see themes.py) and avoids the other themes'
keywords, so the theme can be recovered from the words alone.
"""

from __future__ import annotations

from demo_company.phrases_ops import PAIN_EN_OPS

PAIN_EN: dict[str, tuple[str, ...]] = {
    "loyalty_rewards": (
        "I've been a {loyal|regular|long-time} customer for {years|ages|a long time} and the "
        "{loyalty|rewards} {programme|program|scheme} {gives me almost nothing|feels pretty "
        "stingy|hasn't changed in years}",
        "{My|The} {reward points|points} {expire|run out|vanish} {far too quickly|before I can "
        "use them|after <months> months}",
        "{It would be nice|I'd appreciate it|It'd be great} if {regulars|long-time customers|"
        "people who order every month} got {better perks|some real perks|more than a few points}",
        "{Honestly|Frankly|To be fair}, {other shops|competitors|most stores I use} {reward|treat} "
        "regulars {better|far better|more generously} than {your loyalty scheme does|the Lumen "
        "rewards club}",
        "{Please|Could you} {bring back|add|think about} {a VIP tier|VIP perks|early access for "
        "VIP members|double points weekends}",
        "{Only|Just} <points> points for a <amount> order {feels a bit mean|is not much of a "
        "reward|doesn't feel like much}",
        "{I hit|I reached} {gold|the top} {tier|status} {ages ago|last year} and the {perks|"
        "rewards} {are barely noticeable|haven't changed at all|are nothing special}",
        "{The|Your} {loyalty|points} {balance|tracker} {never seems to update|is confusing to "
        "read|is hidden away} {after my orders|on the website|in my profile}",
        "{I would|I'd} {happily|gladly} {spend more|order more often} if the {loyalty rewards|"
        "VIP perks|points} {were worth it|felt more generous|actually added up}",
        "{Spent|I've spent} {well over|more than} <big_amount> {this year|with you this year} and "
        "{the rewards|my points} {barely|hardly} {cover|pay for} a <product>",
    ),
    "stock_availability": (
        "The <product> I {buy|order} {every few months|regularly|all the time} {is out of stock "
        "again|has been out of stock for <weeks> weeks|sold out again within a day}",
        "{Please|Can you please} restock the <product>{, it's been ages| soon|, I've been "
        "waiting <weeks> weeks}",
        "{Every time|Whenever} I {want|try} to buy {my favourite|the} <product> again it's {sold "
        "out|out of stock|unavailable}",
        "{Annoyingly|Sadly|Frustratingly}, {my size|the colour I wanted|the bigger size} {was|is} "
        "{sold out|out of stock} {again|within a day|before I could order}",
        "{I signed up for|I clicked} the back in stock {alert|notification} {weeks ago|<weeks> "
        "weeks ago} and {heard nothing|it never came|still nothing}",
        "{Why was the <product> discontinued|How come the <product> was discontinued}{, it "
        "was my favourite|, it was the best thing you sold|}?",
        "{Half|A lot} of {my wishlist|the things I like} {is|are} {showing as|marked} unavailable "
        "{at the moment|right now|this month}",
        "{Had to|I had to} {buy|get} the <product> {elsewhere|from another shop} because {you "
        "were|it was} {out of stock|sold out} {for weeks|again}",
        "{So much|Half} of the <category> range {is|was} out of stock {lately|this season|every "
        "time I look}",
        "{Things|Items} {I|we} {like|rely on} {get|are} restocked {so slowly|far too slowly|once "
        "in a blue moon}",
    ),
    "premium_range": (
        "I'd {happily|gladly} pay more for a premium {version|line|edition} of the <product>",
        "{Would|I'd} {like|really like} to see {more|a proper} {premium|high-end|luxury} {brands|"
        "pieces|lines} in <category>",
        "{The|Your} <category> {section|range} {feels|is} {a bit|rather|very} {basic|mid-range|"
        "entry-level} {and lacks|- I miss the|with no} {premium|higher-end|designer} {labels|"
        "brands|lines}",
        "{Please|Could you} {stock|add|bring in} {some|a few|more} {upmarket|high-end|luxury} "
        "<category> {brands|lines}",
        "{I usually|I often} end up going {elsewhere|to department stores} for {the|all the|any} "
        "{premium|designer|high-end} stuff",
        "A {luxury|premium} gift {box|set|edition} {would be perfect|is what's missing} for "
        "{birthdays|Christmas|anniversaries}",
        "{The new|Your} premium <category> {line|collection} {is too small|only has a handful of "
        "pieces|sells out instantly}",
        "{I'm hoping|I keep hoping} {to see|for} {some|a few} {designer|higher-end} "
        "collaborations{ like other shops do| on the <product>|}",
        "{At|For} my {budget|price point} I'm after {higher-end|premium} {materials|finishes|"
        "craftsmanship}{, not more basics|, and you don't have many|}",
        "{More|Some} premium {lines|pieces|brands} in <category> {please|would keep me here|would "
        "be welcome}",
    ),
    "high_prices": (
        "{Honestly|Frankly|To be honest}, the <product> is {{way|far} {overpriced|too "
        "expensive}|{a bit|quite} pricey} for what it is",
        "{I found|Found} the {same|exact same|identical} <product> <amount_small> cheaper "
        "elsewhere{ in about two minutes| the same day|}",
        "{Prices went up|The prices went up} {again|by like <pct>%|twice this year} {and|but} "
        "{nothing else changed|the products look the same|my budget didn't}",
        "{Everything|Most things|The <category> stuff} {costs more|is more expensive} here than "
        "{at the big online shops|on Amazon|at the supermarket}",
        "{Another|A sneaky} price hike on {the|my usual} <product>{, really?| - not impressed|}",
        "I {only|just} buy when there's a sale because {full price|the normal price} is {too "
        "pricey|just too expensive|hard to justify, it's expensive}",
        "<amount> for a <product> is {steep|a lot|too much}{, it's overpriced| - overpriced|, way "
        "too expensive}{ if you ask me| compared to other shops|}",
        "Without a sale I can't justify buying, {it's all|everything is} {too expensive|"
        "overpriced|pretty pricey}",
        "{Nice|Decent} stuff but {it's getting|it has become} {too expensive|so pricey|really "
        "expensive} {lately|this year}",
        "{Why|How} is the <product> {so expensive|this expensive|so overpriced}{ now| compared "
        "to last year|}?",
    ),
    "coupon_problems": (
        "{The|My} {promo code|discount code|coupon} {didn't apply|wouldn't apply|just didn't "
        "work} {when I paid|on my order|on the <product>}",
        "{I tried|Tried} the <pct>% off coupon {three times|twice|over and over} and it {kept "
        "saying invalid|said the code expired|never worked}",
        "The voucher {from|in} {your email|the newsletter|the birthday email} {said|showed} "
        "<pct>% off but {didn't apply|wouldn't apply|only took off <small_amount>}",
        "{Why|How come} {can't I|I can't} {stack|combine|use} {two coupons|a coupon with the "
        "sale price|my voucher on sale items}?",
        "{Your|The} {promo code|discount code} {expired|stopped being accepted} {a day early|"
        "before the date in the email|halfway through my order}",
        "{Got|I got} a {welcome|birthday|referral} voucher {but|and} it {didn't apply|wouldn't "
        "apply|wasn't accepted} {to|on} the <product>",
        "{It says|The site says} the {coupon|promo code} is {not valid|invalid|not eligible} for "
        "<category>{, which it doesn't say anywhere| - nowhere was that mentioned|}",
        "{I had to|Had to} {message|email|chase} {you|the team} just to get {my|the} discount "
        "code {honoured|applied|to work}",
        "{Coupon|Promo code} {exclusions are|small print is} {ridiculous|getting silly|so "
        "confusing}{, nothing qualifies anymore|}",
        "{Lost|Missed} <pct>% off because the code expired {while|as} I was {paying|typing in my "
        "card|deciding}",
    ),
    "shipping_fees": (
        "<small_amount> {shipping fee|postage|delivery charge} on a <amount> order {is a joke|is "
        "way too much|feels excessive}",
        "{The|Your} free shipping {threshold|minimum} {went up|keeps going up|is too high} "
        "{again|to <amount>}",
        "I {always|often} {abandon|drop} {my|the} order when I see the shipping {costs|fees}",
        "{Shipping costs|Delivery fees} {ate up|wiped out|cancelled out} {the whole|my} "
        "discount{, what's the point| - pointless|}",
        "{Why is there|Why do you charge} a delivery fee {on|for} {small|tiny|light} {orders|"
        "items} like a <product>?",
        "{Other shops|Competitors|Most sites} {offer|do} free shipping {over|above} "
        "{<small_amount>0|a lower amount}{, you should too|}",
        "{I paid|Paid} {almost|nearly} as much in postage as for the <product> itself",
        "The shipping fee {doubled|went up} {since|from} {last year|my last order}{, not cool|, "
        "so I'm ordering less|}",
        "{Please|Can you} {bring back|offer} free shipping {for members|on all orders|at least "
        "during sales}",
        "{Hidden|Surprise} shipping {costs|fees} {only show up|appear} {at the very end|on the "
        "last step}{, very sneaky|, so annoying|}",
    ),
    "returns_process": (
        "Returning the <product> {was|has been} {a nightmare|a hassle|such a faff|way harder "
        "than it should be}",
        "<days> days {later|on} and {still no refund|the refund hasn't shown up} for the "
        "<product>",
        "{The|Your} return label {wouldn't print|never came through|didn't work}{, so I paid "
        "to send it back myself| and I gave up|}",
        "{Why do I|Why should I} have to pay {for returns|to return} a <product> that {didn't "
        "fit|wasn't right|I didn't want}?",
        "{The|Your} returns {window|policy} is {too short|confusing|really strict}{ - <days> days "
        "isn't enough|, I missed it by a day|}",
        "{I|We} {returned|sent back} the <product> <weeks> weeks ago and {the refund still "
        "hasn't shown up|there's no refund yet|I'm still chasing the refund}",
        "{Returns|Refunds} {take|took} {forever|ages|weeks} to process{, not great|, so I'm "
        "careful now|}",
        "{Had to|I had to} {drive|go} to the post office {twice|three times} just to return one "
        "<product>",
        "{Couldn't|I couldn't} {find|figure out} {how to start|where to start} a return in "
        "{the|my} {orders page|order history}",
        "{The|Your} refund {came back|arrived} {short|<small_amount> short|minus a fee} for the "
        "<product>",
    ),
    "photos_mismatch": (
        "{The|My} <product> looks nothing like the {photos|pictures} {on the site|online|in the "
        "ad}",
        "{The colour was|It's} {much darker|way brighter|a completely different shade} than {in "
        "the photos|pictured|in the picture}",
        "{The|Your} {photos|pictures} {make|made} the <product> look {much bigger|way more "
        "fancier|far nicer} than it {is|really is}",
        "{Not|It's not} as pictured{ at all|, the <product> is a different style|, wrong finish "
        "entirely|}",
        "{Honestly|Be warned}, the product photos {are|must be} {heavily edited|filtered|very "
        "flattering}",
        "{The|This} <product> {in the photo|pictured} {had|came with} {a stand|extra pieces|a "
        "lid} that {wasn't included|didn't come with mine}",
        "{Fabric|Material|Finish} looks {cheap|shiny|thin} {in person|in real life}, {nothing "
        "like|not like} the {photos|pictures}",
        "{Please|Can you} {use|post} {real|unedited|more honest} photos{ of the <product>| for "
        "<category>|}",
        "{The size|Size} {in the picture|in the photos} {is|was} misleading{, the <product> is "
        "tiny|, it's half the size|}",
        "{Ordered|Bought} the <product> {because of|based on} the {photo|picture} and {it|what "
        "arrived} looked nothing like it",
    ),
    "app_checkout": (
        "{The|Your} app {crashed|froze} {twice|three times|again} {while|when} I was {paying|"
        "adding the <product>|entering my address}",
        "{My|The} cart {keeps emptying|emptied itself|lost everything} {when I switch|after I "
        "switched} {from the app to the website|devices|tabs}",
        "{Checkout|The checkout} {is|was} {so slow|glitchy|painful} {on|in} the app{, I almost "
        "gave up| and I gave up once|}",
        "The payment page {freezes|froze|just spins} {after|when} I {enter|type} my card{ "
        "details|}",
        "{Apple Pay|PayPal|Google Pay} {doesn't|didn't} work {in the app|at checkout}{ half the "
        "time| for me|}",
        "{Items|Things} {vanish|disappear} from my basket{ overnight| for no reason| after a few "
        "hours|}",
        "{The|Your} app {logs me out|signs me out} {right before|just as I get to} checkout{, so "
        "annoying|, every single time|}",
        "{Had to|I had to} {finish|place} {my|the} order on {my laptop|the website} because the "
        "app {kept crashing|wouldn't load the payment page}",
        "{Sale|Member} prices {don't show|didn't show} in the app cart{, only on the website|}",
        "{The|Your} app {update|redesign} {made|has made} checkout {worse|slower|so confusing}",
    ),
}


PAIN_EN.update(PAIN_EN_OPS)

# Put in front of a complaint when the writer is happy overall (4-5 stars, NPS 9-10).
SOFTENERS_EN: tuple[str, ...] = (
    "{Only|One} {small|minor|tiny} {gripe|niggle|complaint}:",
    "{If I'm being picky|To be picky|Being picky},",
    "{My only|The only} {wish|feedback|suggestion}:",
    "{That said|Having said that|Still},",
    "{Small|Minor} {thing|point|note} -",
)
