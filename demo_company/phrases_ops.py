"""English complaint templates for the operational themes: quality, product information,
bulk buying, delivery, support, billing and getting started.

Same rules as phrases.py: one sentence per template, the theme's keywords in every
realisation, other themes' keywords kept out.
"""

from __future__ import annotations

PAIN_EN_OPS: dict[str, tuple[str, ...]] = {
    "product_quality": (
        "{The|My} <product> {broke|stopped working|fell apart} after {<weeks> weeks|just <days> "
        "days|a couple of months}",
        "{Quality|The quality} {has gone down|isn't what it was|has dropped} {a lot|noticeably|}"
        "{ over the last year| lately|}",
        "{Feels|It feels|The <product> feels} {flimsy|cheaply made|really flimsy} for <amount>",
        "{Arrived|It arrived} {broken|defective|already broken}{ straight out of the box| and "
        "had to be replaced|}",
        "{We|I} {need|want} {things|products} that {last|are durable}, {and|but} the <product> "
        "{wore out|broke|fell apart} {fast|quickly|in no time}",
        "{The|This} <product> {is|was} the {second|third} one {I've|we've} had that {was "
        "defective|stopped working|broke}",
        "{Stitching|Seams|The handle|The hinge} {came loose|snapped|came off} {within|after} "
        "{a week|<days> days|a month}, {poor|really poor|not great} quality",
        "{For|Given} {the price|what we pay}, the quality of the <product> {should be better|is "
        "disappointing|is not acceptable}",
        "Not {very|at all} durable{, the <product> looks worn already|} - {we use it|I use it} "
        "{every day|daily} {at work|in the office|at home}",
        "{Replaced|I've replaced} {the|our} <product> {twice|three times} {this year|already} "
        "because it {broke|stopped working} {again|each time}",
    ),
    "product_information": (
        "{The|Your} description {doesn't|didn't} {say|mention} {whether|if} the <product> {is "
        "dishwasher safe|fits a standard desk|comes assembled|needs batteries}",
        "{Please|Could you} {add|list|include} {the|proper} {dimensions|measurements} for the "
        "<product>{, I had to guess| on the page|}",
        "{The|Your} listing {had|showed|gave} the wrong {specs|dimensions|weight}{ for the "
        "<product>|, so it didn't fit|}",
        "{I|We} {couldn't|can't} {find|tell} {the|basic} {specs|specifications} {anywhere|on the "
        "page}{ - wattage, materials, nothing|, had to email|}",
        "{The|Your} size chart {is|was} {way off|confusing|missing} {for|on} the <product>",
        "Product details {are|were} {vague|thin|incomplete}{; what is it actually made of?|, I "
        "ended up calling to ask|}",
        "{It would help|It'd help a lot} {to have|if you had} {clearer|more} product details{ "
        "like materials and care| for <category>|}",
        "The <product> {description|listing} {said|claimed} <n> {sheets|pieces|in a pack} but "
        "{we got|it had} {fewer|less than that}",
        "{No|There's no} {compatibility|size|material} {information|info} in the description{ "
        "for the <product>|}",
        "{Measurements|The dimensions} {in the listing|on the site} {were|are} {wrong|off by a "
        "few centimetres|in inches only}",
    ),
    "bulk_ordering": (
        "{We|I} buy in bulk {for the office|for work|for our team}, {and|but} there's no "
        "{volume pricing|bulk discount|way to get business pricing}",
        "{Please|Could you} add a {one-click|quick|simple} reorder {button|option} for {our|my} "
        "{usual|regular} {supplies|<product>}",
        "{Ordering|Buying} <n> {units|boxes|packs} of the <product> {means|meant} {adding them "
        "one by one|a lot of clicking}, {there's no bulk option|no bulk upload at all|bulk "
        "ordering is clumsy}",
        "{We|Our company} {need|needs} to pay by purchase order{, not card|, and that isn't "
        "supported|}",
        "{A|Some kind of} repeat order {schedule|subscription} {would save us|would save me} "
        "{hours|so much time}{ every month|}",
        "{Can|Could} you offer {wholesale|business pricing|volume pricing} {on|for} {<category>|"
        "office supplies}{, we order every month|, we order every few weeks|}?",
        "The bulk limit of <small_n> units per order {is too low|doesn't work} for {a business|"
        "our team|an office}",
        "{It's|It is} {hard|a pain} to reorder {the|our} <product> {every month|each quarter}{, "
        "the order history is hard to use|}",
        "{We|I} {had to|ended up having to} split {our|the} bulk order into {three|four|several} "
        "smaller orders",
        "{No|There's no} wholesale {option|portal|price list}{, so we pay retail for <n> units|}",
    ),
    "late_delivery": (
        "{My|The} order <order_id> {is|was} {<days> days|two weeks|over a week} late",
        "{Still waiting|I'm still waiting} {for|on} {my|the} <product>{, ordered <weeks> weeks "
        "ago| and nobody can tell me where it is|}",
        "{The|My} tracking {hasn't updated|says delivered|has been stuck} {in <days> days|since "
        "<weekday>|but nothing came}",
        "{Delivery|My delivery|The parcel} {was|got} delayed {again|three times|for the second "
        "time}{ with no explanation| and nobody told me|}",
        "{My|The} <product> never arrived{ and I had to chase it|, I had to order it again|}",
        "{Every|Almost every} order {I've placed|lately} {has been|was} late{ by days| by a "
        "week|}",
        "{It's|This is} {the|my} {second|third} {lost parcel|lost package} {this year|in a row}"
        "{, I've had enough|}",
        "{My|Our} {package|parcel} {is|has been} overdue {by|for} <days> days{ and the courier "
        "blames you|}",
        "{Ordered|I ordered} the <product> {as a gift|for a birthday|for an event} and it "
        "{arrived|came} {a week|three days|too} late{, useless|, which ruined it|}",
        "{The|Your} delivery {delays are|delay is} {getting worse|constant|ridiculous}{ lately|, "
        "honestly|}",
    ),
    "unresponsive_support": (
        "{I|We} {emailed|messaged|contacted} customer service <times> and {got no reply|never "
        "heard back|nobody answered}",
        "{Waited|I waited|I was} on hold for {<minutes> minutes|over an hour|ages}{ and then got "
        "cut off| before giving up|}",
        "{My|The} ticket {has been|was} {open|sitting there} for {<days> days|two weeks|a month} "
        "with no {response|update|reply}",
        "{Customer support|Support} {just|only} {sends|sent} {copy-paste|canned|automated} "
        "{replies|answers}{ that don't help|, nobody reads the ticket|}",
        "{Nobody|No one} {from|at} {the support team|customer support} {has|ever} {got back to "
        "me|replied|called me back}",
        "{I feel|Honestly I feel|I felt} {completely|totally} ignored{ by customer service| by "
        "your support team| after <times_n> emails|}",
        "The support chat {closes|disconnects|ends} {before|as soon as} {anyone answers|I get an "
        "answer|someone joins}",
        "{Three|Four|Five} {emails|messages} {and|with} no response{ so far| from anyone|, "
        "seriously|}",
        "{Called|I called} {the support line|customer support} {<times>|repeatedly} and {kept "
        "getting|always got} {a voicemail|the same recording|cut off}",
        "{They|Support} promised {a callback|to call me back|an update} {within 24 hours|by "
        "Friday|the same day} and I never heard back",
    ),
    "billing_errors": (
        "{I was|I got|I've been} charged twice for {order <order_id>|the same order|my "
        "<product>}",
        "{My|The} bank statement shows {two|three} payments of <amount>{ for one order| but I "
        "only ordered once|}",
        "I was overcharged by <small_amount> {on|for} {my|the} <product>{ and nobody can explain "
        "why|}",
        "{You|Lumen} billed me for {a cancelled order|an order I cancelled|something I never "
        "received}",
        "{The|Your} billing {is|was} a mess{ - wrong amount, twice|, I was charged for a "
        "cancelled order|}",
        "{I'm|I am} still {owed|due} <small_amount> {after|from} {a|the} billing {error|mistake}",
        "{Charged|I was charged} the wrong amount {for|on} the <product>{ - the sale price "
        "wasn't used|, full price instead of the sale price|}",
        "{My|The} card was charged {before|after} I cancelled{ and the money hasn't come back|, "
        "twice|}",
        "Nobody in billing {seems able to|can} fix {a simple double charge|the error}",
        "{Double charged|I was double charged} {again|for the second time|on my last order}{, "
        "this is getting ridiculous|, honestly|}",
    ),
    "account_setup": (
        "{Setting up|Creating} {my|an} account {was {confusing|a bit of a struggle}|took way "
        "too long}",
        "{The|My} verification {email|code} {never came|took ages to arrive|went to spam}",
        "{I|I've} {had to|needed to} reset my password {{twice|three times}{ already| in a "
        "week|}|every time I log in}",
        "{I couldn't|Couldn't} {log in|sign in} {after|right after} {signing up|creating the "
        "account}{ for some reason| for a whole day|}",
        "{Why|How come} {do I need|I need} {an account|to sign up} just to {see prices|track an "
        "order|save a wishlist}?",
        "{The|Your} sign up {form|page} {keeps asking for|kept asking for|rejected} {my phone "
        "number|my address|my postcode}{ for no reason|}",
        "{It|The site} {asked me to|made me} verify {my email|my phone|my identity} {twice|three "
        "times}{ before I could order|}",
        "{I ended up|Ended up} with two accounts {by accident|somehow}{ and my order is in the "
        "wrong one|, no idea how|}",
        "{The|Your} password {rules|requirements} {are|were} {strange|overkill|so strict} - "
        "{it wouldn't take|it rejected} {mine|my usual one}",
        "{Login|The login} {with|through} {Google|Apple|Facebook} {didn't work|failed|kept "
        "looping}{ when I first signed up| on my phone|}",
    ),
    "delivery_expectations": (
        "{I|I honestly} {had no idea|wasn't sure} when it would arrive{ - no dates anywhere| "
        "after ordering|}",
        "{The|Your} delivery estimate {said|showed} {2-3|3-5} days{, but it took <days>|, it "
        "took longer|}",
        "{The|A} delivery window {of a whole week|of 7-10 days|that just says 'sometime next "
        "week'} {isn't|is not} {helpful|very useful|great}",
        "{The site|It} {never showed|didn't show} an expected delivery date{ before I paid| at "
        "all|}",
        "{It sat|My order sat} in 'processing' for <days> days {before|until it was} dispatched",
        "{I|We} {didn't realise|didn't know} {that |}dispatch {takes|could take} {so long|<days> "
        "days}{ for <category>|}",
        "{Please|Could you} {show|give} {clearer|more accurate} delivery times {on the product "
        "page|before paying|for each item}",
        "{The|Your} {estimated|expected} delivery {changed|moved} {twice|three times} {after I "
        "ordered|in one day}",
        "{No|There was no} email {saying|telling me} {it was|my order was} dispatched{, so I "
        "kept checking| until it turned up|}",
        "I {assumed|expected} {next-day|2-day} delivery, the delivery estimate {wasn't clear|was "
        "buried in the small print}",
    ),
    "first_order_guidance": (
        "{As|Being} a new customer I was not sure which <product> to {pick|choose|go for}",
        "{A|Some kind of} {quick|short|simple} guide for {your|a} first order would {help|have "
        "helped}{ a lot|}",
        "{It was|This was} my first time {ordering|buying} {from you|here|from Lumen} and {I felt "
        "a bit lost|it was confusing|the range was overwhelming}",
        "{Would|I'd} {like|appreciate} {some|a few} recommendations {for|on} {a good starter|a "
        "beginner} <product>",
        "{There's|There is} {so much|a lot} to choose from - {not sure which|hard to know which} "
        "{one is right|<product> is right} for a beginner like me",
        "{Some|A bit more} guidance on {sizes|which model to buy|what to order first} {would be "
        "nice|would help new customers}",
        "{For|On} my first purchase I {ended up|wound up} {with|buying} the wrong <product>{, a "
        "recommendation would have helped| - a size guide would have helped|}",
        "{I|We} {messaged|asked} {for|about} a recommendation {before|for} my first order{ and "
        "got a generic answer| and it took a while|}",
        "{Is there|Do you have} {a|any} beginner {bundle|kit|set} {for|in} <category>?",
        "{Honestly|Truthfully}, I {didn't know|had no idea} which one to pick{ - there are so "
        "many <product> models| among all the <product> models|}",
    ),
}
