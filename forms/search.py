"""Finding a service by what a citizen types: Chinese, pinyin initials or full pinyin.

A kiosk keyboard is a letter keypad, so a person looking for 居住证明 types "jzzm" (the initials),
"juzhuzhengming" (full pinyin) or, with a pinyin input method or a physical keyboard, the Chinese
itself ("居住", "证明"). `SearchIndex` is built once from the catalogue: for every service it keeps
its Chinese name, the catalogue's keywords, its English name and, for a bundle (一件事), the names
of the matters it includes, each as text, full pinyin and initials. A query is folded the same
way (case, full-width letters, spaces and separators do not matter) and matched against all three;
exact matches rank before prefixes, prefixes before substrings, and a service's own name before
its keywords, its English name and the matters inside a bundle.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from forms.catalog import Service

#: How a match was made, best first (the tens of a score).
EXACT, PREFIX, SUBSTRING = 0, 1, 2
#: What matched, best first (the units of a score).
NAME, KEYWORD, ENGLISH, INCLUDED = 0, 1, 2, 3

_DROP = re.compile(r"[\s·•・\-_'’.,，。/()（）]+")


def fold(text: str) -> str:
    """Text as the index compares it: NFKC, lower case, without spaces or separators."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def spell(text: str) -> tuple[str, str]:
    """The full pinyin and the initials of `text` (other characters kept as they are)."""
    folded = fold(text)
    full = "".join(lazy_pinyin(folded, style=Style.NORMAL, errors="default"))
    initials = "".join(lazy_pinyin(folded, style=Style.FIRST_LETTER, errors="default"))
    return fold(full), fold(initials)


@dataclass(frozen=True)
class Hit:
    """One service found: `score` orders the hits (lower is better); `via` names the matter
    inside a bundle that matched, when it was not the bundle itself."""

    service: Service
    score: int
    via: Service | None = None


@dataclass(frozen=True)
class _Term:
    service: Service
    kind: int
    keys: tuple[str, ...]  # text, full pinyin, initials (distinct, non-empty)
    via: Service | None = None


def _term(service: Service, kind: int, text: str, via: Service | None = None) -> _Term | None:
    folded = fold(text)
    if not folded:
        return None
    keys = dict.fromkeys(k for k in (folded, *spell(text)) if k)
    return _Term(service, kind, tuple(keys), via)


def _match(query: str, key: str) -> int | None:
    if key == query:
        return EXACT
    if key.startswith(query):
        return PREFIX
    if query in key:
        return SUBSTRING
    return None


class SearchIndex:
    """Every service's searchable names, built once; `search` answers a typed query."""

    def __init__(self, services: Iterable[Service]) -> None:
        self.services: tuple[Service, ...] = tuple(services)
        by_code = {s.code: s for s in self.services}
        self._order = {s.code: n for n, s in enumerate(self.services)}
        terms: list[_Term | None] = []
        for service in self.services:
            terms.append(_term(service, NAME, service.name.zh))
            terms.extend(_term(service, KEYWORD, word) for word in service.keywords)
            terms.append(_term(service, ENGLISH, service.name.en))
            for code in service.includes:
                matter = by_code.get(code)
                if matter is not None:
                    terms.append(_term(service, INCLUDED, matter.name.zh, via=matter))
        self._terms = tuple(t for t in terms if t is not None)

    def search(self, query: str, *, limit: int | None = None) -> tuple[Hit, ...]:
        """The services matching `query`, best first; () for an empty query or no match."""
        wanted = fold(query)
        if not wanted:
            return ()
        best: dict[str, Hit] = {}
        for term in self._terms:
            kinds = [m for m in (_match(wanted, key) for key in term.keys) if m is not None]
            if not kinds:
                continue
            score = min(kinds) * 10 + term.kind
            seen = best.get(term.service.code)
            if seen is None or score < seen.score:
                best[term.service.code] = Hit(term.service, score, term.via)
        hits = sorted(best.values(), key=lambda h: (h.score, self._order[h.service.code]))
        return tuple(hits[:limit] if limit is not None else hits)

    def codes(self, query: str) -> list[str]:
        """The codes of the matching services, best first."""
        return [hit.service.code for hit in self.search(query)]


def popular(services: Sequence[Service], usage: Mapping[str, int], *,
            limit: int = 6) -> tuple[Service, ...]:
    """The services most applied for (by `usage`, cases per service code), then catalogue order.

    A new terminal with no cases yet shows the first services of the catalogue, which lists the
    everyday matters first.
    """
    order = {s.code: n for n, s in enumerate(services)}
    ranked = sorted(services, key=lambda s: (-usage.get(s.code, 0), order[s.code]))
    return tuple(ranked[:limit])
