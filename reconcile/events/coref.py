"""Which event is this claim about? Claims' event mentions grouped into events across outlets.

Two steps, each explainable:

1. **Within an article**, the mentions of one event are one *account*
   (:class:`~reconcile.match.comparisons.Account`): mentions of one class whose
   dates (within a day) and places agree. What an incident did ("12 people
   were killed") joins the article's nearest account of an incident.
2. **Across articles**, accounts are compared with the weighted match model of
   :mod:`reconcile.match.comparisons` (trigger class, date distance,
   place, names, wording). Candidate pairs come from blocking on the event
   family with a shared name or place, or the same week; never on a value that
   is checked for conflict alone. Pairs whose match probability reaches
   ``Config.event_threshold`` join, best first, unless the join would put two
   incompatible accounts in one event (dates weeks apart, different places,
   other parties, or one article): so no bridge account chains two events.

Every account keeps the comparison that joined it to its event: the waterfall
of the pair that scored best (prior, each feature's level and weight, total).

>>> from datetime import date
>>> from reconcile.model import Article
>>> from reconcile.extract.claims import extract_claims
>>> a = Article("a", "Desk A", "A storm killed four people in Oakvale on Monday.", published=date(2025, 3, 4))
>>> b = Article("b", "Desk B", "A storm killed two people in Brenton Falls on Monday.", published=date(2025, 3, 4))
>>> claims = [*extract_claims(a), *extract_claims(b)]
>>> len(group_events(claims).events)
2
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import cache, lru_cache

import numpy as np
from attrs import field, frozen
from lemminflect import getAllLemmas
from rapidfuzz import fuzz, process

from reconcile.config import Config
from reconcile.events.binding import (
    ANAPHORIC,
    GENERIC_CLASSES,
    ClaimEvents,
    EventMention,
    bind_values,
)
from reconcile.extract.actors import PLACE_TYPES, Gazetteer, load_gazetteer
from reconcile.extract.dates import joined_by_and
from reconcile.extract.quantities import counts_heads
from reconcile.extract.triggers import lemmas_of
from reconcile.lexicon import TriggerLexicon, inflections, trigger_lexicon
from reconcile.match.clustering import _component_numbers
from reconcile.match.comparisons import (
    COARSE_REACH,
    LEVEL_CODES,
    MAGNITUDES_APART,
    NEWS_REACH,
    PARTY_FAMILIES,
    PERSON_FAMILIES,
    Account,
    ComparisonMatrix,
    MatchWeights,
    classes_differ,
    comparison_matrix,
    date_gap,
    date_gaps,
    explain,
    is_coarse,
    parties_apart,
    people_of,
    placed_alike,
    topics_apart,
    towns_apart,
)
from reconcile.match.weights import estimate_weights, scores_of
from reconcile.model import Actor, Claim, DateValue, Event, MatchReason, Quantity
from reconcile.shared_values import shared_value

__all__ = [
    "ArticleAccounts",
    "EventGrouping",
    "account_key",
    "article_accounts",
    "claim_order",
    "event_id",
    "group_events",
]

#: Largest block scored whole; bigger ones (a name most reports hold:
#: "Russia") are split by week of the event, so candidate pairs per account
#: stay flat as a feed grows (12 at 9k, 14 at 27k, 13 at 90k synthetic claims).
BLOCK_CAP = 40
#: Within one article, dates this many days apart may still be one event.
_ARTICLE_DAY_SLACK = 1


@frozen
class ArticleAccounts:
    """One article's accounts (step 1 of the module docs) and the event mentions
    in each, as ``(claim id, mention number)``: account *k* holds the
    ``sizes[k]`` mentions after those of the accounts before it."""

    accounts: tuple[Account, ...]
    mention_claims: tuple[str, ...]
    mention_numbers: tuple[int, ...]
    sizes: tuple[int, ...]

    @classmethod
    def of(
        cls,
        accounts: Sequence[Account],
        members: Sequence[Sequence[tuple[str, int]]],
        *,
        numbers: dict[tuple[int, ...], tuple[int, ...]] | None = None,
    ) -> ArticleAccounts:
        """The accounts *accounts*, with the mentions *members* of each.

        *numbers*, when given, holds one copy of each tuple of mention numbers
        and sizes made so far, and takes the new ones: a few dozen such tuples
        recur across all the articles of a feed (``(0,)``, ``(1,)``, ``(0, 0)``).
        """
        held = numbers if numbers is not None else {}
        mention_numbers = tuple(
            number for mentions in members for _, number in mentions
        )
        sizes = tuple(map(len, members))
        return cls(
            tuple(accounts),
            tuple(claim_id for mentions in members for claim_id, _ in mentions),
            held.setdefault(mention_numbers, mention_numbers),
            held.setdefault(sizes, sizes),
        )

    @property
    def members(self) -> list[list[tuple[str, int]]]:
        """The mentions in each account."""
        pairs = list(zip(self.mention_claims, self.mention_numbers, strict=True))
        out, start = [], 0
        for size in self.sizes:
            out.append(pairs[start : start + size])
            start += size
        return out


@frozen(eq=False)
class EventGrouping:
    """The events of a set of claims, each claim's bindings, and the weights used."""

    events: tuple[Event, ...]
    bindings: Mapping[str, ClaimEvents]
    event_of_mention: Mapping[tuple[str, int], str]
    account_of_mention: Mapping[tuple[str, int], str]
    weights: MatchWeights
    accounts: Mapping[str, ArticleAccounts] = field(factory=dict)
    """Each article's accounts, by article id (see :func:`article_accounts`)."""


def _every_binding(
    claims: Sequence[Claim], bindings: Mapping[str, ClaimEvents] | None
) -> Mapping[str, ClaimEvents]:
    """The bindings of *claims*: *bindings* itself when it has every claim's
    (a run's: a copy of it held beside it took some 60 MB at a million
    claims), else a copy of it with the missing ones bound."""
    if bindings is not None and all(c.id in bindings for c in claims):
        return bindings
    bound = dict(bindings) if bindings is not None else {}
    for claim in claims:
        if claim.id not in bound:
            bound[claim.id] = bind_values(claim)
    return bound


def account_key(article_id: str, number: int) -> str:
    """The key of an article's *number*-th account."""
    return f"{article_id}@{number}"


def group_events(
    claims: Sequence[Claim],
    config: Config | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    bindings: Mapping[str, ClaimEvents] | None = None,
    known_accounts: Mapping[str, ArticleAccounts] | None = None,
) -> EventGrouping:
    """Group the event mentions of *claims* into events (see the module docstring).

    The result does not depend on the order of *claims*. The accounts of an
    article in *known_accounts* (a former grouping's ``accounts``, whose articles
    have the same claims and bindings here) are reused, not built again.
    """
    config = config or Config()
    gazetteer = gazetteer or load_gazetteer(config.alias_file)
    ordered = sorted(claims, key=lambda c: (c.article_id, c.span.start, c.id))
    bound = _every_binding(ordered, bindings)
    by_article = article_accounts(ordered, bound, gazetteer, known_accounts)
    accounts, members = _flatten(by_article)
    weights, clusters, evidence = _cluster_accounts(accounts, config)
    by_id = {c.id: c for c in ordered}
    events: list[Event] = []
    event_of_mention: dict[tuple[str, int], str] = {}
    for cluster in clusters:
        event = _event(cluster, accounts, members, by_id, evidence)
        events.append(event)
        for mention in event.mentions:
            event_of_mention[mention] = event.id
    account_of_mention = {
        mention: accounts[index].key
        for index, mentions in enumerate(members)
        for mention in mentions
    }
    events.sort(key=lambda e: e.id)
    return EventGrouping(
        tuple(events), bound, event_of_mention, account_of_mention, weights, by_article
    )


# -- within an article ---------------------------------------------------------


