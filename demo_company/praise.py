"""English praise templates, neutral context sentences, review titles and survey closers.

Praise is shared by all archetypes and chosen by sentiment; context sentences make
reviews longer and more varied without adding any theme vocabulary.
"""

from __future__ import annotations

PRAISE_EN: dict[str, tuple[str, ...]] = {
    "product_love": (
        "{Absolutely|Really|Totally} love {the|my new|this} <product>",
        "{The|This} <product> is {gorgeous|beautiful|so well made|exactly what I wanted}{ in "
        "person| and then some|}",
        "{I'm|We're} {obsessed with|in love with} {the|our} <product>{ already|, use it every "
        "day|}",
        "{Bought|Got} the <product> {for my|as a gift for my} <person> and they {love|absolutely "
        "love} it",
        "{Beautiful|Gorgeous} {colour|finish|design}{, the <product> looks even better in real "
        "life|, looks great on the shelf|}",
        "{The <product> is|It's|This was|The <product> was} exactly what I wanted{ for the "
        "<room>|, no complaints| and more|}",
        "{The <product> is|It's|The <product> feels} {really|very|seriously} well made{, feels "
        "solid|, you can tell| and feels like it will last}",
        "{My|Our} <product> {gets|has had} so many compliments{, love it|, I love it}",
        "{Can't|Cannot} stop using {the|my} <product>{, love it| - obsessed}",
        "{This is my|It's my} {second|third} <product> {from you|from Lumen|} and I love it "
        "{just as much|even more}",
        "{The|This} <product> looks {gorgeous|beautiful}{ in person| on the shelf|}",
    ),
    "fast_delivery": (
        "{Arrived|It arrived} {the next day|next day|super fast}{, well packed| and in perfect "
        "condition|}",
        "{Super|Really|Very} fast delivery{ to <city>|, <small_n> hours door to door|}",
        "{Quick|Speedy} delivery {to <city>|of the <product>|} and {well packed|nicely "
        "packaged|great packaging}",
        "{My|The} <product> arrived early{, lovely surprise|, which was nice|}",
        "{Ordered|I ordered} on {Monday|Tuesday|Sunday|a Friday evening} and {had it|it was "
        "here} the next day",
        "{Delivery|Shipping} {was|is} {{always|consistently} {speedy|super fast}|incredibly "
        "speedy}{ to <city>| with you|}",
        "{The|Our|My} {parcel|<product>} arrived quickly {despite|even with} {the holidays|the "
        "bad weather|the postal strike}{ in <city>|}",
        "Next day delivery {actually|genuinely} {arrived|came} {next day|on time}{, impressive|, "
        "which is rare|}",
        "{Fastest|The fastest} delivery {I've had|I've seen} from {any|an} online shop, {super "
        "fast|speedy}",
        "{Well|Really well|Nicely} packaged and {it|the <product>} arrived quickly{, in perfect "
        "condition| to <city>|}",
    ),
    "good_value": (
        "{Great|Good|Excellent} value for money{ for a <product>| compared to the high street|}",
        "{The|This} <product> {was|is} a {real|total|proper} bargain{ at <amount>| in the sale|}",
        "{Worth every penny|Honestly worth every penny|The <product> was worth every penny}{, "
        "feels like it cost twice as much| - no regrets| for <category>|}",
        "{Really|Very|Surprisingly|Pretty} affordable for {what you get|a <product>|something "
        "this nice}{, and it looks the part| - no regrets|}",
        "{Got|Picked up} the <product> at a great price{ during the sale|, no complaints|}",
        "{Honestly|Genuinely} {good|great} value{, I've bought <small_n> of these|, especially "
        "for <category>|}",
        "Prices {are|feel} {fair|reasonable}, {good|great} value {overall|for what you get}",
        "{For|At} <amount> the <product> {is|was} {great value|a bargain|a real bargain}",
        "{Affordable|Very affordable} {and|but} {still|really} {nice|good looking|sturdy}",
    ),
    "friendly_service": (
        "{The|Your} staff {were|are} {so|really|super} {friendly|helpful|kind}{ when I called| "
        "on the phone| in the <city> store|}",
        "{Had a|I had a} {small|minor|little} {issue|problem} with the <product> and {it was "
        "sorted|they sorted it} {within a day|in minutes|quickly}{ - very helpful|, friendly "
        "people|, so helpful}",
        "{The lady|The guy|The person|<rep_first>} on the {phone|chat} was {incredibly|really|"
        "very} {helpful|friendly|kind}",
        "{Friendly|Helpful} {and quick|and fast} {replies|answers} {every time|whenever I message|"
        "on the chat}",
        "{Such|What} {friendly|helpful|kind} {service|people}{ - they even included a "
        "handwritten note| from start to finish|}",
        "{Staff|Everyone} at the <city> store {went out of their way|went above and "
        "beyond} to help, {so friendly|very kind}",
        "{Polite|Friendly|Kind}, {quick|efficient} and {helpful|easy to deal with}",
        "{Great|Lovely} service {again|as always}{ with my <product> order| in <city>|} - {the "
        "staff clearly care|friendly as ever|so helpful}",
    ),
    "great_selection": (
        "{Great|Huge|Brilliant} selection of <category>{ - I always find something| at good "
        "prices|}",
        "{So much|Such a} variety {in|across} {the|your} <category> range{, hard to choose|}",
        "{Lots of|Plenty of|So many} options {for|in} <category>{ compared to other shops|, even "
        "in my size|}",
        "{Really like|Love} how much choice you have in <category>{, it's my go-to shop|, even "
        "for a <product>|}",
        "{You|Lumen} {always|usually} {have|has} something new in <category>, {great|good} "
        "variety",
        "{The|Your} selection {keeps getting|has got} {better|bigger}{, especially <category>|}",
        "{Nice|Great} choice of {colours|sizes|styles} {for|on} the <product>",
        "One-stop shop {with|for} {a great|a good|a wide} variety of {gifts|everyday stuff|home "
        "bits}{, from <category> to the odd <product>| in <category>|}",
    ),
}

