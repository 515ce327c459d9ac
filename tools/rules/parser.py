"""Parse filter text into a typed `Filter` with a small hand-written recursive-descent parser.

Hand-written because the grammar is tiny and a parser library would be a dependency
for a few dozen lines; and because it never runs the text: it only builds `Condition`,
`Group` and `TopN` models. Errors name the position and what was expected.

Grammar (keywords are case-insensitive; Chinese operator words work too)::

    filter    := top [("where" | "among" | "and" | ",") or_expr]
               | or_expr [("and" | ",") top]
    or_expr   := and_expr ("or" and_expr)*          -- "and" binds tighter than "or"
    and_expr  := primary ("and" primary)*
    primary   := "(" or_expr ")" | condition
    condition := column ( op value | "between" value ("and" | "to") value
                        | ["not"] "in" values | "contains" value
                        | "is" ["not"] ("missing" | "null" | "empty" | "blank")
                        | "is" ["not"] value )
    values    := "(" value ("," value)* ")" | value ("," value)*
    top       := ("top" | "bottom") number ["%"] "by" column | "by" column ("top"|"bottom") ...
    column    := word+ | `any name`
    value     := "text" | 'text' | number ["%"] | 2025-01-31 | true | false | word+

Examples: ``age between 25 and 40 and region in ("California", "Texas")``,
``revenue >= 1000 or orders > 10``, ``top 10% by revenue``, ``年龄大于30 并且 性别 = "女"``.
"""

from __future__ import annotations

from pydantic import ValidationError

from tools.rules.model import KEYWORDS, Condition, Filter, Group, Scalar, TopN, Where
from tools.rules.tokens import FilterSyntaxError, Token, tokenize

_ALL_KEYWORDS = KEYWORDS | {"asc", "desc", "to", "not_in", "present", "absent"}
_MISSING_WORDS = {"missing", "null", "empty", "blank"}
_FILLER = {"customers", "customer", "客户", "名", "位", "个"}
MAX_FILTER_LENGTH = 5000


def parse_filter(text: str) -> Filter:
    """The typed filter for `text`; raises FilterSyntaxError (a ToolError) when it cannot."""
    if len(text) > MAX_FILTER_LENGTH:
        raise FilterSyntaxError(
            f"The filter is too long ({len(text)} characters; at most {MAX_FILTER_LENGTH}).",
            MAX_FILTER_LENGTH)
    return _Parser(tokenize(text, frozenset(_ALL_KEYWORDS))).parse()


