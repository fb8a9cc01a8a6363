"""Whose figure is it: one owner for a figure said of a leader, of their party,
or of a name spelt two ways.

A figure that belongs to whoever it is said of (a party's vote share, a
company's price: ``owned_units`` in the trigger lexicon) gives the attribute
``"<unit> (<owner>)"``, its owner being the name written nearest before it
(:mod:`reconcile.events.binding`). Outlets name one owner differently:
"Matteo Salvini's League 8.9%", "Mateo Salvini on close to 9%" (a misspelling),
"the Five Star Movement won 15.4 percent" and "Five Star Movement leader
Giuseppe Conte on 15%". Within each event, :func:`unify_owners` makes such
owners one, from two kinds of evidence:

* **spelling**: two names alike letter for letter (``fuzz.ratio`` of
  :data:`SAME_NAME` or more), or one name's words all among the other's,
  ending in the same word ("Star Movement" in "Five Star Movement", but not
  "United States" in "United States Steel");
* **who leads whom**, read from the corpus by :func:`leaders_of`: "A's B"
  (a person's party or company), "B leader A", "A, (the) leader of B",
  "A, who leads the ... B", "B, led by A". A leader's figure becomes their
  party's only when that party is an owner in the same event, so a person's
  other possessions ("Trump's Truth Social") change nothing.

>>> attributes = ["percent (League)", "percent (League)", "percent (Mateo Salvini)",
...               "percent (Matteo Salvini)", "percent (Forza Italia)"]
>>> unify_owners(attributes, {"Matteo Salvini": "League"})
{'percent (Mateo Salvini)': 'percent (League)', 'percent (Matteo Salvini)': 'percent (League)'}
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process

from reconcile.match.comparisons import SAME_NAME, names_alike
from reconcile.model import Actor, Claim

__all__ = ["SAME_NAME", "leaders_of", "owner_of", "unify_owners"]


_OWNED = re.compile(r"^(?P<unit>.+) \((?P<owner>[A-Z][^()]*)\)$")
#: A name as written: capitalised words, joined by "of", "d'" or initials.
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:of\s+|d['’])?[A-Z][\w.'’-]*)*"
#: Lower-case words that may stand between a possessive and its name
#: ("Berlusconi's right-wing Forza Italia").
_QUALIFIERS = r"(?:[a-z][\w-]*\s+){0,3}?"


def owner_of(attribute: str) -> tuple[str, str] | None:
    """The unit and the owner of an owned attribute, or ``None``.

    >>> owner_of("percent (Forza Italia)"), owner_of("USD (per share)")
    (('percent', 'Forza Italia'), None)
    """
    match = _OWNED.match(attribute)
    if match is None:
        return None
    return match.group("unit"), match.group("owner")


def leaders_of(claims: Iterable[Claim]) -> dict[str, str]:
    """Who leads whom, by canonical name of the leader: the name each person's
    sentences most often give as theirs ("Matteo Salvini's League", "Five Star
    Movement leader Giuseppe Conte"). The result does not depend on the order
    of *claims*.

    >>> from reconcile.model import Span
    >>> text = "Matteo Salvini's League won 8.8 percent."
    >>> salvini = Actor("Matteo Salvini", Span(0, 14), "Matteo Salvini")
    >>> leaders_of([Claim("a#1", "a", "A", text, Span(0, len(text)), values=(salvini,))])
    {'Matteo Salvini': 'League'}
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for claim in claims:
        if not _CUE.search(claim.text):
            continue
        people = {
            v.text: v.canonical
            for v in claim.values
            if isinstance(v, Actor)
            and v.role == "actor"
            and v.type in ("person", "unknown")
            and " " in v.canonical
        }
        if not people:
            continue
        for pattern in _LEADS:
            for match in pattern.finditer(claim.text):
                written = match.group("leader")
                leader = next(
                    (c for t, c in people.items() if written.endswith(t)), None
                )
                led = _POSSESSIVE.sub("", _ARTICLE.sub("", match.group("led")))
                if (
                    leader is not None
                    and led != leader
                    and not written.endswith(led)
                    and not _CALENDAR.match(led)  # "U.S. Steel's Friday close"
                ):
                    votes[leader][led] += 1
    return {
        leader: min(counts, key=lambda name: (-counts[name], name))
        for leader, counts in sorted(votes.items())
    }


#: What a sentence must hold for :data:`_LEADS` to find anything in it.
_CUE = re.compile(r"['’]s\s|\blead|\bled\s+by\b")
_CALENDAR = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]*\.?(?:\s|$)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s$")
_ARTICLE = re.compile(r"^(?:The|Her|His|Their|Its)\s+")
_LEADS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?P<leader>{_NAME})['’]s\s+{_QUALIFIERS}(?P<led>{_NAME})",
        rf"(?P<led>{_NAME})\s+(?:party\s+)?leader\s+(?P<leader>{_NAME})",
        rf"(?P<leader>{_NAME}),\s+(?:the\s+)?(?:[a-z][\w-]*\s+)?leader\s+of\s+(?:the\s+)?(?P<led>{_NAME})",
        rf"(?P<leader>{_NAME}),\s+who\s+leads\s+(?:the\s+)?{_QUALIFIERS}(?P<led>{_NAME})",
        rf"(?P<led>{_NAME}),\s+led\s+by\s+(?P<leader>{_NAME})",
    )
)