class _Draft:
    """An account being built from one article's mentions."""

    def __init__(
        self, mention: EventMention, claim: Claim, gazetteer: Gazetteer
    ) -> None:
        self.gazetteer = gazetteer
        self.event_class = mention.event_class
        self.family = mention.family
        self.triggers: set[str] = set(mention.triggers)
        #: The first words of the mentions that gave the account a date.
        self.dated_triggers: set[str] = set()
        self.mentions: list[tuple[str, int]] = [(claim.id, mention.number)]
        self.position = claim.span.start
        self.date: tuple[date, date] | None = None
        self.weekday = False
        self.magnitude: tuple[float, float] | None = None
        self.places: set[str] = set()
        self.containing: set[str] = set()
        self.local: set[str] = set()
        self.names: set[str] = set()
        self.name_counts: dict[str, int] = defaultdict(int)
        self.countries: set[str] = set()
        self.all_countries: set[str] = set()
        #: Countries the lead claim names by name, not by a demonym ("German drones").
        self.lands: set[str] = set()
        #: Places the gazetteer does not know that the lead claim names.
        self.towns: set[str] = set()
        self.text = claim.text
        self.lead = claim.id
        #: What the agreement is about ("a fertiliser supply agreement").
        self.topics: set[str] = set()
        #: Places the event is only near (a distance's reference point).
        self.near: set[str] = set()
        #: The kinds of incident the mentions' words name (:func:`_absorb`).
        self.kinds: set[str] = set()
        #: The exact figures the mentions give the event (:func:`_mention_figures`).
        self.figures: set[tuple[float, str]] = set()

    def takes(
        self,
        mention: EventMention,
        date_: tuple[date, date] | None,
        places: set[str],
        countries: set[str],
        towns: set[str] | frozenset[str] = frozenset(),
        *,
        any_class: bool = False,
        magnitude: tuple[float, float] | None = None,
        people: frozenset[str] = frozenset(),
        news: date | None = None,
        openers: Sequence[str] = (),
        opening: bool = False,
    ) -> bool:
        """Whether *mention* tells of this account's event; with *any_class*,
        whatever its class (a mention named only by generic verbs).

        *news* is the publication date of the mention's article and *openers*
        the claims its sections open on (:func:`_openers`). An undated mention
        tells the news: not of an account dated more than :data:`NEWS_REACH`
        days before it, unless a section opens on that account (a late
        report), or the mention names its event with the first word of a
        dated mention of it ("the election", after "elections in July"; not
        "votes", after "elections on June 30, but no party won a majority of
        votes") and is not itself in the article's *opening*.
        """
        if (
            news is not None
            and date_ is None
            and self.date is not None
            and (news - self.date[1]).days > NEWS_REACH
            and not any(claim_id in openers for claim_id, _ in self.mentions)
            and (opening or not set(mention.triggers) & self.dated_triggers)
        ):
            # "Lawmakers oust the prime minister ..., the first since
            # legislative elections in July": the vote, not July's election.
            return False
        if towns and self.towns and not towns & self.towns:
            return False  # "In Carrow, a storm ..." after a storm in Bellmoor
        if _magnitudes_apart(magnitude, self.magnitude):
            return False  # a magnitude 5.5 quake after a magnitude 7.1 one
        gap = _gap(date_, self.date)
        if (
            gap is not None
            and gap > 0
            and self.family in PERSON_FAMILIES
            and mention.family == self.family
        ):
            # "A court sentenced Tamsin Strand today" after Stefan Tavares's
            # sentencing yesterday: another day and nobody in common.
            mine = self.people()
            if people and mine and not people & mine:
                return False
        if (
            self.family in PARTY_FAMILIES
            and countries
            and self.countries
            and countries != self.countries
            # "the accord with China", said of the US-China accord
            and not (
                mention.event_class in GENERIC_CLASSES and countries < self.countries
            )
        ):
            return False
        if (
            self.family == "incident"
            and countries
            and self.all_countries
            and not countries & self.all_countries
        ):
            return False
        lexicon = trigger_lexicon()
        kinds = lexicon.incident_kind
        if mention.event_class != self.event_class and not (
            any_class
            # "X denied the charges throughout the trial" in the story of X's
            # sentencing; "crowds celebrated the victory of X" in X's election
            or (
                PERSON_FAMILIES & {self.family, mention.family}
                and lexicon.related_families(mention.family, self.family)
                and bool(people & self.people())
            )
            or (
                mention.family == self.family
                and (
                    GENERIC_CLASSES & {mention.event_class, self.event_class}
                    # "killed when glide bombs hit Haifa" and "the attack on Haifa"
                    or kinds.get(mention.event_class, "") == kinds.get(self.event_class)
                )
            )
        ):
            return False
        if not _days_fit(date_, self.date):
            return False
        if places and self.local and places & self.local == set():
            local = places - self.containing
            if local and not (local & self.places):
                return False
        return self.hosts(places)

    @property
    def dated_to_the_day(self) -> bool:
        """Whether this account's date is one day (not a month or a year)."""
        return self.date is not None and self.date[0] == self.date[1]

    def people(self) -> set[str]:
        """The names of this account that are no country and no place."""
        return self.names - self.countries - self.places - self.containing

    def hosts(self, places: set[str]) -> bool:
        """Whether an event placed in *places* may be this one: not when both
        name countries and none is shared."""
        # A town stands for its country: "a strike on Chișinău" is no event
        # of an account placed in Israel.
        lands = {
            p
            for place in places
            for p in (place, *self.gazetteer.within(place))
            if self.gazetteer.type_of(p) == "country"
        }
        mine = {
            p
            for p in self.places | self.containing
            if self.gazetteer.type_of(p) == "country"
        }
        return not (lands and mine and not lands & mine)


def _accounts(
    claims: Sequence[Claim],
    bound: Mapping[str, ClaimEvents],
    gazetteer: Gazetteer,
) -> tuple[list[Account], list[list[tuple[str, int]]]]:
    """Every article's accounts, and the mentions in each."""
    return _flatten(article_accounts(claims, bound, gazetteer))


def _flatten(
    by_article: Mapping[str, ArticleAccounts],
) -> tuple[list[Account], list[list[tuple[str, int]]]]:
    """The accounts of *by_article*, in its order, and the mentions in each."""
    accounts: list[Account] = []
    members: list[list[tuple[str, int]]] = []
    for found in by_article.values():
        accounts.extend(found.accounts)
        members.extend(found.members)
    return accounts, members