# Neutral sentences that add length and realism; they carry no theme vocabulary.
CONTEXT_EN: tuple[str, ...] = (
    "{Bought|Ordered|Got} the <product> {for my|as a gift for my} <person>",
    "{I've|We've} been using the <product> {every day|daily|most days|for <weeks> weeks} "
    "{now|so far}",
    "{This was|It was} {my|our} {second|third|fourth|fifth} order {this year|this month|in a "
    "while}",
    "{Ordered|I ordered} the <product> {on a whim|during my lunch break|one evening|after "
    "seeing it online|for my new flat}",
    "{For context|Background}: {I|we} {run|work in} a small {office|cafe|studio|clinic|shop}",
    "Order <order_id>{, for reference|, in case anyone at Lumen reads this|}",
    "{Paid|It came to} <amount>{ in total| all in|}",
    "{Update|Edit}: {this was|I wrote this} {<weeks> weeks|a month|a few days} after "
    "{delivery|it arrived}",
    "{I|We} {mostly|usually} {buy|shop for} <category> {here|from Lumen|online}",
    "{My|Our} {old|previous} <product> {finally gave up|was ten years old|got lost in the move}, "
    "hence the order",
)

TITLES_EN: dict[int, tuple[str, ...]] = {
    5: ("{Love|Loving} {my|the|this} <product>", "{Brilliant|Fantastic|Excellent|Superb}!",
        "{Five|5} stars{ from me|}", "{Great|Fantastic|Lovely} <product>",
        "{Best|Favourite} <category_lower> purchase {this year|in ages}", "Would buy again",
        "{Exactly|Just} what I {needed|wanted}"),
    4: ("{Really|Very|Pretty} {good|nice} <product>", "{Good|Solid|Nice} {buy|purchase}",
        "{Happy|Pleased} overall", "Almost perfect", "{Good|Nice}, {with one|one small} issue"),
    3: ("{Okay|OK|Decent}{, not amazing|}", "Mixed feelings about the <product>",
        "{It's fine|Does the job}", "{Average|Middling} experience"),
    2: ("{Disappointed|Not impressed}{ with the <product>|}", "{Expected|Hoped for} {better|more}",
        "{Not great|Meh}", "{Wouldn't|Won't} {buy|order} again"),
    1: ("{Terrible|Awful|Dreadful} {experience|service}", "{Avoid|Don't bother}",
        "Never again", "{Very|Really} disappointed"),
}

SURVEY_CLOSERS_EN: dict[str, tuple[str, ...]] = {
    "promoter": (
        "{Would|I'd} {happily|gladly|} recommend {you|Lumen} to {friends|anyone|my family|my "
        "colleagues}",
        "{Keep|Please keep} {it up|doing what you're doing}",
        "{Always|Consistently} a {good|great|pleasant} experience{ with you|}",
    ),
    "passive": (
        "{Fine|Okay|Decent} overall{, nothing special|, does the job|}",
        "{Mostly|Generally} {happy|satisfied}{, but there's room to improve|}",
        "{I'd|I would} score higher if {a couple of things|a few things} {improved|changed}",
    ),
    "detractor": (
        "{Probably|I'll probably} {shop|order} {elsewhere|somewhere else} {from now on|next time}",
        "{Won't|I won't} be ordering again{ until this is fixed| any time soon|}",
        "{Fix|Sort out} {this|these issues} and I {might|would} come back",
        "{Used to|I used to} {like|recommend} {you|Lumen}, not anymore",
    ),
}

PEOPLE_EN: tuple[str, ...] = ("sister", "mum", "mom", "dad", "partner", "best friend",
                              "neighbour", "son", "daughter", "colleague", "husband", "wife")
ROOMS_EN: tuple[str, ...] = ("kitchen", "living room", "office", "bedroom", "studio", "hallway")