def _describe(token: Token) -> str:
    return "the end of the filter" if token.kind == "end" else f"'{token.text}'"


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    # ----- helpers --------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, ahead: int = 1) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def is_kw(self, *words: str, token: Token | None = None) -> bool:
        token = token or self.tok
        return token.kind == "keyword" and token.text in words

    def advance(self) -> Token:
        token = self.tok
        self.i = min(self.i + 1, len(self.tokens) - 1)
        return token

    def fail(self, expected: str, after: Token | None = None, why: str = "") -> FilterSyntaxError:
        token = self.tok
        where = f" after {_describe(after)}" if after is not None else ""
        found = "" if token.kind == "end" else f", found {_describe(token)}"
        why = f" {why}" if why else ""
        return FilterSyntaxError(
            f"Expected {expected}{where} at position {token.position}{found}.{why}",
            token.position)

    def starts_top(self, ahead: int = 0) -> bool:
        """'top'/'bottom' followed by a number, or 'by', begins a top clause."""
        token = self.peek(ahead)
        if self.is_kw("top", "bottom", token=token):
            return self.peek(ahead + 1).kind == "number"
        return self.is_kw("by", token=token)

    def wordlike(self) -> bool:
        """A word, or 'top'/'bottom' used as a plain word (a segment named 'Top')."""
        return self.tok.kind == "word" or (
            self.is_kw("top", "bottom") and not self.starts_top())

    # ----- grammar --------------------------------------------------------------
    def parse(self) -> Filter:
        if self.tok.kind == "end":
            raise FilterSyntaxError("The filter is empty. Example: age between 25 and 40.", 0)
        where: Where | None = None
        top: TopN | None = None
        if self.starts_top():
            top = self.top()
            if self.is_kw("where", "among", "and") or self.tok.kind == "comma":
                self.advance()
                where = self.or_expr()
        else:
            where = self.or_expr()
            if self.tok.kind == "comma" or (
                    self.is_kw("and") and self.starts_top(1)):
                self.advance()
            if self.starts_top():
                top = self.top()
        if self.tok.kind != "end":
            if self.tok.kind == "rparen":
                raise FilterSyntaxError(
                    f"The ')' at position {self.tok.position} closes no '('.", self.tok.position)
            raise self.fail("'and', 'or' or the end of the filter")
        return Filter(where=where, top=top)

    def or_expr(self) -> Where:
        items = [self.and_expr()]
        while self.is_kw("or"):
            self.advance()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Group(any_of=items)

    def and_expr(self) -> Where:
        items = [self.primary()]
        while self.is_kw("and") and not self.starts_top(1):
            self.advance()
            items.append(self.primary())
        return items[0] if len(items) == 1 else Group(all_of=items)

    def primary(self) -> Where:
        if self.tok.kind == "lparen":
            opened = self.advance()
            self.depth += 1
            if self.depth > 30:
                raise FilterSyntaxError("The filter nests brackets too deeply (at most 30).",
                                        opened.position)
            inner = self.or_expr()
            if self.tok.kind != "rparen":
                raise self.fail("')'", why=f"It closes the '(' at position {opened.position}.")
            self.advance()
            self.depth -= 1
            return inner
        if self.starts_top():
            raise FilterSyntaxError(
                f"'{self.tok.text}' at position {self.tok.position}: a 'top N by …' clause "
                "can only start or end the whole filter, not sit inside brackets or 'or'.",
                self.tok.position)
        return self.condition()

    def column(self, after: Token | None = None) -> tuple[str, Token]:
        if self.tok.kind == "name":
            return str(self.tok.value), self.advance()
        if not self.wordlike():
            raise self.fail("a column name", after)
        first = self.tok
        words = [str(self.advance().value)]
        while self.wordlike():
            words.append(str(self.advance().value))
        return " ".join(words), first

    def condition(self) -> Condition:
        column, _ = self.column()
        token = self.tok
        if token.kind == "op":
            self.advance()
            return self.make(column, token.text, self.value(after=token), token)
        if self.is_kw("between"):
            self.advance()
            low = self.value(after=token)
            if not self.is_kw("and", "to"):
                raise self.fail("'and' between the two values of 'between'")
            joiner = self.advance()
            return self.make(column, "between", [low, self.value(after=joiner)], token)
        if self.is_kw("not") and self.is_kw("in", token=self.peek()):
            self.advance()
            self.advance()
            return self.make(column, "not in", self.values(after=token), token)
        if self.is_kw("in", "not_in"):
            self.advance()
            op = "in" if token.text == "in" else "not in"
            return self.make(column, op, self.values(after=token), token)
        if self.is_kw("contains"):
            self.advance()
            return self.make(column, "contains", self.value(after=token), token)
        if self.is_kw("present", "absent"):
            self.advance()
            op = "is not missing" if token.text == "present" else "is missing"
            return self.make(column, op, None, token)
        if self.is_kw("is"):
            return self.is_tail(column)
        raise self.fail("an operator (=, !=, >, >=, <, <=, between, in, contains, is missing)",
                        after=self.tokens[self.i - 1])

    def is_tail(self, column: str) -> Condition:
        start = self.advance()
        negated = self.is_kw("not")
        if negated:
            self.advance()
        if self.is_kw(*_MISSING_WORDS):
            self.advance()
            return self.make(column, "is not missing" if negated else "is missing", None, start)
        value = self.value(after=start)
        return self.make(column, "!=" if negated else "=", value, start)

    def make(self, column: str, op: str, value: Scalar | list[Scalar] | None,
             at: Token) -> Condition:
        try:
            return Condition(column=column, op=op, value=value)  # type: ignore[arg-type]
        except ValidationError as exc:
            reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
            raise FilterSyntaxError(f"{reason} (at position {at.position}).",
                                    at.position) from None

    def values(self, after: Token) -> list[Scalar]:
        bracketed = self.tok.kind == "lparen"
        opened = self.advance() if bracketed else after
        items = [self.value(after=opened)]
        while self.tok.kind == "comma":
            comma = self.advance()
            items.append(self.value(after=comma))
        if bracketed:
            if self.tok.kind != "rparen":
                raise self.fail("',' or ')'",
                                why=f"It closes the list opened at position {opened.position}.")
            self.advance()
        return items

    def value(self, after: Token) -> Scalar:
        token = self.tok
        if token.kind in ("string", "date"):
            self.advance()
            return str(token.value)
        if token.kind == "number":
            self.advance()
            if self.tok.kind == "percent":
                self.advance()
                return float(token.value) / 100  # type: ignore[arg-type]
            return token.value  # type: ignore[return-value]
        if self.is_kw("true", "false"):
            self.advance()
            return token.text == "true"
        if self.wordlike():
            words = [str(self.advance().value)]
            while self.wordlike():
                words.append(str(self.advance().value))
            return " ".join(words)
        raise self.fail("a value", after)

    def top(self) -> TopN:
        metric = None
        if self.is_kw("by"):
            by = self.advance()
            metric, _ = self.column(after=by)
        if not self.is_kw("top", "bottom"):
            raise self.fail("'top' or 'bottom'", after=self.tokens[self.i - 1])
        word = self.advance()
        if self.tok.kind != "number":
            raise self.fail("a number of customers (e.g. 100) or a percentage (e.g. 10%)",
                            after=word)
        amount = self.advance()
        percent = self.tok.kind == "percent"
        if percent:
            self.advance()
        while self.tok.kind == "word" and str(self.tok.value).lower() in _FILLER:
            self.advance()
        if metric is None:
            if not self.is_kw("by"):
                raise self.fail("'by' and the column to rank by", after=amount)
            by = self.advance()
            metric, _ = self.column(after=by)
        return self.make_top(metric, amount, percent, ascending=word.text == "bottom")

    def make_top(self, metric: str, amount: Token, percent: bool, ascending: bool) -> TopN:
        number = float(amount.value)  # type: ignore[arg-type]
        if percent:
            if not 0 < number <= 100:
                raise FilterSyntaxError(
                    f"A top share must be above 0% and at most 100% (position "
                    f"{amount.position}).", amount.position)
            return TopN(metric=metric, share=number / 100, ascending=ascending)
        if not number.is_integer() or number < 1:
            raise FilterSyntaxError(
                f"'top' needs a whole number of customers of at least 1, or a percentage "
                f"such as 10% (position {amount.position}).", amount.position)
        return TopN(metric=metric, n=int(number), ascending=ascending)