def article_accounts(
    claims: Sequence[Claim],
    bound: Mapping[str, ClaimEvents],
    gazetteer: Gazetteer,
    known: Mapping[str, ArticleAccounts] | None = None,
) -> dict[str, ArticleAccounts]:
    """Each article's accounts, by article id in id order.

    An article's accounts depend on its own claims, their bindings and the
    gazetteer only: those of an article in *known* are taken from there, not
    built again (the claims must be the ones they were built from).
    *claims* come sorted by article, position and id.
    """
    lexicon = trigger_lexicon()
    known = known or {}
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    made: dict[str, ArticleAccounts] = {}
    # Accounts hold few distinct sets of names and places ("Russia", "Iran"):
    # one frozenset for each, shared, instead of six new ones per account.
    sets: dict[frozenset[str], frozenset[str]] = {}

    def shared(values: set[str]) -> frozenset[str]:
        found = frozenset(values)
        return sets.setdefault(found, found)

    # And a few dozen tuples of mention numbers and sizes (``(0,)``, ``(1, 1)``).
    numbers: dict[tuple[int, ...], tuple[int, ...]] = {}

    for article_id in sorted(by_article):
        cached = known.get(article_id)
        if cached is not None:
            made[article_id] = cached
            continue
        accounts: list[Account] = []
        drafts: list[_Draft] = []
        pending: list[tuple[Claim, EventMention]] = []
        named: list[tuple[Claim, EventMention]] = []
        # Towns the gazetteer does not know, read once per claim.
        towns_of = {
            claim.id: unknown_places(claim, gazetteer)
            for claim in by_article[article_id]
        }
        generic: list[tuple[Claim, EventMention]] = []
        headlines: list[tuple[Claim, EventMention]] = []
        for claim in by_article[article_id]:
            for mention in bound[claim.id].mentions:
                if claim.headline:
                    headlines.append((claim, mention))
                elif mention.family in ("consequence", ANAPHORIC):
                    pending.append((claim, mention))
                elif set(mention.triggers) <= lexicon.generic:
                    generic.append((claim, mention))
                else:
                    named.append((claim, mention))
        # Mentions that name their event are grouped in an order that does not
        # depend on where the article puts them: dated ones first, by date.
        # A mention named only by generic verbs ("her movement won 26
        # percent", "it struck at dawn") comes after them, and tells of the
        # article's nearest event that takes it, whatever that event's class.
        named.sort(key=lambda cm: _canonical(cm[0], bound[cm[0].id], cm[1]))
        openers = _openers(by_article[article_id], bound)
        generic.sort(key=lambda cm: _canonical(cm[0], bound[cm[0].id], cm[1]))
        for claim, mention in [*named, *generic]:
            events = bound[claim.id]
            date_ = _mention_date(claim, events, mention.number)
            any_class = set(mention.triggers) <= lexicon.generic
            takers = _takers(
                drafts,
                claim,
                mention,
                events,
                date_,
                towns_of,
                gazetteer,
                any_class,
                openers=openers,
                opening=claim.id in openers,
            )
            home = (
                _nearest(takers, claim.span.start)
                if any_class
                else (takers[-1] if takers else None)
            )
            _join(
                drafts,
                home,
                claim,
                mention,
                events,
                date_,
                towns_of[claim.id],
                gazetteer,
            )
        for claim, mention in headlines:
            _join_headline(
                drafts, claim, mention, bound[claim.id], towns_of, gazetteer, openers
            )
        previous = {
            later.id: earlier
            for earlier, later in itertools.pairwise(by_article[article_id])
        }
        for claim, mention in pending:
            events = bound[claim.id]
            date_ = _mention_date(claim, events, mention.number)
            places = _mention_places(claim, events, mention.number) | set(
                towns_of[claim.id]
            )
            if mention.family == ANAPHORIC:
                candidates = [d for d in drafts if d.family != ANAPHORIC]
                if all(d.position > claim.span.start for d in candidates):
                    # A story that opens on what no trigger names ("a second
                    # jet ran into a landing-gear fault") tells of that, not
                    # of an event it names further down.
                    candidates = [d for d in drafts if d.position < claim.span.start]
            else:
                candidates = [
                    d for d in drafts if d.family in ("incident", "consequence")
                ]
            # "In August 1997 ... 228 people died": a toll dated apart from
            # every account is of no account told so far.
            candidates = [
                d for d in candidates if d.hosts(places) and _days_fit(date_, d.date)
            ]
            # "Rescuers searched the rubble in Haifa": the account of Haifa,
            # though a look-alike elsewhere was told of in between; "flew the
            # plane back to Gimpo": the opening's account of Gimpo.
            towns = {p for p in places if gazetteer.type_of(p) != "country"}
            placed = [
                d
                for d in (drafts if mention.family == ANAPHORIC else candidates)
                if towns & (d.places | d.names) and d.hosts(places)
            ]
            home = _nearest(placed or candidates, claim.span.start)
            if (
                home is not None
                and _background(home, claim.id)
                and not _continues(previous.get(claim.id), home)
            ):
                # "They were among the deadliest quakes this year, after
                # quakes in Turkey in February": the tolls told after it are
                # of the article's event dated to the day before it, not of
                # the background.
                home = (
                    _nearest(
                        [
                            d
                            for d in placed or candidates
                            if d.position <= claim.span.start and d.dated_to_the_day
                        ],
                        claim.span.start,
                    )
                    or home
                )
            _join(
                drafts,
                home,
                claim,
                mention,
                events,
                date_,
                towns_of[claim.id],
                gazetteer,
            )
        first = by_article[article_id][0]
        # What the article opens on: its headlines and first claim naming an event.
        opening = {claim.id for claim, _ in headlines} | set(openers[:1])
        for number, draft in enumerate(drafts):
            accounts.append(
                Account(
                    key=account_key(article_id, number),
                    article_id=article_id,
                    outlet=first.outlet,
                    published=first.published,
                    event_class=draft.event_class,
                    family=draft.family,
                    triggers=shared(draft.triggers),
                    # Of a few hundred days, one (first, last) tuple each.
                    date=shared_value(draft.date),
                    # An incident that names no place happened in the
                    # country it names ("a quake on Ecuador's coast"), not
                    # in the one its weapons came from ("German drones").
                    places=shared(
                        draft.places
                        or (draft.lands if draft.family == "incident" else set())
                    ),
                    containing=shared(draft.containing),
                    local=shared(draft.local),
                    names=shared(draft.names),
                    countries=shared(draft.countries),
                    text=draft.text,
                    weekday=draft.weekday,
                    magnitude=draft.magnitude,
                    topics=shared(draft.topics),
                    near=shared(draft.near),
                    kinds=shared(draft.kinds),
                    figures=frozenset(draft.figures),
                    lead=any(c in opening for c, _ in draft.mentions),
                )
            )
        made[article_id] = ArticleAccounts.of(
            accounts, [draft.mentions for draft in drafts], numbers=numbers
        )
    return made


def _openers(
    claims: Sequence[Claim], bound: Mapping[str, ClaimEvents]
) -> tuple[str, ...]:
    """The ids of the claims the article's sections open on, in order: the
    first claim naming an event, and the first after each later headline (a
    roundup's items). They tell the news of their sections."""
    found: list[str] = []
    expecting = True
    for claim in claims:
        if claim.headline:
            expecting = True
            continue
        mentions = bound[claim.id].mentions
        if expecting and mentions and mentions[0].family != ANAPHORIC:
            found.append(claim.id)
            expecting = False
    return tuple(found)


def _join_headline(
    drafts: list[_Draft],
    claim: Claim,
    mention: EventMention,
    events: ClaimEvents,
    towns_of: Mapping[str, Mapping[str, bool]],
    gazetteer: Gazetteer,
    openers: Sequence[str],
) -> None:
    """Add a mention of the article's headline to the first account of its
    class that takes it ("Quake kills 12 in Herat"; what an incident did, to
    the first incident), without changing that account's place or day: a
    headline restates the story in few words ("Russia and Iran tighten ties as
    missile strike hits Ukraine"). With no such account it starts its own."""
    date_ = _mention_date(claim, events, mention.number)
    if mention.family in ("consequence", ANAPHORIC):
        takers = [d for d in drafts if d.family in ("incident", "consequence")]
    else:
        takers = _takers(
            drafts,
            claim,
            mention,
            events,
            date_,
            towns_of,
            gazetteer,
            openers=openers,
            opening=True,
        )
    if not takers:
        _join(
            drafts, None, claim, mention, events, date_, towns_of[claim.id], gazetteer
        )
        return
    home = min(takers, key=lambda d: d.position)
    home.mentions.append((claim.id, mention.number))
    home.triggers.update(mention.triggers)


def _takers(
    drafts: Sequence[_Draft],
    claim: Claim,
    mention: EventMention,
    events: ClaimEvents,
    date_: tuple[date, date] | None,
    towns_of: Mapping[str, Mapping[str, bool]],
    gazetteer: Gazetteer,
    any_class: bool = False,
    *,
    openers: Sequence[str] = (),
    opening: bool = False,
) -> list[_Draft]:
    """The accounts of *drafts* that take *mention* of *claim*, dated *date_*
    (:meth:`_Draft.takes`; *any_class* for a mention named by generic verbs;
    *openers* are the claims the article's sections open on, and *opening*
    says whether *claim* is one of those or a headline)."""
    places = _mention_places(claim, events, mention.number)
    towns = set(towns_of[claim.id])
    countries = _countries(claim, gazetteer)
    magnitude = _mention_magnitude(claim, events, mention.number)
    people = _claim_people(claim, gazetteer)
    return [
        d
        for d in drafts
        if d.takes(
            mention,
            date_,
            places,
            countries,
            towns,
            any_class=any_class,
            magnitude=magnitude,
            people=people,
            news=claim.published,
            openers=openers,
            opening=opening,
        )
    ]


def _join(
    drafts: list[_Draft],
    home: _Draft | None,
    claim: Claim,
    mention: EventMention,
    events: ClaimEvents,
    date_: tuple[date, date] | None,
    towns: Mapping[str, bool],
    gazetteer: Gazetteer,
) -> None:
    """Add *mention* to the account *home* (a new one when ``None``); *towns*
    are the claim's :func:`unknown_places`."""
    if home is None:
        home = _Draft(mention, claim, gazetteer)
        drafts.append(home)
    else:
        home.mentions.append((claim.id, mention.number))
        home.triggers.update(mention.triggers)
        home.position = min(home.position, claim.span.start)
    if date_ is not None and mention.triggers:
        # The mention's first word names it: "elections", not the "votes"
        # they gave ("elections ... on June 30, but no party won a majority
        # of votes").
        home.dated_triggers.add(mention.triggers[0])
    _absorb(home, claim, events, mention.number, date_, towns, gazetteer)


_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


_CALENDAR = frozenset(
    "january february march april may june july august september october november "  # noqa: SIM905
    "december monday tuesday wednesday thursday friday saturday sunday".split()
)


#: Characters read either side of a name for the words around it.
_AROUND = 120


