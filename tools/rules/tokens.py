"""Split filter text into tokens, each remembering where it started (for error messages).

English keywords are matched case-insensitively; Chinese operator words (大于, 介于, 属于,
或者, …) are found even without spaces around them ("年龄大于30"). Full-width brackets,
commas and curly quotes are read as their plain forms. Any other punctuation (a
semicolon, a backslash outside quotes, an operator such as '+') is refused with its
position, so nothing that is not a filter passes through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.errors import ToolError

# One-to-one replacements (the text keeps its length, so positions stay true).
_PLAIN = str.maketrans({
    "（": "(", "）": ")", "，": ",", "、": ",", "＝": "=", "＞": ">", "＜": "<", "％": "%",
    "“": '"', "”": '"', "‘": "'", "’": "'", "≥": "\x01", "≤": "\x02", "≠": "\x03",
    "！": "!", "　": " ",
})
_WIDE_OPS = {"\x01": ">=", "\x02": "<=", "\x03": "!="}

# Chinese words → the English keyword or operator they stand for.
CHINESE = {
    "大于等于": ">=", "不小于": ">=", "小于等于": "<=", "不大于": "<=", "大于": ">",
    "小于": "<", "不等于": "!=", "等于": "=", "介于": "between", "之间": "", "到": "to",
    "至": "to", "不属于": "not_in", "属于": "in", "包含": "contains", "不为空": "present",
    "非空": "present", "为空": "absent", "缺失": "absent", "并且": "and", "而且": "and",
    "且": "and", "和": "and", "与": "and", "或者": "or", "或": "or", "按": "by",
    "前": "top", "后": "bottom",
}
_CHINESE_BY_LENGTH = sorted(CHINESE, key=len, reverse=True)
_NEEDS_NUMBER_AFTER = {"前", "后"}  # only 'top'/'bottom' when a number follows: 前10

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
_OPERATORS = (">=", "<=", "!=", "<>", "==", "=", ">", "<")


class FilterSyntaxError(ToolError):
    """Filter text that does not follow the grammar; `position` is 0-based."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class Token:
    # word, name (in backticks), keyword, string, number, date, op, lparen, rparen, comma,
    # percent or end
    kind: str
    text: str
    position: int
    value: str | float | int | None = None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or ord(char) > 0x2E80


def _is_cjk(char: str) -> bool:
    return ord(char) > 0x2E80


def tokenize(text: str, keywords: frozenset[str]) -> list[Token]:
    """Tokens of `text`; raises FilterSyntaxError at the first character that cannot start one."""
    text = text.translate(_PLAIN)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char in _WIDE_OPS:
            tokens.append(Token("op", _WIDE_OPS[char], i))
            i += 1
        elif char in "\"'":
            i = _read_string(text, i, tokens)
        elif char == "`":
            end = text.find("`", i + 1)
            if end < 0:
                raise FilterSyntaxError(
                    f"The column name opened with ` at position {i} is never closed.", i)
            tokens.append(Token("name", text[i:end + 1], i, text[i + 1:end].strip()))
            i = end + 1
        elif char in "(),%":
            kind = {"(": "lparen", ")": "rparen", ",": "comma", "%": "percent"}[char]
            tokens.append(Token(kind, char, i))
            i += 1
        elif (op := next((o for o in _OPERATORS if text.startswith(o, i)), None)) is not None:
            shown = {"<>": "!=", "==": "="}.get(op, op)
            tokens.append(Token("op", shown, i))
            i += len(op)
        elif (match := _DATE.match(text, i) or _number_at(text, i)) is not None:
            i = _read_number(text, match, tokens)
        elif _is_word_char(char):
            i = _read_word(text, i, tokens, keywords)
        else:
            raise FilterSyntaxError(
                f"'{char}' at position {i} cannot be used in a filter. Use column names, "
                "values in quotes, comparisons (= != > >= < <=), and, or, parentheses, "
                "between, in, contains, is missing, top N by.", i)
    tokens.append(Token("end", "", len(text)))
    return tokens


def _number_at(text: str, i: int) -> re.Match[str] | None:
    signed = text[i] == "-" and i + 1 < len(text) and text[i + 1].isdigit()
    return _NUMBER.match(text, i) if text[i].isdigit() or signed else None


def _read_string(text: str, start: int, tokens: list[Token]) -> int:
    quote = text[start]
    chars: list[str] = []
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            chars.append(text[i + 1])
            i += 2
            continue
        if char == quote:
            tokens.append(Token("string", text[start:i + 1], start, "".join(chars)))
            return i + 1
        chars.append(char)
        i += 1
    raise FilterSyntaxError(
        f"The text value opened with {quote} at position {start} is never closed.", start)


def _read_number(text: str, match: re.Match[str], tokens: list[Token]) -> int:
    raw = match.group(0)
    end = match.end()
    if end < len(text) and _is_word_char(text[end]) and not _is_cjk(text[end]):
        raise FilterSyntaxError(
            f"'{raw}{text[end]}' at position {match.start()} is not a number; put text "
            "values in quotes.", match.start())
    if _DATE.fullmatch(raw):
        tokens.append(Token("date", raw, match.start(), raw))
    else:
        number = float(raw) if any(c in raw for c in ".eE") else int(raw)
        tokens.append(Token("number", raw, match.start(), number))
    return end


def _chinese_keyword_at(text: str, i: int) -> str | None:
    for word in _CHINESE_BY_LENGTH:
        if text.startswith(word, i):
            if word in _NEEDS_NUMBER_AFTER:
                rest = text[i + len(word):].lstrip()
                if not rest[:1].isdigit():
                    continue
            return word
    return None


def _read_word(text: str, start: int, tokens: list[Token], keywords: frozenset[str]) -> int:
    zh = _chinese_keyword_at(text, start) if _is_cjk(text[start]) else None
    if zh is not None:
        meaning = CHINESE[zh]
        if meaning:
            kind = "op" if meaning in _OPERATORS else "keyword"
            tokens.append(Token(kind, meaning, start, zh))
        return start + len(zh)
    i = start
    while i < len(text) and _is_word_char(text[i]):
        if i > start and _is_cjk(text[i]) and _chinese_keyword_at(text, i):
            break
        i += 1
    word = text[start:i]
    if word.lower() in keywords:
        tokens.append(Token("keyword", word.lower(), start, word))
    else:
        tokens.append(Token("word", word, start, word))
    return i