def unify_owners(
    attributes: Sequence[str], leaders: Mapping[str, str]
) -> dict[str, str]:
    """For one event's *attributes*, the owned ones to rename so that one owner
    has one name (the attributes left as they are are not in the result).

    Owners of one unit are one when their names are alike (see the module's
    docstring) or one leads the other (*leaders*, from :func:`leaders_of`);
    each group takes the name most of *attributes* give (an attribute is
    listed once per claim that gives it; the longest name on a tie, then the
    first alphabetically).
    """
    by_unit: dict[str, list[str]] = defaultdict(list)
    weight: Counter[tuple[str, str]] = Counter()
    for attribute in attributes:
        parsed = owner_of(attribute)
        if parsed is not None:
            weight[parsed] += 1
    for unit, owner in weight:
        by_unit[unit].append(owner)
    folded_leaders = {k: k.casefold() for k in leaders}
    renamed: dict[str, str] = {}
    for unit, owners in sorted(by_unit.items()):
        if len(owners) < 2:
            continue
        ordered = sorted(owners)
        # Spelling, all pairs at once; who leads whom, once per owner.
        spelt = process.cdist(
            [o.casefold() for o in ordered],
            [o.casefold() for o in ordered],
            scorer=fuzz.ratio,
            score_cutoff=SAME_NAME,
        )
        led = [_led(o, leaders, folded_leaders) for o in ordered]
        parent = {owner: owner for owner in ordered}
        for i, a in enumerate(ordered):
            for j in range(i + 1, len(ordered)):
                b = ordered[j]
                if (
                    spelt[i, j]
                    or names_alike(a, b)
                    or (led[i] is not None and names_alike(led[i], b))
                    or (led[j] is not None and names_alike(led[j], a))
                ):
                    parent[_root(parent, b)] = _root(parent, a)
        groups: dict[str, list[str]] = defaultdict(list)
        for owner in ordered:
            groups[_root(parent, owner)].append(owner)
        for group in groups.values():
            name = min(group, key=lambda o: (-weight[(unit, o)], -len(o), o))
            for owner in group:
                if owner != name:
                    renamed[f"{unit} ({owner})"] = f"{unit} ({name})"
    return renamed


def _root(parent: dict[str, str], owner: str) -> str:
    """The group of *owner* in the union-find forest *parent*."""
    while parent[owner] != owner:
        parent[owner] = parent[parent[owner]]
        owner = parent[owner]
    return owner


def _led(
    owner: str, leaders: Mapping[str, str], folded: Mapping[str, str]
) -> str | None:
    """What *owner* leads, if *leaders* knows them by this name or one alike
    (*folded*: each leader's name case-folded)."""
    if owner in leaders:
        return leaders[owner]
    found = process.extractOne(
        owner.casefold(), folded, scorer=fuzz.ratio, score_cutoff=SAME_NAME
    )
    return None if found is None else leaders[found[2]]
