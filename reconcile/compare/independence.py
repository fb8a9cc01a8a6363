"""Source independence: wire copies, attributed origins, independent origin groups.

Outlets running one wire copy, or attributing a claim to one named origin,
count as one independent origin (see :func:`group_origins`).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from attrs import frozen
from rapidfuzz import fuzz

from reconcile.config import Config
from reconcile.model import Article, Claim, OriginGroup
from reconcile.shared_values import shared_value

__all__ = [
    "GENERIC_ORIGINS",
    "WireGroups",
    "detect_wire_copies",
    "group_origins",
    "long_sentences",
    "origin_of",
]


#: Attributions too vague to name an origin: the outlet stays the origin.
GENERIC_ORIGINS = frozenset(
    {
        "officials",
        "sources",
        "witnesses",
        "residents",
        "analysts",
        "experts",
        "observers",
        "reports",
        "media",
        "he",
        "she",
        "they",
        "it",
        "police",
        "authorities",
        "the statement",
        "a statement",
        "local media",
    }
)


@frozen
class WireGroups:
    """Articles found to be one wire story: article id -> group label, with the reason."""

    group_of: Mapping[str, str]
    reasons: Mapping[str, str]


def detect_wire_copies(
    articles: Sequence[Article],
    config: Config | None = None,
    *,
    sentences: Mapping[str, frozenset[str]] | None = None,
) -> WireGroups:
    """Group articles whose texts are (near-)identical: one wire story under several outlets.

    Candidates share at least one long sentence (see :func:`long_sentences`;
    *sentences* may hold them already, by article id); they are merged when
    ``fuzz.ratio`` of their texts is at or above ``config.wire_copy_threshold``,
    or when they share at least ``config.wire_copy_containment`` of the shorter
    one's long sentences, and at least :data:`WIRE_MIN_SHARED` of them (one
    copy trimmed, or run with more paragraphs or page text around it).
    """
    config = config or Config()
    sentences = sentences or {}
    by_sentence: dict[str, list[int]] = defaultdict(list)
    each: list[frozenset[str]] = []
    for index, article in enumerate(articles):
        found = sentences.get(article.id)
        found = long_sentences(article) if found is None else found
        each.append(found)
        for sentence in found:
            by_sentence[sentence].append(index)
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    checked: set[tuple[int, int]] = set()
    contained: set[int] = set()  # articles joined by their shared sentences
    for members in by_sentence.values():
        for a, b in combinations(sorted(set(members))[:50], 2):
            if (a, b) in checked or articles[a].outlet == articles[b].outlet:
                continue
            checked.add((a, b))
            if (
                fuzz.ratio(articles[a].text, articles[b].text)
                >= config.wire_copy_threshold
            ):
                parent[find(b)] = find(a)
            elif len(each[a] & each[b]) >= max(
                WIRE_MIN_SHARED,
                config.wire_copy_containment * min(len(each[a]), len(each[b])),
            ):
                parent[find(b)] = find(a)
                contained.update((a, b))
    groups: dict[int, list[Article]] = defaultdict(list)
    for index, article in enumerate(articles):
        groups[find(index)].append(article)
    group_of: dict[str, str] = {}
    reasons: dict[str, str] = {}
    contained_roots = {find(i) for i in contained}
    for root, members in groups.items():
        outlets = sorted({a.outlet for a in members})
        if len(outlets) < 2:
            continue
        label = "wire copy: " + " = ".join(outlets)
        for article in members:
            group_of[article.id] = label
        rule = f"fuzz.ratio >= {config.wire_copy_threshold:g}"
        if root in contained_roots:
            rule += (
                f", or {config.wire_copy_containment:.0%} of the shorter one's"
                " long sentences in both"
            )
        reasons[label] = (
            f"articles {', '.join(sorted(a.id for a in members))} are the same text "
            f"({rule}) under outlets {', '.join(outlets)}"
        )
    return WireGroups(group_of, reasons)


#: Two articles share at least this many long sentences to be one wire story
#: by their shared sentences alone.
WIRE_MIN_SHARED = 3


def long_sentences(article: Article) -> frozenset[str]:
    """The sentences of *article* of eight words or more, lower-cased: what wire copies share.

    >>> sorted(long_sentences(Article(id="a", outlet="X",
    ...     text="Short one. The two leaders signed a long treaty in Moscow on Friday.")))
    ['the two leaders signed a long treaty in moscow on friday.']
    """
    return frozenset(
        sentence
        for sentence in (
            s.strip().lower() for s in re.split(r"(?<=[.!?])\s+|\n+", article.text)
        )
        if len(sentence.split()) >= 8
    )


def origin_of(claim: Claim, wire: WireGroups) -> tuple[str, str]:
    """The independent origin of *claim* and why: a named source, a wire story or the outlet.

    >>> from reconcile.model import Claim, Span
    >>> c = Claim(id="a#1", article_id="a", outlet="Desk", text="x", span=Span(0, 1), attributed_to="Kremlin")
    >>> origin_of(c, WireGroups({}, {}))
    ('Kremlin', 'attributed to Kremlin')
    """
    named = claim.attributed_to
    return _origin(claim, named if named and not _is_generic(named) else None, wire)


def _origin(claim: Claim, source: str | None, wire: WireGroups) -> tuple[str, str]:
    """:func:`origin_of` *claim*, whose named *source* (not a vague one) is known."""
    if source is not None:
        return source, f"attributed to {source}"
    label = wire.group_of.get(claim.article_id)
    if label is not None:
        return label, wire.reasons[label]
    return claim.outlet, "own reporting"


def _is_generic(origin: str) -> bool:
    """A vague origin ("officials", "presidents", "he") names no one: the outlet stays the origin."""
    name = origin.strip()
    return name.lower() in GENERIC_ORIGINS or (" " not in name and name.islower())


def group_origins(
    members: Sequence[Claim], wire: WireGroups
) -> tuple[OriginGroup, ...]:
    """Partition claims into independent origins.

    Two claims share an origin when they come from one outlet (or one wire story
    run by several outlets), or when they are attributed to the same named
    source ("according to the Kremlin"); the relation is closed transitively.
    """
    if len(members) == 1:  # many facts: one group, made straight away
        (claim,) = members
        name, reason = origin_of(claim, wire)
        return (
            OriginGroup(
                sys.intern(name),
                shared_value((claim.outlet,)),
                [claim.id],
                sys.intern(reason),
            ),
        )
    parent = list(range(len(members)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Each claim's named source (None when it names none or a vague one),
    # worked out once.
    sources = [
        c.attributed_to
        if c.attributed_to and not _is_generic(c.attributed_to)
        else None
        for c in members
    ]
    first_with: dict[tuple[str, str], int] = {}
    for index, claim in enumerate(members):
        keys = [("outlet", wire.group_of.get(claim.article_id, claim.outlet))]
        if sources[index] is not None:
            keys.append(("source", sources[index]))
        for key in keys:
            if key in first_with:
                parent[find(index)] = find(first_with[key])
            else:
                first_with[key] = index
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(members)):
        groups[find(index)].append(index)
    out = []
    for group in groups.values():
        reasons = sorted({_origin(members[i], sources[i], wire)[1] for i in group})
        named = sorted({s for i in group if (s := sources[i]) is not None})
        outlets = sorted({members[i].outlet for i in group})
        first = group[0]
        name = (
            " / ".join(named)
            if named
            else _origin(members[first], sources[first], wire)[0]
        )
        # Shared: most groups have one of a few names, outlet lists and reasons.
        out.append(
            OriginGroup(
                sys.intern(name),
                shared_value(tuple(outlets)),
                [members[i].id for i in group],
                sys.intern("; ".join(reasons)),
            )
        )
    return tuple(sorted(out, key=lambda g: g.origin))
