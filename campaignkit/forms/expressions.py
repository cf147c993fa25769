"""The small part of XPath that trainers write in XLSForm ``constraint`` and ``relevant``.

Supported (and documented in the README):

- a comparison of the current answer ``.`` or another question ``${name}`` with a number or a
  quoted text: ``=``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` (``. >= 0``, ``${q1} = 'yes'``);
- ``selected(${name}, 'choice')`` for a select_multiple (or select_one) answer;
- ``string-length(.) <= 200``;
- ``and``, ``or``, ``not(…)`` and parentheses;
- in a ``choice_filter`` only, a bare word is a column of the choices sheet
  (``pastel = 'yes'``, ``state = ${state}``): each choice is shown when it holds.

Anything else is refused when the form is read, never at a phone. An expression is
parsed into a small tree of tuples, which is what the phone page gets as JSON to show
and hide questions, and what the server evaluates to check a submission.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>\$\{(?P<name>[A-Za-z_][\w.-]*)\})|(?P<dot>\.(?![\d]))|(?P<num>-?\d+(?:\.\d+)?)"
    r"|(?P<str>'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”)|(?P<op><=|>=|!=|=|<|>)|(?P<lp>\()|(?P<rp>\))|(?P<comma>,)"
    r"|(?P<word>[A-Za-z][\w-]*))"
)
COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")


class ExpressionError(ValueError):
    """A Chinese message saying what in the expression is not supported."""


KEYWORDS = {"and", "or", "not", "selected", "string-length"}


def parse(text: str, *, choice_columns: bool = False) -> tuple:
    """The tree of an expression, or :class:`ExpressionError`. ``choice_columns``: a
    choice_filter, where a bare word names a column of the choices sheet."""
    tokens = _tokens(text)
    if choice_columns:
        tokens = [("col", t) if kind == "word" and t not in KEYWORDS else (kind, t) for kind, t in tokens]
    tree, rest = _or(tokens)
    if rest:
        raise ExpressionError(f"看不懂“{_show(rest[0])}”之后的部分")
    return tree


def references(tree: Any) -> set[str]:
    """The question names an expression uses."""
    if isinstance(tree, tuple):
        if tree[0] == "ref":
            return {tree[1]}
        return set().union(*(references(t) for t in tree[1:]))
    return set()


def columns(tree: Any) -> set[str]:
    """The choices-sheet columns a choice_filter reads."""
    if isinstance(tree, tuple):
        if tree[0] == "col":
            return {tree[1]}
        return set().union(*(columns(t) for t in tree[1:]))
    return set()


def evaluate(tree: tuple, answers: Mapping[str, Any], current: Any = None, choice: Mapping[str, str] | None = None) -> bool:
    """The expression's truth for these answers; a missing answer compares as blank.
    ``choice``: the columns of the choice a choice_filter is deciding on."""
    kind = tree[0]
    if kind == "and":
        return evaluate(tree[1], answers, current, choice) and evaluate(tree[2], answers, current, choice)
    if kind == "or":
        return evaluate(tree[1], answers, current, choice) or evaluate(tree[2], answers, current, choice)
    if kind == "not":
        return not evaluate(tree[1], answers, current, choice)
    if kind == "selected":
        value = _value(tree[1], answers, current, choice)
        chosen = value if isinstance(value, list) else ([] if value in (None, "") else [value])
        return tree[2] in [str(v) for v in chosen]
    if kind == "cmp":
        _, op, left, right = tree
        return _compare(op, _value(left, answers, current, choice), _value(right, answers, current, choice))
    raise ExpressionError(f"unknown node {kind}")


def _value(node: tuple, answers: Mapping[str, Any], current: Any, choice: Mapping[str, str] | None = None) -> Any:
    if node[0] == "ref":
        return answers.get(node[1])
    if node[0] == "col":
        return (choice or {}).get(node[1], "")
    if node[0] == "dot":
        return current
    if node[0] == "length":
        value = _value(node[1], answers, current, choice)
        return len(str(value)) if value not in (None, "") else 0
    return node[1]  # a literal


def _compare(op: str, left: Any, right: Any) -> bool:
    """Numbers when both sides are numbers (an answer "30" and a choice column "5" alike),
    else text; a number against text or a blank holds only for ``!=``. The phone page's
    script (js/form.js, ``cmp``) compares the same way: what it offers, the server accepts."""
    left, right = _plain(left), _plain(right)
    a, b = _number(left), _number(right)
    if a is not None and b is not None:
        left, right = a, b
    elif isinstance(left, (int, float)) or isinstance(right, (int, float)):
        return op == "!="
    else:
        left, right = str(left), str(right)
    return {
        "=": left == right,
        "!=": left != right,
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
    }[op]


def _plain(value: Any) -> Any:
    """A multiple choice as XPath sees it (its names joined by spaces); a blank as ""."""
    if isinstance(value, list):
        return " ".join(map(str, value))
    return "" if value is None else value


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    return float(text) if _NUMBER.match(text) else None


# -- recursive descent ----------------------------------------------------------------


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = str(text).strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ExpressionError(f"看不懂“{text[pos : pos + 12]}”")
        kind = match.lastgroup if match.lastgroup and match.lastgroup != "name" else "ref"
        if match.group("ref"):
            out.append(("ref", match.group("name")))
        else:
            out.append((kind, match.group(kind)))
        pos = match.end()
    if not out:
        raise ExpressionError("表达式是空的")
    return out


def _show(token: tuple[str, str]) -> str:
    return "${" + token[1] + "}" if token[0] == "ref" else token[1]


def _or(tokens):
    left, rest = _and(tokens)
    while rest and rest[0] == ("word", "or"):
        right, rest = _and(rest[1:])
        left = ("or", left, right)
    return left, rest


def _and(tokens):
    left, rest = _unary(tokens)
    while rest and rest[0] == ("word", "and"):
        right, rest = _unary(rest[1:])
        left = ("and", left, right)
    return left, rest


def _unary(tokens):
    if not tokens:
        raise ExpressionError("表达式不完整")
    head = tokens[0]
    if head == ("word", "not"):
        inner, rest = _group(tokens[1:])
        return ("not", inner), rest
    if head == ("word", "selected"):
        rest = _expect(tokens[1:], "lp")
        if not rest or rest[0][0] not in ("ref", "dot"):
            raise ExpressionError("selected(…) 的第一项应是 ${题目名} 或 .")
        subject = ("ref", rest[0][1]) if rest[0][0] == "ref" else ("dot",)
        rest = _expect(rest[1:], "comma")
        if not rest or rest[0][0] != "str":
            raise ExpressionError("selected(…) 的第二项应是加引号的选项名，如 'yes'")
        choice = rest[0][1][1:-1]
        rest = _expect(rest[1:], "rp")
        return ("selected", subject, choice), rest
    if head[0] == "lp":
        return _group(tokens)
    return _comparison(tokens)


def _group(tokens):
    rest = _expect(tokens, "lp")
    inner, rest = _or(rest)
    return inner, _expect(rest, "rp")


def _comparison(tokens):
    left, rest = _operand(tokens)
    if not rest or rest[0][0] != "op":
        raise ExpressionError("只支持比较（=、!=、<、<=、>、>=）、selected(…)、and、or、not(…)")
    op = rest[0][1]
    right, rest = _operand(rest[1:])
    return ("cmp", op, left, right), rest


def _operand(tokens):
    if not tokens:
        raise ExpressionError("表达式不完整")
    kind, text = tokens[0]
    if kind == "ref":
        return ("ref", text), tokens[1:]
    if kind == "col":
        return ("col", text), tokens[1:]
    if kind == "dot":
        return ("dot",), tokens[1:]
    if kind == "num":
        return ("lit", float(text) if "." in text else int(text)), tokens[1:]
    if kind == "str":
        return ("lit", text[1:-1]), tokens[1:]
    if (kind, text) == ("word", "string-length"):
        rest = _expect(tokens[1:], "lp")
        inner, rest = _operand(rest)
        return ("length", inner), _expect(rest, "rp")
    raise ExpressionError(f"不支持“{_show(tokens[0])}”：只能比较 . 或 ${{题目名}} 与数字、加引号的文字")


def _expect(tokens, kind):
    if not tokens or tokens[0][0] != kind:
        want = {"lp": "(", "rp": ")", "comma": ","}[kind]
        raise ExpressionError(f"这里缺少“{want}”")
    return tokens[1:]