def unknown_places(claim: Claim, gazetteer: Gazetteer) -> dict[str, bool]:
    """Names the gazetteer does not know that the wording marks as places: a
    capitalised name before a place noun ("Manabí province") or after a place
    preposition inside the sentence ("off Hokkaido"), each with whether it names
    a region ("Manabí province"), which may hold a town. A town outside the
    gazetteer still tells two storms apart.

    >>> from reconcile.model import Claim, Span
    >>> from reconcile.extract.actors import load_gazetteer
    >>> text = "A quake struck off Hokkaido and in Zenda Jan district."
    >>> sorted(unknown_places(Claim("a#1", "a", "A", text, Span(0, len(text))), load_gazetteer()).items())
    [('Hokkaido', False), ('Zenda Jan', True)]
    """
    lexicon = trigger_lexicon()
    known = {v.text for v in claim.values if isinstance(v, Actor)}
    found: dict[str, bool] = {}
    text = claim.text
    for match in _NAME.finditer(text):
        name = re.split(r"['’]s\b", match.group())[0]
        # The words around a name are read from a window: a text of thousands
        # of names would otherwise be split once per name.
        earlier = text[max(0, match.start() - _AROUND) : match.start()].split()
        before = earlier[-1:] or [""]
        if match.start() == 0:
            # "In Carrow, a storm ...": the sentence's first word is no name.
            first, _, rest = name.partition(" ")
            if first.lower() not in lexicon.place_prepositions or not rest:
                continue
            name, before = rest, [first]
        if (
            name in known
            or name.isupper()  # "the collapse of FTX": a company
            or gazetteer.type_of(name)
            or name.lower() in _CALENDAR
        ):
            continue
        after = text[match.end() : match.end() + _AROUND].split()[:1] or [""]
        word_after = after[0].strip(".,;:").lower()
        verb = before[0].lower().strip(",;:")
        if verb == "of" and len(earlier) > 1 and earlier[-2][:1].isupper():
            continue  # "the Pacific Ring of Fire", "the Bank of England": one name
        if (
            verb in lexicon.place_prepositions
            or word_after in lexicon.place_nouns
            # "a storm struck Bellmoor": what an incident hits is a place
            or _hits(verb, lexicon)
        ):
            found[name] = word_after in lexicon.region_nouns
    return found


def _apposed_places(claim: Claim, name: str, gazetteer: Gazetteer) -> set[str]:
    """The known places that hold *name*, a place the gazetteer does not know,
    by apposition: "near Mendon, Missouri" puts Mendon in Missouri (and in the
    United States).

    >>> from reconcile.extract.claims import extract_claims
    >>> from reconcile.model import Article
    >>> text = "A train hit a truck near Mendon, Missouri, on Monday."
    >>> (claim,) = extract_claims(Article(id="a", outlet="A", text=text))
    >>> sorted(_apposed_places(claim, "Mendon", load_gazetteer()))
    ['Missouri', 'United States']
    """
    offset = claim.span.start
    ends = {
        offset + match.end()
        for match in re.finditer(rf"\b{re.escape(name)},\s+", claim.text)
    }
    found: set[str] = set()
    for value in claim.values:
        if (
            isinstance(value, Actor)
            and value.span.start in ends
            and gazetteer.type_of(value.canonical) in ("region", "country")
        ):
            found.add(value.canonical)
            found.update(gazetteer.within(value.canonical))
    return found


def _hits(word: str, lexicon: TriggerLexicon) -> bool:
    """Whether *word* is a verb incidents share ("struck", "battered"), whose
    object is where the incident happened."""
    return any(
        lemma in lexicon.generic
        and any(lexicon.family[c] == "incident" for c in lexicon.verbs.get(lemma, ()))
        for lemma in lemmas_of(word)[0]
    )


def _claim_people(claim: Claim, gazetteer: Gazetteer) -> frozenset[str]:
    """The actors of a claim that are no country and no place (people, parties)."""
    return frozenset(
        value.canonical
        for value in claim.values
        if isinstance(value, Actor)
        and value.role == "actor"
        and gazetteer.type_of(value.canonical) not in PLACE_TYPES
        and not gazetteer.stands_for(value.canonical)
    )


def _countries(claim: Claim, gazetteer: Gazetteer) -> set[str]:
    """The countries among a claim's actors (a person counts for the country they serve)."""
    found: set[str] = set()
    for value in claim.values:
        if isinstance(value, Actor) and value.role == "actor":
            for name in (value.canonical, gazetteer.affiliation(value.canonical)):
                if name and gazetteer.type_of(name) == "country":
                    found.add(name)
    return found


def _canonical(
    claim: Claim, events: ClaimEvents, mention: EventMention
) -> tuple[int, str, str, int]:
    date_ = _mention_date(claim, events, mention.number)
    day = date_[0].isoformat() if date_ is not None else ""
    return (date_ is None, day, claim.text, mention.number)


def agreement_topics(claim: Claim, mention: EventMention) -> frozenset[str]:
    """The words just before an agreement's noun ("a fertiliser supply
    agreement": fertiliser, supply; "a 20-year strategic partnership treaty":
    partnership), lower-cased: what the agreement is about. Words lemminflect
    reads as adjectives ("strategic", "new", "historic") say nothing of it.

    >>> from reconcile.extract import extract_claims
    >>> from reconcile.model import Article
    >>> (claim,) = extract_claims(Article(id="a", outlet="Desk",
    ...     text="Chile and Peru signed a new water supply pact."))
    >>> from reconcile.events.binding import bind_values
    >>> sorted(agreement_topics(claim, bind_values(claim).mentions[0]))
    ['supply', 'water']
    """
    if mention.family != "agreement":
        return frozenset()
    found: set[str] = set()
    pattern, lemma_of = _agreement_nouns()
    for noun in pattern.finditer(claim.text):
        if lemma_of[noun.group()] in mention.triggers:
            found |= _noun_modifiers(claim.text[: noun.start()].split()[-4:])
    return frozenset(found)


def supplied_goods(claim: Claim, events: ClaimEvents, mention: int) -> frozenset[str]:
    """What a supply mention counts, by the lemma of each counted noun's head
    ("122 power generators": generator; "264 armoured vehicles": vehicle):
    what was delivered, so two deliveries of other goods are two deliveries.

    >>> from reconcile.extract import extract_claims
    >>> from reconcile.model import Article
    >>> (claim,) = extract_claims(Article(id="a", outlet="Desk",
    ...     text="Canada delivered 49 ambulances to Mozambique."))
    >>> from reconcile.events.binding import bind_values
    >>> sorted(supplied_goods(claim, bind_values(claim), 0))
    ['ambulance']
    """
    if events.mentions[mention].family != "supply":
        return frozenset()
    found: set[str] = set()
    for binding in events.bindings:
        value = claim.values[binding.value_index]
        if (
            binding.mention == mention
            and isinstance(value, Quantity)
            and value.unit
            and binding.attribute == value.unit
        ):
            head = value.unit.split()[-1].lower()
            nouns = lemmas_of(head)[1]
            found.add(nouns[0] if nouns else head)
    return frozenset(found)


@cache
def _agreement_nouns() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of the lower-case nouns of the agreement family in each of
    their forms ("treaty", "treaties", from lemminflect), and the lemma of each form."""
    lexicon = trigger_lexicon()
    lemma_of: dict[str, str] = {}
    for lemma, classes in lexicon.nouns.items():
        if any(lexicon.family[c] == "agreement" for c in classes):
            for form in inflections([lemma], "NOUN"):
                lemma_of.setdefault(form, lemma)
    forms = sorted(lemma_of, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, forms))})\b"), lemma_of


def _noun_modifiers(before: list[str]) -> set[str]:
    """The nouns of *before*, the words ending just before a noun, that
    modify it: those of a noun phrase opened by a determiner or a possessive
    ("a fertiliser supply", "its new customs"), adjectives and compounds
    ("water-sharing", "one-year") aside. None when the words before are no
    such phrase ("would respect every", "a $14.1 billion")."""
    lexicon = trigger_lexicon()
    nouns: set[str] = set()
    for word in reversed(before):
        lower = word.lower()
        if lower in lexicon.determiners or lower.endswith(("'s", "’s")):
            return nouns
        if not word.replace("-", "").isalpha() or word[0].isupper():
            return set()
        readings = _parts_of_speech(lower)
        if "ADJ" in readings or "-" in word:
            continue  # "strategic", "water-sharing", "one-year"
        if "NOUN" not in readings:
            return set()
        nouns.add(lower)
    return set()


@lru_cache(maxsize=1 << 14)
def _parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech lemminflect reads *word* as ("NOUN", "ADJ", ...)."""
    return frozenset(getAllLemmas(word))


def _gap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> int | None:
    """Days between two spans of days (negative when they overlap), or ``None``."""
    if a is None or b is None:
        return None
    return max((a[0] - b[1]).days, (b[0] - a[1]).days)


