"""Content negotiation: which of the formats we offer an ``Accept`` header prefers.

RFC 9110 §12.5.1: the most specific matching range gives an offer its quality; ``q=0`` refuses
it; among equal qualities the server's order of preference wins. No ``Accept`` means the first
offer. None means 406.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


@lru_cache(maxsize=512)
def parse_accept(header: str) -> tuple[tuple[str, str, float, int], ...]:
    """(type, subtype, q, index) for each media range, as written."""
    ranges = []
    for index, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        if media == "*":
            media = "*/*"
        kind, _, sub = media.partition("/")
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        ranges.append((kind, sub or "*", q, index))
    return tuple(ranges)


def quality(ranges: tuple[tuple[str, str, float, int], ...], offer: str) -> float:
    """The quality the most specific matching range gives ``offer`` (0 if none matches)."""
    kind, _, sub = offer.partition("/")
    best = -1
    q = 0.0
    for rkind, rsub, rq, _ in ranges:
        if rkind == kind and rsub == sub:
            specificity = 2
        elif rkind == kind and rsub == "*":
            specificity = 1
        elif rkind == "*" and rsub == "*":
            specificity = 0
        else:
            continue
        if specificity > best:
            best, q = specificity, rq
    return q


def choose(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer ``accept`` prefers; the first offer when there is no header; None for 406."""
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0] if offers else None
    best, best_q = None, 0.0
    for offer in offers:
        q = quality(ranges, offer)
        if q > best_q:
            best, best_q = offer, q
    return best
