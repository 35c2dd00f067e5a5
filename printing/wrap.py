"""Line breaking for mixed Chinese and Latin text within a fixed printed width.

Chinese is set without spaces and may break between any two characters; Latin text breaks only
at spaces, and a word wider than the whole line is broken between letters rather than allowed
to overflow. The usual Chinese line-breaking rules (禁则) are kept where they cost nothing: a line
does not start with closing punctuation such as `，。）` nor end with an opening bracket such as
`（《`. Widths come from a caller-supplied measure function, so this module needs no font and is
tested on its own; because reportlab applies no kerning, widths of pieces simply add up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

Measure = Callable[[str], float]

# Punctuation that must not begin a line, and brackets that must not end one.
_NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…—·%,.;:!?)]}")
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")


def normalise_text(text: str) -> str:
    """Unify line endings, turn tabs and odd spaces into plain spaces, drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def is_wide(ch: str) -> bool:
    """True for characters set one em wide and breakable on either side (CJK ideographs etc.)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def tokenize(paragraph: str) -> list[str]:
    """Split one paragraph into unbreakable pieces: wide characters, Latin words, and spaces."""
    tokens: list[str] = []
    word: list[str] = []
    for ch in paragraph:
        if ch == " " or is_wide(ch):
            if word:
                tokens.append("".join(word))
                word = []
            if ch == " ":
                if tokens and tokens[-1] != " ":
                    tokens.append(" ")
            else:
                tokens.append(ch)
        else:
            word.append(ch)
    if word:
        tokens.append("".join(word))
    return tokens


def wrap_text(text: str, width: float, measure: Measure) -> list[str]:
    """Break `text` into lines no wider than `width` as measured by `measure`.

    Explicit newlines start new lines; blank lines are kept (as empty strings) between
    paragraphs. Leading and trailing spaces of each line are dropped.

    :raises ValueError: if `width` is too small to hold even a single character.
    """
    if width <= 0:
        raise ValueError("width must be positive")
    lines: list[str] = []
    for paragraph in normalise_text(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, measure))
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _wrap_paragraph(paragraph: str, width: float, measure: Measure) -> list[str]:
    if not paragraph:
        return [""]
    widths: dict[str, float] = {}

    def w(piece: str) -> float:
        if piece not in widths:
            widths[piece] = measure(piece)
        return widths[piece]

    lines: list[list[str]] = []
    line: list[str] = []
    used = 0.0
    pending = tokenize(paragraph)
    pending.reverse()
    while pending:
        token = pending.pop()
        if token == " ":
            if line and used + w(" ") <= width:
                line.append(" ")
                used += w(" ")
            elif line:
                lines.append(line)
                line, used = [], 0.0
            continue
        if used + w(token) <= width:
            line.append(token)
            used += w(token)
            continue
        if w(token) > width:
            head, tail = _split_word(token, width - used, width, w)
            if head:
                line.append(head)
                used += w(head)
            else:
                lines.append(line)
                line, used = [], 0.0
                head, tail = _split_word(token, width, width, w)
                line, used = [head], w(head)
            if tail:
                pending.append(tail)
            lines.append(line)
            line, used = [], 0.0
            continue
        carried = _carry_over(line, token, width, w)
        lines.append(line)
        line = [*carried, token]
        used = sum(w(t) for t in line)
    if line:
        lines.append(line)
    return ["".join(parts).strip() for parts in lines]


def _carry_over(line: list[str], token: str, width: float, w: Measure) -> list[str]:
    """Pieces to move from the end of a full `line` to the next, so no rule is broken.

    Mutates `line`. A piece moves only if the line keeps some other content and the next line
    still fits; otherwise the rule yields to the width, which is never exceeded.
    """
    while line and line[-1] == " ":
        line.pop()
    content = [t for t in line if t != " "]
    needs_move = token[0] in _NO_LINE_START or (bool(line) and line[-1][-1] in _NO_LINE_END)
    if not needs_move or len(content) < 2:
        return []
    last = line[-1]
    if w(last) + w(token) > width:
        return []
    line.pop()
    while line and line[-1] == " ":
        line.pop()
    return [last]


def _split_word(word: str, room: float, width: float, w: Measure) -> tuple[str, str]:
    """Split an over-long word so the head fits `room`; the head is empty if nothing fits."""
    end = 0
    while end < len(word) and w(word[: end + 1]) <= room:
        end += 1
    if end == 0 and room >= width:
        raise ValueError(f"width {width:.1f} is too narrow for the character {word[0]!r}")
    return word[:end], word[end:]