def _days_fit(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Whether mentions dated *a* and *b* may be of one event in one article:
    days at most :data:`_ARTICLE_DAY_SLACK` apart, or spans that overlap when
    either is longer than a day ("in September" is not "in October")."""
    gap = _gap(a, b)
    if gap is None:
        return True
    if a is not None and b is not None and (a[0] != a[1] or b[0] != b[1]):
        return gap <= 0
    return gap <= _ARTICLE_DAY_SLACK


def _background(draft: _Draft, claim_id: str) -> bool:
    """Whether *draft* is dated by a month or a year only, and *claim_id* is
    none of its claims: a background event, which takes what a later claim
    tells only when no other account may."""
    return (
        draft.date is not None
        and not draft.dated_to_the_day
        and all(mentioned != claim_id for mentioned, _ in draft.mentions)
    )


def _continues(earlier: Claim | None, draft: _Draft) -> bool:
    """Whether *earlier*, the claim just before another, is one of *draft*'s
    and ends no sentence: the later claim is the rest of its sentence ("...
    hit a seawall" and "sent the aircraft spinning, killing three")."""
    return (
        earlier is not None
        and any(mentioned == earlier.id for mentioned, _ in draft.mentions)
        and not earlier.text.rstrip().endswith(_SENTENCE_ENDS)
    )


_SENTENCE_ENDS = (".", "!", "?", '"', "”", "'", "’")


def _nearest(drafts: Sequence[_Draft], position: int) -> _Draft | None:
    before = [d for d in drafts if d.position <= position]
    if before:
        return max(before, key=lambda d: d.position)
    return min(drafts, key=lambda d: d.position) if drafts else None


def _mention_date(
    claim: Claim, events: ClaimEvents, mention: int
) -> tuple[date, date] | None:
    """The days a claim dates a mention to; a calendar date before a weekday
    ("on Wednesday (Oct. 30)" is Oct. 30: a weekday is the outlet's reckoning
    of the date, often in another time zone); all the days joined by "and"
    ("in two rounds, on June 30 and July 7": June 30 to July 7)."""
    found = [
        value
        for index in events.values_of(mention, "date")
        if isinstance(value := claim.values[index], DateValue)
        and value.earliest is not None
        and value.latest is not None
    ]
    if not found:
        return None
    if joined_by_and(claim, found):
        return (
            min(v.earliest for v in found),  # type: ignore[type-var]
            max(v.latest for v in found),  # type: ignore[type-var]
        )
    best = min(found, key=lambda v: bool(_WEEKDAY.match(v.text)))
    assert best.earliest is not None and best.latest is not None
    return best.earliest, best.latest


_WEEKDAY = re.compile(
    r"^(?:on |last |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:['’]s)?(?: (?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)


def _mention_magnitude(
    claim: Claim, events: ClaimEvents, mention: int
) -> tuple[float, float] | None:
    """The magnitude a claim gives a mention (a quake's), as ``(low, high)``;
    ``None`` when it gives none or several ("followed by aftershocks of
    magnitude 4 and 5" tells of several shocks, not which is the quake)."""
    found = events.values_of(mention, "magnitude")
    if len(found) != 1:
        return None
    value = claim.values[found[0]]
    if not isinstance(value, Quantity) or value.low is None:
        return None
    return value.low, value.high if value.high is not None else value.low


def _mention_figures(
    claim: Claim, events: ClaimEvents, mention: int
) -> set[tuple[float, str]]:
    """The exact figures a claim gives a mention, each with its unit, or with
    ``""`` when it may count people by whatever noun ("331 votes" and "331
    lawmakers" are both ``(331.0, "")``; "10 percent" is ``(10.0, "percent")``).
    A range or a bound ("more than 300") is no exact figure."""
    figures: set[tuple[float, str]] = set()
    for binding in events.bindings:
        value = claim.values[binding.value_index]
        if (
            binding.mention == mention
            and isinstance(value, Quantity)
            and value.low is not None
            and value.low == value.high
        ):
            figures.add((value.low, "" if counts_heads(value.unit) else value.unit))
    return figures


def _bare_weekday(claim: Claim, events: ClaimEvents, mention: int) -> bool:
    for index in events.values_of(mention, "date"):
        if _WEEKDAY.match(claim.values[index].text.strip()):
            return True
    return False


def _mention_places(claim: Claim, events: ClaimEvents, mention: int) -> set[str]:
    return {
        claim.values[i].canonical  # type: ignore[union-attr]
        for i in events.values_of(mention, "place")
    }


def _absorb(
    draft: _Draft,
    claim: Claim,
    events: ClaimEvents,
    mention: int,
    date_: tuple[date, date] | None,
    towns: Mapping[str, bool],
    gazetteer: Gazetteer,
) -> None:
    """Add what a mention says of its event to the account being built."""
    draft.topics |= agreement_topics(claim, events.mentions[mention])
    draft.topics |= supplied_goods(claim, events, mention)
    draft.kinds.update(events.mentions[mention].kinds)
    if date_ is not None and (
        draft.date is None or (date_[1] - date_[0]) < (draft.date[1] - draft.date[0])
    ):
        draft.date = date_
        draft.weekday = _bare_weekday(claim, events, mention)
    if draft.magnitude is None:
        draft.magnitude = _mention_magnitude(claim, events, mention)
    draft.figures |= _mention_figures(claim, events, mention)
    # Where the event happened is what the first claim that places it says;
    # later claims add where it was felt, where aid came from.
    placed = bool(draft.places)
    if not placed and claim.id == draft.lead:
        for name, region in towns.items():
            draft.towns.add(name)
            draft.places.add(name)
            # A region may hold any town the gazetteer does not know.
            (draft.containing if region else draft.local).add(name)
            draft.containing.update(_apposed_places(claim, name, gazetteer))
    for index in events.values_of(mention, "place") if not placed else ():
        place = claim.values[index]
        assert isinstance(place, Actor)
        draft.places.add(place.canonical)
        draft.containing.update(place.within)
        country = gazetteer.affiliation(place.canonical)
        if country:
            draft.containing.add(country)
        kind = gazetteer.type_of(place.canonical)
        if kind != "country":
            draft.local.add(place.canonical)
        if kind == "region":
            # "in rural Missouri": the region holds the event, as an unknown
            # region ("Zenda Jan district") does.
            draft.containing.add(place.canonical)
    for index in events.values_of(mention, "reference point") if not placed else ():
        # "40 km northwest of Herat": the event is near the place a distance
        # is measured from. It meets an account placed there; how near is not
        # known, so it is told apart from no region ("Mendon, 84 miles from
        # Kansas City", in Missouri; comparisons._place_level).
        place = claim.values[index]
        assert isinstance(place, Actor)
        draft.places.add(place.canonical)
        draft.near.add(place.canonical)
        draft.containing.update((place.canonical, *place.within))
    if any(m[0] == claim.id for m in draft.mentions[:-1]):
        return
    names: set[str] = set()
    for value in claim.values:
        if isinstance(value, Actor) and value.role == "actor":
            names.add(value.canonical)
            affiliation = gazetteer.affiliation(value.canonical)
            if affiliation:
                names.add(affiliation)
    countries = _countries(claim, gazetteer)
    draft.all_countries |= countries
    for name in names:
        draft.name_counts[name] += 1
    if claim.id == draft.lead:
        draft.names |= names
        draft.countries |= countries
        draft.lands |= {
            a.canonical
            for a in claim.values
            if isinstance(a, Actor)
            and a.canonical in countries
            and not gazetteer.is_demonym(a.text)
        }
    else:
        draft.names |= {n for n in names if draft.name_counts[n] >= 2}


# -- across articles -------------------------------------------------------------


def _cluster_accounts(
    accounts: Sequence[Account], config: Config
) -> tuple[MatchWeights, list[list[int]], dict[int, tuple[MatchReason, ...]]]:
    if not accounts:
        return estimate_weights([], {}), [], {}
    # Word-for-word copies (wire copies, republished reports) are matched
    # once, through their first account, and join its event: so a copy can
    # neither shift the weights nor pull its original away from the others.
    firsts, copies = _copies(accounts)
    weights, clusters, evidence = _cluster_distinct(
        [accounts[i] for i in firsts],
        [{accounts[j].article_id for j in copies[i]} for i in firsts],
        config,
    )
    clusters = [sorted(j for k in cl for j in copies[firsts[k]]) for cl in clusters]
    evidence = {
        j: reasons for k, reasons in evidence.items() for j in copies[firsts[k]]
    }
    return weights, clusters, evidence


def _copies(accounts: Sequence[Account]) -> tuple[list[int], dict[int, list[int]]]:
    """The first of each group of accounts that tell the same thing in the same
    words, and each first's group (itself included)."""
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index, account in enumerate(accounts):
        groups[
            (
                account.text.casefold(),
                account.event_class,
                account.date,
                account.weekday,
                frozenset(account.places),
                frozenset(account.names),
            )
        ].append(index)
    copies = {group[0]: group for group in groups.values()}
    return sorted(copies), copies


def _cluster_distinct(
    accounts: Sequence[Account], articles: Sequence[set[str]], config: Config
) -> tuple[MatchWeights, list[list[int]], dict[int, tuple[MatchReason, ...]]]:
    """:func:`_cluster_accounts` over accounts that are no copies of each other;
    *articles* holds each account's articles (its own and its copies')."""
    a, b = _candidate_pairs(accounts)
    name_share = _name_share(accounts)
    similarity = np.full(len(a), np.nan)  # not measured yet
    matrix = comparison_matrix(accounts, a, b, similarity, name_share)
    # A pair that cannot link whatever its wording never links, never is
    # evidence and, counted as two events, teaches m nothing: its wording is
    # not measured (most candidate pairs: a week apart, other parties).
    apart = _apart(matrix, accounts, a, b)
    similarity[~apart] = _wording(accounts, a[~apart], b[~apart], config)
    matrix = matrix.with_wording(similarity)
    impossible = apart | _days_apart(matrix, accounts, a, b)
    ra, rb = _random_pairs(accounts)
    randoms = comparison_matrix(
        accounts, ra, rb, _wording(accounts, ra, rb, config), name_share
    )
    weights = estimate_weights(matrix, name_share, randoms, impossible=impossible)
    scores = scores_of(matrix, weights)
    threshold = _bits(config.event_threshold)
    clusters = _constrained_merge(
        accounts, articles, a, b, scores, impossible, threshold
    )
    return weights, clusters, _evidence(clusters, a, b, scores, matrix, weights)


def _evidence(
    clusters: Sequence[Sequence[int]],
    a: np.ndarray,
    b: np.ndarray,
    scores: np.ndarray,
    matrix: ComparisonMatrix,
    weights: MatchWeights,
) -> dict[int, tuple[MatchReason, ...]]:
    """The waterfall of each clustered account's best pair within its cluster
    (the first such pair on a tie)."""
    cluster_of = np.empty(sum(map(len, clusters)), np.int64)
    for number, cluster in enumerate(clusters):
        cluster_of[cluster] = number
    within = np.flatnonzero(cluster_of[a] == cluster_of[b])
    me = np.concatenate([a[within], b[within]])
    pair = np.concatenate([within, within])
    ranked = np.lexsort((pair, -scores[pair], me))
    first = np.ones(len(ranked), dtype=bool)
    first[1:] = me[ranked][1:] != me[ranked][:-1]
    reasons: dict[tuple[bytes, int], tuple[MatchReason, ...]] = {}
    evidence: dict[int, tuple[MatchReason, ...]] = {}
    for i, k in zip(
        me[ranked][first].tolist(), pair[ranked][first].tolist(), strict=True
    ):
        # Pairs of equal levels (and rare name) have equal waterfalls.
        key = (matrix.levels[k].tobytes(), int(matrix.shared[k]))
        if key not in reasons:
            reasons[key] = explain(matrix.vector(k), weights)
        evidence[i] = reasons[key]
    return evidence


def _bits(probability: float) -> float:
    probability = min(max(probability, 1e-9), 1 - 1e-9)
    return math.log2(probability / (1.0 - probability))


def _group(family: str) -> str:
    return "incident" if family == "consequence" else family


@cache
def _block_families() -> dict[str, str]:
    """Each family's block: families that may tell of one event (lexicon
    ``related_families``: a summit's meeting and the agreement it reached)
    share one, the name of the first of them in alphabetical order."""
    lexicon = trigger_lexicon()
    parent: dict[str, str] = {}

    def root(family: str) -> str:
        while parent.setdefault(family, family) != family:
            family = parent[family]
        return family

    for pair in lexicon.related:
        first, *rest = sorted(pair)
        for other in rest:
            low, high = sorted((root(first), root(other)))
            parent[high] = low
    return {family: root(family) for family in parent}


def _block_family(family: str) -> str:
    group = _group(family)
    return _block_families().get(group, group)


def _week(day: date | None) -> int | None:
    return None if day is None else day.toordinal() // 7


def _candidate_pairs(accounts: Sequence[Account]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of accounts of different articles that share a block, as two
    sorted index arrays (``a < b``).

    Blocks: the event family with each name or place. An account with neither
    is paired with every account of its family of the same day (the event's, or
    the publication's for accounts without a date), and, when dated by month or
    year only, with those dated as coarsely in the same year. Dated incidents
    meet every incident dated the same day (up to :data:`BLOCK_CAP` of them). A
    block larger than :data:`BLOCK_CAP` is split by week.
    """
    blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
    daily: dict[tuple[object, ...], list[int]] = defaultdict(list)
    families = sorted({_group(a.family) for a in accounts})
    weeks: list[int | None] = []
    for index, account in enumerate(accounts):
        family = _group(account.family)
        for name in account.names | account.places:
            blocks[(_block_family(family), "name", name)].append(index)
        for name in people_of(account) if account.lead else ():
            # What two articles open on may be one event told in words of two
            # families ("Barnier's government fell", "the vote ousted Barnier").
            blocks[("lead", "name", name)].append(index)
        if family == ANAPHORIC:
            # An account naming no event ("received 32 vehicles in Kyiv") may
            # be of any family that tells of its place.
            for kind in families:
                for place in account.places:
                    blocks[(kind, "name", place)].append(index)
        day = account.date[0] if account.date else account.published
        daily[(family, day.toordinal() if day is not None else None)].append(index)
        if account.date is not None and is_coarse(account):
            # "in April 2016" and "in 2016": background told by month or year
            # meets the accounts of its family told as coarsely that year.
            daily[(family, "year", account.date[0].year)].append(index)
        weeks.append(_week(day))
    article = _article_codes(accounts)
    chunks: list[np.ndarray] = []
    # Named accounts meet through their names; an account with no name and no
    # place meets every account of its family dated (or published) that day.
    for key, members in daily.items():
        bare = [i for i in members if not (accounts[i].names or accounts[i].places)]
        if bare:
            left, right = np.meshgrid(bare, members[: BLOCK_CAP * 4], indexing="ij")
            chunks.append(_pair_keys(left.ravel(), right.ravel(), article))
        dated = [i for i in members if accounts[i].date is not None]
        if key[0] == "incident" and len(key) == 2 and 1 < len(dated) <= BLOCK_CAP:
            # Incidents are told apart by place and day, not by whom they
            # name: accounts of one day meet whatever names they hold (a
            # minister quoted in one report, the province in another).
            x, y = np.triu_indices(len(dated), 1)
            ids = np.array(dated, dtype=np.int64)
            chunks.append(_pair_keys(ids[x], ids[y], article))
    by_size: dict[int, list[list[int]]] = defaultdict(list)
    for members in blocks.values():
        if len(members) > BLOCK_CAP:
            by_week: dict[object, list[int]] = defaultdict(list)
            for index in members:
                week = weeks[index]
                by_week[week].append(index)
                if week is not None:
                    by_week[week + 1].append(index)
            groups: Iterable[list[int]] = by_week.values()
        else:
            groups = [members]
        for group in groups:
            ids = sorted(set(group))[: BLOCK_CAP * 4]
            if len(ids) > 1:
                by_size[len(ids)].append(ids)
    # Every pair within each group, for all groups of one size at once.
    for size, rows in by_size.items():
        ids = np.array(rows, dtype=np.int64)
        x, y = np.triu_indices(size, 1)
        chunks.append(_pair_keys(ids[:, x].ravel(), ids[:, y].ravel(), article))
    n = max(len(accounts), 1)
    keys = np.concatenate(chunks) if chunks else np.empty(0, np.int64)
    keys.sort()  # sorting beats np.unique's hashing (8 s against 0.1 s at 1M claims)
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    keys = keys[first]
    return keys // n, keys % n


def _article_codes(accounts: Sequence[Account]) -> np.ndarray:
    """A number per account for its article (accounts of one article share it)."""
    codes: dict[str, int] = {}
    return np.array(
        [codes.setdefault(a.article_id, len(codes)) for a in accounts], dtype=np.int64
    )


def _pair_keys(left: np.ndarray, right: np.ndarray, article: np.ndarray) -> np.ndarray:
    """``low * n + high`` for the pairs of accounts of different articles."""
    left, right = np.asarray(left, np.int64), np.asarray(right, np.int64)
    keep = article[left] != article[right]
    low, high = np.minimum(left, right)[keep], np.maximum(left, right)[keep]
    return low * len(article) + high


#: How many random pairs of accounts estimate u.
RANDOM_PAIRS = 2000


def _random_pairs(accounts: Sequence[Account]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct random pairs of accounts of different articles, at most
    :data:`RANDOM_PAIRS` (every such pair, when there are fewer). The seed is
    fixed and the accounts come in article order, so the sample does not depend
    on the order of the input."""
    n = len(accounts)
    if n < 2:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    if n * (n - 1) // 2 <= RANDOM_PAIRS:
        a, b = np.triu_indices(n, 1)
    else:
        rng = np.random.default_rng(0)
        draws = rng.integers(0, n, size=(RANDOM_PAIRS * 2, 2))
        low, high = draws.min(axis=1), draws.max(axis=1)
        keys = np.unique(low[low < high] * n + high[low < high])[:RANDOM_PAIRS]
        a, b = keys // n, keys % n
    article = _article_codes(accounts)
    a, b = a.astype(np.int64), b.astype(np.int64)
    keep = article[a] != article[b]
    return a[keep], b[keep]


def _name_share(accounts: Sequence[Account]) -> dict[str, float]:
    counts: dict[str, int] = defaultdict(int)
    for account in accounts:
        for name in account.names:
            counts[name] += 1
    total = max(len(accounts), 1)
    return {name: n / total for name, n in counts.items()}


def _wording(
    accounts: Sequence[Account], a: np.ndarray, b: np.ndarray, config: Config
) -> np.ndarray:
    if len(a) == 0:
        return np.empty(0, dtype=np.float64)
    texts = [acc.text.lower() for acc in accounts]
    return np.asarray(
        process.cpdist(
            [texts[i] for i in a.tolist()],
            [texts[j] for j in b.tolist()],
            scorer=fuzz.token_set_ratio,
            workers=config.workers,
        ),
        dtype=np.float64,
    )


#: Levels that say two accounts cannot tell of one event, whatever else agrees.
CANNOT_LINK = frozenset(
    {
        ("date", "8-30 days"),
        ("date", "further"),
        ("date", "after publication"),
        ("place", "different"),
        ("names", "other parties"),
        ("class", "different"),
    }
)


def _constrained_merge(
    accounts: Sequence[Account],
    articles: Sequence[set[str]],
    a: np.ndarray,
    b: np.ndarray,
    scores: np.ndarray,
    impossible: np.ndarray,
    threshold: float,
) -> list[list[int]]:
    """Join accounts pair by pair, best score first, while the score reaches
    *threshold*; two clusters join only if no account of one is incompatible
    with an account of the other (:data:`CANNOT_LINK`, or one article, or two
    day-precise dates 4-7 days apart), so no bridge chains two events."""
    n = len(accounts)
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # A pair that cannot link never joins its clusters; clusters grow along
    # the others only, so a pair that cannot link is ever looked up only
    # inside a component of them.
    linked = np.flatnonzero((scores >= threshold) & ~impossible)
    component, _ = _component_numbers(n, a[linked], b[linked])
    inside = impossible & (component[a] == component[b])
    cannot = _CannotLink(accounts, articles, set((a[inside] * n + b[inside]).tolist()))
    order = linked[np.lexsort((b[linked], a[linked], -scores[linked]))]
    # Only the pairs that may link become Python ints (one in ten of them):
    # the lists of every pair took some 70 bytes a pair (600 MB at 1M claims).
    fresh = n  # the number of the next cluster an evicted account starts
    for i, j in zip(a[order].tolist(), b[order].tolist(), strict=True):
        x, y = cluster_of[i], cluster_of[j]
        if x == y:
            continue
        if not cannot.compatible(members[x], members[y]):
            misfit = cannot.outvoted(members[x], members[y])
            if misfit is None or misfit in (i, j):
                continue
            # One misread account (a place borrowed from another event of its
            # article) does not keep two halves of an event apart: it leaves.
            side = x if cluster_of[misfit] == x else y
            members[side].remove(misfit)
            cluster_of[misfit] = fresh
            members[fresh] = [misfit]
            fresh += 1
        if len(members[x]) < len(members[y]):
            x, y = y, x
        for i in members[y]:
            cluster_of[i] = x
        members[x].extend(members.pop(y))
    return [sorted(m) for m in members.values()]


def _apart(
    matrix: ComparisonMatrix,
    accounts: Sequence[Account],
    a: np.ndarray,
    b: np.ndarray,
) -> np.ndarray:
    """Whether each pair ``(accounts[a[k]], accounts[b[k]])``, compared in row
    *k* of *matrix*, cannot tell of one event whatever its wording
    (:data:`CANNOT_LINK`, and another day with nobody in common)."""
    day, place, names = (
        matrix.column(feature) for feature in ("date", "place", "names")
    )
    dates, places, parties = (
        LEVEL_CODES["date"],
        LEVEL_CODES["place"],
        LEVEL_CODES["names"],
    )
    # Two places apart do not part the same names: their place counts as
    # unknown. Not for one person's trials or elections: a court in Dushanbe
    # and one in Nouakchott sentencing Marisol Kiraly are two sentencings.
    person = np.array([x.family in PERSON_FAMILIES for x in accounts], dtype=bool)
    columns = {feature: matrix.column(feature) for feature, _ in CANNOT_LINK}
    columns["place"] = np.where(
        (place == places["different"])
        & (names == parties["same names"])
        & ~(person[a] & person[b]),
        places["unknown"],
        place,
    )
    cannot = np.zeros(len(matrix), dtype=bool)
    for feature, level in CANNOT_LINK:
        cannot |= columns[feature] == LEVEL_CODES[feature][level]
    # Another day and nobody in common: nothing says one event, so the
    # days are not owed a conflict (two elections won by two people).
    # Incidents are told apart by place and time, and their "names" are
    # mostly places, so the rule is not theirs.
    cannot |= (
        (names == parties["disjoint"])
        & ((day == dates["1-3 days"]) | (day == dates["4-7 days"]))
        & ~_incidents(accounts, a, b)
    )
    # What two articles open on, told in words of two families, is one event
    # only when both date it to one day and neither places it elsewhere: the
    # government fell on Wednesday, its prime minister resigned on Thursday;
    # "Omar Takacs was jailed in Marseille on Jan. 9" and "Omar Takacs won the
    # election in Israel on Jan. 9" are two events.
    cannot |= (
        matrix.column("class") == LEVEL_CODES["class"]["leads of their articles"]
    ) & ((day != dates["same day"]) | (place == places["different"]))
    # Agreements about other things: "a fertiliser supply agreement" is not
    # "a satellite navigation treaty", whoever signed them and when. Each
    # pair of distinct sets of topics the candidate pairs meet is judged once.
    codes: dict[frozenset[str], int] = {frozenset(): 0}
    topic = np.array(
        [codes.setdefault(x.topics, len(codes)) for x in accounts], dtype=np.int64
    )
    both = np.flatnonzero((topic[a] > 0) & (topic[b] > 0))
    if len(both):
        sets = list(codes)
        pairs, inverse = np.unique(
            topic[a[both]] * len(sets) + topic[b[both]], return_inverse=True
        )
        apart = np.array(
            [not sets[k // len(sets)] & sets[k % len(sets)] for k in pairs.tolist()],
            dtype=bool,
        )
        cannot[both] |= apart[inverse.reshape(-1)]
    return cannot


def _days_apart(
    matrix: ComparisonMatrix,
    accounts: Sequence[Account],
    a: np.ndarray,
    b: np.ndarray,
) -> np.ndarray:
    """Whether each pair is two accounts dated to days more than a day apart,
    told in other words: strikes on one city two days apart are two strikes,
    and one pair's talks in one city three days apart two meetings, as reports
    of one event differ by a day at most (time zones, "yesterday"), unless the
    same words tell it (a wire copy with its day changed). Accounts of two
    families whose one event falls on one day (lexicon ``same_day_families``:
    a meeting and the signing of a deal) a day apart tell of two events: a
    leaders' talks on Jan. 3 and the accord they signed the next day are told
    apart, not one event in conflict over its day (an election and the win
    declared the next morning are still one)."""
    coarse = np.array([is_coarse(x) for x in accounts], dtype=bool)
    day = matrix.column("date")
    days_apart = (
        (
            (day == LEVEL_CODES["date"]["1-3 days"])
            | (day == LEVEL_CODES["date"]["4-7 days"])
        )
        & (matrix.column("wording") != LEVEL_CODES["wording"][">= 85"])
        & ~(coarse[a] | coarse[b])
    )
    found = np.flatnonzero(days_apart)
    if len(found):
        family = np.array([_group(x.family) for x in accounts])
        left, right = family[a[found]], family[b[found]]
        one_day = np.zeros(len(found), dtype=bool)
        for pair in trigger_lexicon().same_day:
            first, second = min(pair), max(pair)
            one_day |= ((left == first) & (right == second)) | (
                (left == second) & (right == first)
            )
        gaps = date_gaps(accounts, a[found], b[found])
        days_apart[found] = (gaps > 1) | (one_day & (gaps > 0))
    return days_apart


def _incidents(accounts: Sequence[Account], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether each pair has an incident (or what one did) on either side."""
    incident = np.array([_group(x.family) == "incident" for x in accounts], dtype=bool)
    return incident[a] | incident[b]


class _CannotLink:
    """Which accounts cannot be of one event, for :func:`_constrained_merge`:
    pairs scored are looked up in *blocked* (as ``low * n + high``); pairs
    never scored are compared now (without wording)."""

    def __init__(
        self,
        accounts: Sequence[Account],
        articles: Sequence[set[str]],
        blocked: set[int],
    ) -> None:
        self.accounts = accounts
        self.articles = articles
        self.blocked = blocked
        self.n = len(accounts)

    def reason(self, i: int, j: int) -> str | None:
        """Why accounts *i* and *j* cannot be one event's ("one article", "a
        rule"), or ``None``."""
        a, b = self.accounts[i], self.accounts[j]
        if self.articles[i] & self.articles[j] and not _told_twice(a, b):
            return "one article"
        if (
            (i * self.n + j if i < j else j * self.n + i) in self.blocked
            or not _places_fit(a, b)
            or classes_differ(a, b)
            or topics_apart(a, b)
        ):
            return "a rule"
        return None

    def compatible(self, x: Sequence[int], y: Sequence[int]) -> bool:
        """Whether no account of *x* is incompatible with one of *y*, and their
        magnitudes and consensus days fit."""
        if any(self.reason(i, j) is not None for i in x for j in y):
            return False
        accounts = self.accounts
        if _magnitudes_apart(_magnitude(x, accounts), _magnitude(y, accounts)):
            return False
        left, right = _consensus(x, accounts), _consensus(y, accounts)
        return left is None or right is None or _dates_fit(left, right)

    def outvoted(self, x: Sequence[int], y: Sequence[int]) -> int | None:
        """The one account of *x* or *y* that alone keeps them apart, when the
        rest of its cluster outvotes it: two or more accounts that fit the
        other cluster, one of them placed where the other cluster is, and the
        rest agrees with the other cluster on the day or gives none (one
        outlet's wrong day alone dated its cluster). ``None`` when another
        account, one article or the clusters' dates or magnitudes part them."""
        suspects: set[int] | None = None
        for i in x:
            for j in y:
                why = self.reason(i, j)
                if why == "one article":
                    return None
                if why is not None:
                    suspects = {i, j} if suspects is None else suspects & {i, j}
                    if not suspects:
                        return None
        if suspects is None or len(suspects) != 1:
            return None
        (misfit,) = suspects
        side, other = (x, y) if misfit in x else (y, x)
        rest = [m for m in side if m != misfit]
        accounts = self.accounts
        near = any(placed_alike(accounts[r], accounts[o]) for r in rest for o in other)
        left, right = _consensus(rest, accounts), _consensus(other, accounts)
        if (
            len(rest) < 2
            or not near
            or right is None
            or (left is not None and left.date != right.date)
            or not self.compatible(rest, other)
        ):
            return None
        return misfit


def _told_twice(a: Account, b: Account) -> bool:
    """Whether two accounts of one article may yet tell of one event: of one
    class (or incidents whose kinds no word names apart), one of them undated,
    their places fitting and their parties not other parties. An article that
    tells of the US-China talks in Busan on Thursday, then of "the talks"
    Trump called "an amazing meeting", keeps two accounts (the second names
    only the United States); once each has joined other outlets' accounts of
    the talks, the two sides may join. Two events of a roundup are dated or
    placed apart, or have other parties."""
    return (
        (
            a.event_class == b.event_class
            # "derailed on Monday" and "the train hit a dump truck": incidents
            # whose kinds no word of both names apart
            or (a.family == b.family == "incident" and not classes_differ(a, b))
        )
        and (a.date is None or b.date is None)
        and _places_fit(a, b)
        and not parties_apart(a, b)
    )


def _magnitude(
    cluster: Sequence[int], accounts: Sequence[Account]
) -> tuple[float, float] | None:
    """The magnitude most accounts of *cluster* give (the lowest on a tie): an
    aftershock's magnitude told as the quake's must not keep the quake apart
    from itself, as one outlet's wrong day does not (:func:`_consensus`)."""
    counts: dict[tuple[float, float], int] = defaultdict(int)
    for i in cluster:
        if accounts[i].magnitude is not None:
            counts[accounts[i].magnitude] += 1  # type: ignore[index]
    if not counts:
        return None
    return max(sorted(counts), key=lambda m: counts[m])


def _magnitudes_apart(
    a: tuple[float, float] | None, b: tuple[float, float] | None
) -> bool:
    """Whether two magnitudes are :data:`MAGNITUDES_APART` or more apart."""
    if a is None or b is None:
        return False
    return b[0] - a[1] >= MAGNITUDES_APART or a[0] - b[1] >= MAGNITUDES_APART


def _consensus(cluster: Sequence[int], accounts: Sequence[Account]) -> Account | None:
    """The account of *cluster* whose date most of its dated accounts give (the
    earliest on a tie): one outlet's wrong day must not keep an event apart
    from itself."""
    dated = [accounts[i] for i in cluster if accounts[i].date is not None]
    if not dated:
        return None
    # A day outvotes a month: "in August 2024" must not bridge Aug. 10 and 17.
    precise = [a for a in dated if not is_coarse(a)]
    dated = precise or dated
    counts: dict[tuple[date, date], int] = defaultdict(int)
    for account in dated:
        counts[account.date] += 1  # type: ignore[index]
    best = max(sorted(counts), key=lambda d: counts[d])
    return next(a for a in dated if a.date == best)


def _dates_fit(a: Account, b: Account) -> bool:
    if a.date is None or b.date is None:
        return True
    gap = date_gap(a, b)
    if is_coarse(a) or is_coarse(b):
        return gap <= COARSE_REACH
    if gap > 7:
        return False
    precise = a.date[0] == a.date[1] and b.date[0] == b.date[1]
    return not (precise and gap >= 4)


def _places_fit(a: Account, b: Account) -> bool:
    if (
        "incident" in (_group(a.family), _group(b.family))
        and a.countries
        and b.countries
        and not a.countries & b.countries
    ):
        # Incidents in two countries: one town name does not make them one.
        return False
    if not a.local or not b.local or not towns_apart(a, b):
        # Towns not apart share a place, hold one another, or are a region
        # and a town the gazetteer places nowhere ("Missouri", "Mendon").
        return True
    # Two towns apart tell two events apart, unless the same parties say one
    # (a signing of two countries, put in one capital or the other); one
    # country's strikes on two towns are two strikes, and one person's trials
    # in two towns two trials.
    return (
        a.family in _PLACED_BY_PARTIES
        and b.family in _PLACED_BY_PARTIES
        and bool(a.names)
        and a.names == b.names
    )


#: Families whose same parties make one event, wherever the reports put it.
_PLACED_BY_PARTIES = PARTY_FAMILIES - PERSON_FAMILIES


def _event(
    cluster: Sequence[int],
    accounts: Sequence[Account],
    members: Sequence[Sequence[tuple[str, int]]],
    claims: Mapping[str, Claim],
    evidence: Mapping[int, tuple[MatchReason, ...]],
) -> Event:
    mentions = sorted(m for index in cluster for m in members[index])
    claim_ids = sorted({m[0] for m in mentions}, key=lambda i: claim_order(claims[i]))
    classes: dict[str, int] = defaultdict(int)
    for index in cluster:
        classes[accounts[index].event_class] += 1
    event_class = max(sorted(classes), key=lambda c: classes[c])
    family = next(
        accounts[i].family for i in cluster if accounts[i].event_class == event_class
    )
    dates = [accounts[i].date for i in cluster if accounts[i].date is not None]
    narrow = min(dates, key=lambda d: ((d[1] - d[0]).days, d[0])) if dates else None
    when = None
    if narrow is not None:
        when = (
            narrow[0].isoformat()
            if narrow[0] == narrow[1]
            else f"{narrow[0].isoformat()}/{narrow[1].isoformat()}"
        )
    places = sorted({p for i in cluster for p in accounts[i].places})
    names = sorted({n for i in cluster for n in accounts[i].names})
    first = min(mentions, key=lambda m: (claim_order(claims[m[0]]), m[1]))
    return Event(
        id=event_id(*first),
        event_class=event_class,
        family=family,
        mentions=mentions,
        claim_ids=claim_ids,
        # Days and sets of places and names recur across events: one copy each.
        date=shared_value(when),
        places=shared_value(tuple(places)),
        participants=shared_value(tuple(names)),
        evidence=[
            (accounts[i].key, evidence[i]) for i in sorted(cluster) if i in evidence
        ],
    )


def event_id(claim_id: str, mention: int) -> str:
    """The id of the event whose earliest mention is mention *mention* of claim
    *claim_id*: ``E`` and 16 hex digits of a BLAKE2b digest, stable across runs.

    >>> event_id("tass-0117#2", 0)
    'E042c55061a00e723'
    """
    key = claim_id if mention == 0 else f"{claim_id}/{mention}"
    return "E" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def claim_order(claim: Claim) -> tuple[str, str, int]:
    """The sort key of "earliest claim": publication date (undated last), article id, position."""
    published = claim.published.isoformat() if claim.published else "9999-99-99"
    return (published, claim.article_id, claim.span.start)
