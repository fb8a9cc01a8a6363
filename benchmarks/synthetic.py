"""A deterministic synthetic multi-outlet news corpus, with gold facts, for benchmarks.

:func:`generate_corpus` builds many *events* (treaty signings, missile strikes,
earthquakes, elections, court rulings, supply deliveries, summits) between
actors drawn from the bundled gazetteer (countries, their capitals and cities,
and world leaders), and has several outlets report each one. Each article is a
few sentences built from reworded templates:

* synonyms the way outlets vary them: signed/inked/concluded/sealed,
  treaty/pact/agreement/accord/deal, killed/died, struck/hit/shook ...;
* actors under several names: "Russia", "Moscow", "Vladimir Putin", "Russian";
* event dates written relative to each article's ``published`` date: "today",
  "yesterday", "on Friday", "last Friday", "Jan. 17", "on 17 January",
  "January 17, 2025", "in January 2025";
* figures written exactly, as words or with a qualifier ("at least 12 people",
  "twelve people"), with some outlets contradicting the others on purpose
  (a date a day off, another death toll, another treaty term) and death tolls
  that rise in later reports;
* look-alike distractors: the same verb with a different actor pair, both as
  separate events and as "X signed a similar pact with Z in March 2024" inside
  articles;
* wire copy (one outlet running another's text) and a sprinkle of page
  furniture lines (newsletter prompts, captions, "READ MORE"), which the
  library's own ``remove_furniture`` strips as ``load_articles`` would
  (``clean=False`` leaves them in ``Article.text``).

Every claim-bearing clause the generator writes is a :class:`GoldMention`
naming the fact it states, so a clustering can be scored against the gold.
Generation is fast: about 100,000 claims in a couple of seconds.

>>> corpus = generate_corpus(200, seed=1)
>>> len(corpus.gold) >= 200, corpus.articles[0].published is not None
(True, True)
>>> generate_corpus(200, seed=1).articles == corpus.articles
True
"""

from __future__ import annotations

import json
import math
import random
import re
import string
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from reconcile.extract.actors import Gazetteer, load_gazetteer
from reconcile.ingest import remove_furniture
from reconcile.model import Article

__all__ = [
    "EVENT_KINDS",
    "Corpus",
    "GoldClause",
    "GoldEvent",
    "GoldFact",
    "GoldMention",
    "GoldValue",
    "choose_quote",
    "fact_gold",
    "generate_corpus",
    "write_corpus",
]

EVENT_KINDS: tuple[str, ...] = (
    "treaty",
    "strike",
    "quake",
    "election",
    "ruling",
    "delivery",
    "summit",
)
"""The kinds of event the generator writes about."""

_KIND_WEIGHTS = (0.22, 0.2, 0.1, 0.1, 0.1, 0.14, 0.14)
CLAIMS_PER_DAY = 200
"""The default news density: claims written per day of events."""


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One clause of one article that states one gold fact.

    ``start``/``end`` are character offsets into ``Article.text``, so
    ``article.text[start:end]`` is the clause. A mention the library's furniture
    removal cut out has ``start == end == 0``.
    """

    article_id: str
    start: int
    end: int
    fact_id: str
    clause: GoldClause | None = field(default=None, compare=False, repr=False)
    """What the clause states at the (event, attribute) level: its gold event, its
    origin and each value it writes (``None`` for mentions made by hand)."""


@dataclass(frozen=True, slots=True)
class GoldValue:
    """One value a clause writes, bound to one attribute of the clause's event.

    ``start``/``end`` are offsets into the clause (so they survive the clause's
    moves: compound sentences, furniture removal, roundups). ``low``/``high`` is
    the value's interval (dates as proleptic ordinals, ``math.inf`` for an open
    end), which decides whether two values conflict.
    """

    attribute: str
    kind: str
    """``"date"`` or ``"quantity"``, as in the JSON report's values."""
    start: int
    end: int
    normalized: str
    """What the extractor should give: an ISO date at its precision ("2024-01-17",
    "2024-03", "1992") or ``Quantity.normalized`` (">=12 people", "20 years")."""
    low: float
    high: float
    planted: bool = False
    """A planted variation altered this value (a date a day off, another figure)."""


@dataclass(frozen=True, slots=True)
class GoldClause:
    """What one clause states at the (event, attribute) level of DESIGN.md.

    ``values`` are the values it gives to attributes of ``event``; a clause with
    none states the proposition ``statement`` (e.g. ``"rescue"`` for "Rescuers
    searched the rubble ..."). ``origin`` is the outlet whose text it is: a wire
    copy's clauses keep the origin of the outlet that wrote them.
    """

    event: str
    origin: str
    values: tuple[GoldValue, ...] = ()
    statement: str | None = None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event: a generated event, a look-alike sentence's event, or a pair's
    background event (diplomatic relations), in the ``events`` shape of
    ``fixtures/README.md``."""

    id: str
    kind: str
    description: str
    date: str
    place: str
    distractor: bool
    running_toll: bool = False
    """Later reports of it revise its death toll upwards (status ``updated``)."""


def gold_event(fact_id: str) -> str:
    """The gold event a fact belongs to: ``E12`` for ``E12:main`` or ``E12:figure``.

    A look-alike sentence ("X signed a similar pact with Z in March") tells of
    another event, which every report of ``E12`` mentions, so its event is the
    fact itself (``E12:lookalike``).
    """
    event, _, fact = fact_id.partition(":")
    return fact_id if fact == "lookalike" else event


@dataclass(slots=True)
class GoldFact:
    """What the generator knows about one fact: its kind, who states it, what was planted."""

    id: str
    kind: str
    origins: set[str] = field(default_factory=set)
    conflict: bool = False
    """Some outlet deliberately states a value that contradicts the others."""
    values: set[str] = field(default_factory=set)
    """The figures stated (for rising tolls: several values without a conflict)."""

    @property
    def status(self) -> str:
        """The status the planted variations call for (approximate: see README)."""
        if len(self.origins) < 2:
            return "single_source"
        if self.conflict:
            return "conflicting"
        if len(self.values) > 1:
            return "updated"
        return "corroborated"


@dataclass(frozen=True, slots=True)
class Corpus:
    """A generated corpus: the articles, the gold mentions and the furniture spans."""

    articles: tuple[Article, ...]
    gold: tuple[GoldMention, ...]
    facts: dict[str, GoldFact]
    furniture: tuple[tuple[str, int, int], ...]
    """``(article id, start, end)`` of every page-furniture line left in ``Article.text``."""
    events: int
    seed: int
    span_days: int = 0
    """How many days the events are spread over."""
    cleaned: bool = True
    """Whether the bodies went through the library's furniture removal (``Article.text``
    is then the cleaned text, ``Article.raw_text`` the body as generated)."""
    dropped_mentions: int = 0
    """Gold mentions that furniture removal cut out of the text (they stay in ``gold``
    with an empty span, so they count as missed)."""
    ingest_seconds: float = 0.0
    """Time spent in the library's furniture removal while generating."""
    gold_events: dict[str, GoldEvent] = field(default_factory=dict)
    """Every gold event a kept clause tells of, by id (``E12``, ``E12:lookalike``,
    ``ctx:Iran|Russia``): the events of the (event, attribute) gold."""


# --------------------------------------------------------------------------- vocabulary

_OUTLETS = (
    "The Morning Ledger",
    "Baltic Wire",
    "Caspian Observer",
    "Continental Press",
    "Pamir Dispatch",
    "Steppe Review",
    "Harbour Gazette",
    "Northern Courier",
    "Meridian News",
    "Coastline Daily",
    "Ridgeline News",
    "Southern Cross Gazette",
    "The Evening Lantern",
    "Atlas Bulletin",
    "Granite City Times",
    "The Lakeside Record",
    "Horizon Report",
    "Compass Post",
    "The Daily Beacon",
    "Riverside Chronicle",
    "Summit Herald",
    "The Weekly Almanac",
    "Frontier Journal",
    "The Plainsman",
    "Keystone Tribune",
    "Delta Courant",
    "Highland Sentinel",
    "The Orchard Times",
    "Westgate Monitor",
    "The Civic Ledger",
)
_FIRST = [
    "Elena",
    "Marisol",
    "Tomas",
    "Anika",
    "Jonas",
    "Lucia",
    "Mateo",
    "Irina",
    "Karim",
    "Leila",
    "Nadia",
    "Pavel",
    "Sonja",
    "Omar",
    "Hana",
    "Viktor",
    "Amara",
    "Diego",
    "Ingrid",
    "Rafael",
    "Selin",
    "Tariq",
    "Yara",
    "Bruno",
    "Carmen",
    "Emil",
    "Farah",
    "Goran",
    "Ilse",
    "Joaquin",
    "Kemal",
    "Lina",
    "Milos",
    "Noor",
    "Oskar",
    "Petra",
    "Rania",
    "Stefan",
    "Tamsin",
    "Ugo",
]
_LAST = [
    "Marchetti",
    "Okonkwo",
    "Lindqvist",
    "Haddad",
    "Novak",
    "Ferreira",
    "Kowalczyk",
    "Benali",
    "Duarte",
    "Halvorsen",
    "Castellanos",
    "Demir",
    "Varga",
    "Oyelaran",
    "Petrescu",
    "Sandoval",
    "Takacs",
    "Ibarra",
    "Quist",
    "Moreau",
    "Brandt",
    "Esposito",
    "Fonseca",
    "Galvan",
    "Holm",
    "Jovanovic",
    "Kiraly",
    "Lozano",
    "Mbeki",
    "Nieminen",
    "Orsolya",
    "Pacheco",
    "Renwick",
    "Strand",
    "Tavares",
    "Urquhart",
    "Valdivia",
    "Wexler",
    "Yilmaz",
    "Zeller",
]
_TOPICS = (
    "strategic partnership",
    "trade",
    "energy",
    "defence",
    "grain export",
    "fisheries",
    "visa-free travel",
    "nuclear energy",
    "border demarcation",
    "customs",
    "investment protection",
    "space research",
    "cybersecurity",
    "water-sharing",
    "railway",
    "free trade",
    "migration",
    "public health",
    "student exchange",
    "pipeline",
    "mining",
    "fertiliser supply",
    "satellite navigation",
    "shipbuilding",
)
_TREATY = ("treaty", "pact", "agreement", "accord", "deal")
_SIGNED = ("signed", "inked", "concluded", "sealed")
_WEAPONS = (
    ("missile", "missiles"),
    ("drone", "drones"),
    ("rocket", "rockets"),
    ("glide bomb", "glide bombs"),
)
_BUILDINGS = (
    "apartment block",
    "school",
    "hospital",
    "market",
    "railway station",
    "warehouse",
    "power plant",
    "shopping centre",
    "grain terminal",
    "bus depot",
)
_ITEMS = (
    ("drones", 50, 900),
    ("tanks", 10, 120),
    ("air defence systems", 2, 12),
    ("artillery shells", 2000, 90000),
    ("tonnes of grain", 5000, 200000),
    ("armoured vehicles", 20, 300),
    ("power generators", 40, 800),
    ("ambulances", 10, 150),
)
_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_AP = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_WEEKDAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]
_NEEDS_THE = re.compile(
    r"United|Republic|Islands|Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles"
)
_SKIP_COUNTRIES = frozenset({"Soviet Union", "Vatican"})
_MAJOR = (
    "Russia",
    "Ukraine",
    "United States",
    "China",
    "Iran",
    "Israel",
    "India",
    "Turkey",
    "France",
    "Germany",
    "United Kingdom",
    "Japan",
    "Brazil",
    "Saudi Arabia",
    "Pakistan",
    "Egypt",
    "North Korea",
    "South Korea",
    "Syria",
    "Poland",
)
_FURNITURE: tuple[str, ...] = (
    "Sign up for our {outlet} morning newsletter",
    "READ MORE",
    "Advertisement",
    "Share this article",
    "Most read",
    "Listen to this article",
    "2 min read",
    "* indicates required",
    "Enter your email address",
    "Thank you for subscribing!",
    "Follow {outlet} on X",
    "Get our breaking news email, free app or daily news podcast",
    "Click here to read more",
    "Photograph: {person}/AFP via Getty Images",
    "Officials at the scene in {place}. Photograph: {person}/Reuters",
)


# --------------------------------------------------------------------------- templates
# Each fact kind has templates: format strings over the slots of one article.
# Fields: A, B (actor surfaces), An, Bn (plain names), Aadj/Badj (demonyms),
# date / Date (date phrase, lower/capitalised), and per-kind figures.

_T: dict[str, tuple[str, ...]] = {
    "treaty.main": (
        "{A} and {B} {signed} a {topic} {treaty} {date}.",
        "{A} and {B} {signed} a {term}-year {topic} {treaty} {date}.",
        "{A} {signed} a {topic} {treaty} with {B} {date}.",
        "The {topic} {treaty} between {A} and {B} was {signed} {date} in {venue}.",
        "{Date}, {A} and {B} {signed} a {topic} {treaty} in {venue}.",
        "{A} and {B} {signed} a {topic} {treaty} {date}, officials said.",
    ),
    "treaty.head": ("{An} and {Bn} sign {topic} {treaty}",),
    "treaty.figure": (
        "The {treaty} between {A} and {B} will remain in force for {term} years.",
        "The {topic} {treaty} between {A} and {B} runs for {term} years.",
        "Under the {treaty}, {A} and {B} committed to cooperate for {term} years.",
    ),
    "treaty.colour": (
        "Officials in {An} called the {topic} {treaty} with {Bn} a turning point in relations.",
        "{An} described the {treaty} with {Bn} as a new chapter in bilateral relations.",
    ),
    "treaty.lookalike": (
        "{An} {signed} a similar {treaty} with {Cn} in {month}.",
        "In {month}, {An} {signed} a comparable {treaty} with {Cn}.",
    ),
    "strike.main": (
        "{A_Aadj} {weapon} strike on {city} killed {n} {date}.",
        "{N} were killed when {Aadj} {weapons} hit {city} {date}.",
        "{A} struck {city} with {weapons} {date}, killing {n}.",
        "{N} died in {a_Aadj} {weapon} attack on {city} {date}, officials said.",
        "{Date}, {a_Aadj} {weapon} strike on {city} killed {n}.",
    ),
    "strike.head": ("{Aadj} strike on {city} kills {n0}",),
    "strike.figure": (
        "{M} were injured in the attack on {city}.",
        "Another {mnum} people were wounded in {city}, {Badj} officials said.",
        "The strike on {city} also injured {m}.",
    ),
    "strike.colour": (
        "Rescuers searched the rubble of a {building} in {city} for survivors.",
        "Emergency crews in {city} pulled survivors from a damaged {building}.",
    ),
    "strike.lookalike": (
        "A similar {Aadj} strike on {Cn} killed {k} people in {month}.",
        "In {month}, {a_Aadj} {weapon} attack on {Cn} killed {k} people.",
    ),
    "quake.main": (
        "A magnitude {x} earthquake struck {where} {date}.",
        "A {x}-magnitude quake hit {where} {date}.",
        "An earthquake with a magnitude of {x} shook {where} {date}, seismologists said.",
        "{Date}, a magnitude {x} earthquake hit {where}.",
    ),
    "quake.head": ("Magnitude {x} earthquake strikes {Bn}",),
    "quake.figure": (
        "The earthquake in {Bn} killed {n}.",
        "{N} died in the quake in {Bn}, officials said.",
        "The death toll from the earthquake in {Bn} rose to {n}.",
    ),
    "quake.colour": (
        "Rescue teams in {Bn} searched collapsed {building}s for survivors.",
        "In {Bn}, aftershocks damaged a {building} near the epicentre.",
    ),
    "quake.lookalike": (
        "A magnitude {x2} quake struck {Cn} in {month}.",
        "In {month}, an earthquake of magnitude {x2} hit {Cn}.",
    ),
    "election.main": (
        "{P} won the presidential election in {A} {date}.",
        "Voters in {A} elected {P} as president {date}.",
        "{P} was elected president of {A} {date}, taking {pct} percent of the vote.",
        "{P} won the presidential election in {A} {date} with {pct}% of the vote.",
    ),
    "election.head": ("{P} wins presidential election in {An}",),
    "election.figure": (
        "Turnout in the presidential election in {An} was {t} percent, the electoral commission said.",
        "The electoral commission in {An} put turnout in the presidential election at {t}%.",
    ),
    "election.colour": (
        "Supporters of {P} celebrated in the streets of {venue}.",
        "Crowds gathered in {venue} to celebrate the victory of {P}.",
    ),
    "election.lookalike": (
        "{Q} won a presidential election in {Cn} in {month}.",
        "In {month}, voters in {Cn} elected {Q} as president.",
    ),
    "ruling.main": (
        "A court in {city} sentenced {P} to {n} years in prison {date}.",
        "{P} was jailed for {n} years by a court in {city} {date}.",
        "{A_Aadj} court sentenced {P} to {n} years {date}.",
        "{Date}, a court in {city} sentenced {P} to {n} years in prison.",
    ),
    "ruling.head": ("Court in {city} jails {P} for {n} years",),
    "ruling.colour": (
        "Lawyers for {P} said they would appeal the verdict of the court in {city}.",
        "{P} denied the charges throughout the trial in {city}.",
    ),
    "ruling.lookalike": (
        "The same court in {city} sentenced {Q} to {k} years in {month}.",
        "In {month}, a court in {city} sentenced {Q} to {k} years in prison.",
    ),
    "delivery.main": (
        "{A} delivered {n} {items} to {B} {date}.",
        "{A} sent {n} {items} to {B} {date}, officials said.",
        "{B} received {n} {items} from {A} {date}.",
        "{Date}, {A} shipped {n} {items} to {B}.",
    ),
    "delivery.head": ("{An} delivers {items} to {Bn}",),
    "delivery.colour": (
        "{Bn} had asked {An} for more {items} earlier this year.",
        "Officials in {Bn} thanked {An} for the {items}.",
    ),
    "delivery.lookalike": (
        "{An} delivered {k} {items} to {Cn} in {month}.",
        "In {month}, {An} sent {k} {items} to {Cn}.",
    ),
    "summit.main": (
        "{PA} met {PB} in {venue} {date}.",
        "{PA} hosted {PB} for talks in {venue} {date}.",
        "{PA} and {PB} held talks in {venue} {date}.",
        "{Date}, {PA} met {PB} in {venue}.",
    ),
    "summit.head": ("{PA} meets {PB} in {venue}",),
    "summit.colour": (
        "{PA} and {PB} discussed {topic} during their talks in {venue}.",
        "During the talks in {venue}, {PA} and {PB} discussed {topic}.",
    ),
    "summit.lookalike": (
        "{PA} met {PC} in {month}.",
        "In {month}, {PA} held talks with {PC}.",
    ),
    "context": (
        "{An} and {Bn} established diplomatic relations in {year}.",
        "Diplomatic relations between {An} and {Bn} date back to {year}.",
    ),
}
#: Per-article probability of stating each fact of its event.
_FACT_PROBABILITY = {
    "head": 0.25,
    "main": 0.95,
    "figure": 0.6,
    "colour": 0.35,
    "lookalike": 0.3,
    "context": 0.25,
}
_PAIR_KINDS = frozenset({"treaty", "strike", "delivery", "summit"})
#: The slots holding each kind's checkable figure: where conflicts are planted.
_FIGURE_SLOTS: dict[str, tuple[str, ...]] = {
    "treaty": ("term",),
    "strike": ("n", "N", "n0"),
    "quake": ("n", "N"),
    "election": ("t",),
    "ruling": ("n",),
    "delivery": ("n",),
    "summit": (),
}


@dataclass(frozen=True, slots=True)
class _ValueSlot:
    """How a template slot writes a value: the attribute it gives and the words
    around the slot that belong to the value as written ("20" of "a 20-year pact"
    is written "20-year")."""

    attribute: str
    unit: str
    """``Quantity.unit`` of the value; ``""`` for a date."""
    before: str = ""
    """A regular expression for words just before the slot that the value includes."""
    after: str = ""
    """A regular expression for words just after the slot that the value includes."""


_DATE_SLOT = _ValueSlot("date", "")
_PEOPLE_KILLED = _ValueSlot("people killed", "people")
_PERCENT_AFTER = r"(?: percent|%)"
_MAGNITUDE = _ValueSlot(
    "magnitude",
    "magnitude",
    before=r"(?:[Mm]agnitude (?:of )?)?",
    after=r"(?:-magnitude)?",
)
#: The slots of each event kind that write a value of the clause's event, and how.
#: ``date``/``Date`` date the event; ``month`` dates a look-alike; ``year`` dates
#: the pair's diplomatic relations. Delivery counts take their unit from ``items``.
_VALUE_SLOTS: dict[str, dict[str, _ValueSlot]] = {
    "treaty": {"term": _ValueSlot("term in years", "years", after=r"(?:-year| years)")},
    "strike": {
        "n": _PEOPLE_KILLED,
        "N": _PEOPLE_KILLED,
        "n0": _PEOPLE_KILLED,
        "k": _ValueSlot("people killed", "people", after=" people"),
        "m": _ValueSlot("people injured", "people"),
        "M": _ValueSlot("people injured", "people"),
        "mnum": _ValueSlot("people injured", "people", after=" people"),
    },
    "quake": {
        "x": _MAGNITUDE,
        "x2": _MAGNITUDE,
        "n": _PEOPLE_KILLED,
        "N": _PEOPLE_KILLED,
    },
    "election": {
        "pct": _ValueSlot("vote share in percent", "percent", after=_PERCENT_AFTER),
        "t": _ValueSlot("turnout in percent", "percent", after=_PERCENT_AFTER),
    },
    "ruling": {
        "n": _ValueSlot("years in prison", "years", after=" years"),
        "k": _ValueSlot("years in prison", "years", after=" years"),
    },
    "delivery": {"n": _ValueSlot("", ""), "k": _ValueSlot("", "")},
    "summit": {},
}
#: ``Quantity.unit`` of each delivered item (the counted noun).
_ITEM_UNITS = {
    "drones": "drones",
    "tanks": "tanks",
    "air defence systems": "systems",
    "artillery shells": "shells",
    "tonnes of grain": "tonnes",
    "armoured vehicles": "vehicles",
    "power generators": "generators",
    "ambulances": "ambulances",
}
#: The proposition each template of a clause without values states, by template
#: index: two wordings of one proposition share its name.
_PROPOSITIONS: dict[str, tuple[str, ...]] = {
    "treaty.head": ("signing",),
    "treaty.colour": ("turning point", "turning point"),
    "strike.colour": ("search for survivors", "search for survivors"),
    "quake.colour": ("search for survivors", "aftershock damage"),
    "election.head": ("victory",),
    "election.colour": ("celebration", "celebration"),
    "ruling.colour": ("appeal", "denial"),
    "delivery.head": ("delivery",),
    "delivery.colour": ("request", "thanks"),
    "summit.head": ("meeting",),
    "summit.colour": ("talks topic", "talks topic"),
}
_EVENT_CLASSES = {
    "treaty": "treaty signing",
    "strike": "strike",
    "quake": "earthquake",
    "election": "election",
    "ruling": "court ruling",
    "delivery": "delivery",
    "summit": "summit",
}


# --------------------------------------------------------------------------- cast


@dataclass(frozen=True, slots=True)
class _Country:
    name: str
    surface: str
    demonym: str | None
    capital: str | None
    cities: tuple[str, ...]
    leaders: tuple[str, ...]


def _build_cast(gazetteer: Gazetteer, rng: random.Random) -> list[_Country]:
    """Countries with their names, capitals, cities and leaders, most newsworthy
    first; from the hand-kept gazetteer only (the places derived from GeoNames
    aside), so that a feed does not change with that table."""
    names = [n for n in gazetteer if n not in gazetteer._places_only]
    cities: dict[str, list[str]] = defaultdict(list)
    capitals: dict[str, str] = {}
    leaders: dict[str, list[str]] = defaultdict(list)
    for name in names:
        kind = gazetteer.type_of(name)
        if kind == "city":
            stands = gazetteer.stands_for(name)
            if stands:
                capitals.setdefault(stands, name)
            for outer in gazetteer.within(name):
                if gazetteer.type_of(outer) == "country":
                    cities[outer].append(name)
        elif kind == "person":
            affiliation = gazetteer.affiliation(name)
            if affiliation:
                leaders[affiliation].append(name)
    countries = [
        n
        for n in names
        if gazetteer.type_of(n) == "country" and n not in _SKIP_COUNTRIES
    ]
    major = [c for c in _MAJOR if c in countries]
    rest = sorted(set(countries) - set(major))
    rng.shuffle(rest)
    return [
        _Country(
            name=c,
            surface=("the " + c) if _NEEDS_THE.search(c) else c,
            demonym=gazetteer.demonym(c),
            capital=capitals.get(c),
            cities=tuple(cities.get(c, ())),
            # the first person listed for a state is its head (Putin, Zelensky, ...)
            leaders=tuple(leaders.get(c, ()))[:1],
        )
        for c in major + rest
    ]


# --------------------------------------------------------------------------- dates


def _ap_date(day: date) -> str:
    return f"{_MONTH_AP[day.month - 1]} {day.day}"


def _date_phrase(event: date, published: date, rng: random.Random) -> str:
    """How an article published on *published* names the day *event*."""
    gap = (published - event).days
    weekday = _WEEKDAYS[event.weekday()]
    full = f"{_MONTHS[event.month - 1]} {event.day}, {event.year}"
    if gap == 0:
        options = ["today", f"on {weekday}", f"on {_ap_date(event)}", f"on {full}"]
    elif gap == 1:
        options = [
            "yesterday",
            f"on {weekday}",
            f"on {_ap_date(event)}",
            f"on {event.day} {_MONTHS[event.month - 1]}",
        ]
    elif gap <= 6:
        options = [
            f"on {weekday}",
            f"last {weekday}",
            f"on {_ap_date(event)}",
            f"on {full}",
        ]
    else:
        options = [
            f"on {full}",
            f"on {event.day} {_MONTHS[event.month - 1]} {event.year}",
            f"in {_MONTHS[event.month - 1]} {event.year}",
        ]
        if gap < 200:
            options.append(f"on {_ap_date(event)}")
    return rng.choice(options)


def _month_phrase(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"


# --------------------------------------------------------------------------- figures


def _people(n: int, rng: random.Random, *, exact: bool = False) -> str:
    """A casualty figure for *n* people: "12 people", "at least 12 people", "twelve people"."""
    if exact:
        return f"{n} people"
    roll = rng.random()
    if roll < 0.25 and n <= 20:
        return f"{_NUMBER_WORDS[n]} people"
    if roll < 0.5:
        return f"at least {n} people"
    return f"{n:,} people"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _indefinite(word: str) -> str:
    """*word* with its indefinite article: "a Russian", "an American"."""
    return ("an " if word[:1] in "AEIOU" else "a ") + word


# --------------------------------------------------------------------------- events


@dataclass(slots=True)
class _Event:
    number: int
    kind: str
    day: date
    a: _Country
    b: _Country
    c: _Country
    slots: dict[str, object]
    rising: bool
    facts: tuple[str, ...]
    copies: int | None = None
    """The number of the recent event whose kind and first actor this one copies."""


class _Generator:
    """Stateful generator: one random stream, the cast, and the growing outputs."""

    def __init__(
        self, seed: int, gazetteer: Gazetteer, span_days: int, *, clean: bool
    ) -> None:
        self.rng = random.Random(seed)
        self.clean = clean
        self.dropped = 0
        self.ingest_seconds = 0.0
        self.cast = _build_cast(gazetteer, self.rng)
        self._cumulative: dict[int, list[float]] = {}
        self.attackers = [c for c in self.cast if c.demonym]
        self.with_cities = [c for c in self.cast if c.cities]
        self.with_leaders = [c for c in self.cast if c.leaders]
        self.start = date(2024, 1, 1)
        self.span_days = span_days
        self.articles: list[Article] = []
        self.gold: list[GoldMention] = []
        self.facts: dict[str, GoldFact] = {}
        self.furniture: list[tuple[str, int, int]] = []
        self.recent: list[_Event] = []
        self.events = 0
        self.used_ids: set[str] = set()
        self.gold_events: dict[str, GoldEvent] = {}

    # ---- choosing actors

    def _country(self, exclude: Sequence[_Country] = ()) -> _Country:
        return self._pick(self.cast, exclude)

    def _person(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"

    def _surface(self, country: _Country, *, leader: bool = True) -> str:
        roll = self.rng.random()
        if roll < 0.18 and country.capital:
            return country.capital
        if leader and roll < 0.32 and country.leaders:
            return self.rng.choice(country.leaders)
        return country.surface

    # ---- events

    def new_event(self) -> _Event:
        rng = self.rng
        self.events += 1
        lookalike_of = (
            rng.choice(self.recent[-20:])
            if self.recent and rng.random() < 0.25
            else None
        )
        if lookalike_of is not None:
            kind = lookalike_of.kind
            day = lookalike_of.day + timedelta(days=rng.randint(-3, 3))
        else:
            kind = rng.choices(EVENT_KINDS, _KIND_WEIGHTS)[0]
            day = self.start + timedelta(days=rng.randrange(self.span_days))
        if kind == "strike":
            a = lookalike_of.a if lookalike_of else self._pick(self.attackers)
            b = self._pick(self.with_cities, exclude=(a,))
        elif kind in ("quake", "election", "ruling"):
            a = b = (
                self._pick(self.with_cities)
                if lookalike_of is None
                else self._pick(self.with_cities, exclude=(lookalike_of.a,))
            )
        elif kind == "summit":
            a = lookalike_of.a if lookalike_of else self._pick(self.with_leaders)
            b = self._pick(self.with_leaders, exclude=(a,))
        else:
            a = lookalike_of.a if lookalike_of else self._country()
            b = self._country(exclude=(a,))
        c = self._country(exclude=(a, b))
        slots = self._event_slots(kind, day, a, b, c)
        facts = ["head", "main", "colour", "lookalike"]
        if kind in ("treaty", "strike", "quake", "election"):
            facts.append("figure")
        if kind in _PAIR_KINDS:
            facts.append("context")
        event = _Event(
            self.events,
            kind,
            day,
            a,
            b,
            c,
            slots,
            rising=kind in ("strike", "quake") and rng.random() < 0.3,
            facts=tuple(facts),
            copies=lookalike_of.number if lookalike_of is not None else None,
        )
        self.recent.append(event)
        if len(self.recent) > 40:
            del self.recent[:20]
        return event

    def _pick(
        self, pool: Sequence[_Country], exclude: Sequence[_Country] = ()
    ) -> _Country:
        """A country from *pool*, the first ones (most newsworthy) most often."""
        cumulative = self._cumulative.get(id(pool))
        if cumulative is None:
            cumulative = list(accumulate(1.0 / (rank + 4) for rank in range(len(pool))))
            self._cumulative[id(pool)] = cumulative
        while True:
            pick = self.rng.choices(pool, cum_weights=cumulative)[0]
            if pick not in exclude:
                return pick

    def _event_slots(
        self, kind: str, day: date, a: _Country, b: _Country, c: _Country
    ) -> dict[str, object]:
        rng = self.rng
        earlier = day - timedelta(days=rng.randint(40, 400))
        slots: dict[str, object] = {
            "topic": rng.choice(_TOPICS),
            "month": _month_phrase(earlier),
            "venue": rng.choice([x.capital for x in (a, b) if x.capital] or [a.name]),
            "An": a.surface,
            "Bn": b.surface,
            "Aadj": a.demonym or a.name,
            "a_Aadj": _indefinite(a.demonym or a.name),
            "A_Aadj": _cap(_indefinite(a.demonym or a.name)),
            "Badj": b.demonym or b.name,
            "Cn": c.surface,
            "building": rng.choice(_BUILDINGS),
            "P": self._person(),
            "Q": self._person(),
        }
        pair = tuple(sorted((a.name, b.name)))
        slots["year"] = 1946 + sum(map(ord, pair[0] + pair[1])) % 70
        if kind == "treaty":
            slots["term"] = rng.choice((10, 15, 20, 25, 30, 50))
        elif kind == "strike":
            slots["n"] = rng.randint(2, 60)
            injured = rng.randint(3, 120)
            slots["mnum"] = injured
            slots["m"] = _people(injured, rng)
            slots["k"] = rng.randint(2, 40)
            slots["city"] = rng.choice(b.cities)
            slots["Cn"] = rng.choice(
                [x for x in b.cities if x != slots["city"]] or c.cities or (c.surface,)
            )
        elif kind == "quake":
            slots["x"] = round(rng.uniform(4.5, 7.9), 1)
            slots["x2"] = round(rng.uniform(4.5, 7.9), 1)
            slots["n"] = rng.randint(2, 300)
            slots["city"] = rng.choice(b.cities)
        elif kind == "election":
            slots["pct"] = rng.randint(40, 89)
            slots["t"] = rng.randint(35, 85)
        elif kind == "ruling":
            slots["n"] = rng.randint(2, 25)
            slots["k"] = rng.randint(2, 25)
            slots["city"] = rng.choice(a.cities)
        elif kind == "delivery":
            items, low, high = rng.choice(_ITEMS)
            slots["items"] = items
            slots["n"] = rng.randint(low, high)
            slots["k"] = rng.randint(low, high)
        elif kind == "summit":
            slots["PA"] = rng.choice(a.leaders)
            slots["PB"] = rng.choice(b.leaders)
            slots["PC"] = rng.choice(
                [p for x in self.with_leaders if x not in (a, b) for p in x.leaders[:1]]
            )
        return slots

    # ---- articles

    def write_event(self, event: _Event) -> None:
        """Write every outlet's article about *event*."""
        rng = self.rng
        outlets = rng.sample(_OUTLETS, rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6)))
        conflicting = rng.random() < 0.15
        first_text: tuple[str, list[GoldMention], list[tuple[str, int, int]]] | None
        first_text = None
        first_outlet = ""
        first_published = event.day
        for position, outlet in enumerate(outlets):
            if first_text is not None and rng.random() < 0.05:
                # wire copy: this outlet runs the first outlet's story verbatim
                self._add_article(
                    event,
                    outlet,
                    first_published,
                    first_text,
                    origin=first_outlet,
                )
                continue
            gap = rng.choices((0, 1, 2, 3, 5, 40, 120), (35, 30, 10, 8, 7, 6, 4))[0]
            published = event.day + timedelta(days=gap)
            plant = conflicting and position == len(outlets) - 1 and position > 0
            body = self._compose(event, outlet, published, plant=plant)
            self._add_article(event, outlet, published, body, origin=outlet)
            if first_text is None:
                first_text, first_outlet, first_published = body, outlet, published

    def _compose(
        self, event: _Event, outlet: str, published: date, *, plant: bool
    ) -> tuple[str, list[GoldMention], list[tuple[str, int, int]]]:
        """One article body with its gold mentions and furniture spans (article id left blank)."""
        rng = self.rng
        slots = dict(event.slots)
        kind = event.kind
        tracked = _FIGURE_SLOTS[kind]
        altered: tuple[str, ...] = ()
        if plant:
            altered = ("date", "Date") if rng.random() < 0.4 or not tracked else tracked
        day = event.day - timedelta(days=1) if "date" in altered else event.day
        date_phrase = _date_phrase(day, published, rng)
        slots["date"], slots["Date"] = date_phrase, _cap(date_phrase)
        slots["A"] = self._surface(event.a, leader=kind in ("treaty", "delivery"))
        slots["B"] = self._surface(event.b, leader=kind in ("treaty", "delivery"))
        slots["signed"] = rng.choice(_SIGNED)
        slots["treaty"] = rng.choice(_TREATY)
        if kind == "strike":
            slots["weapon"], slots["weapons"] = rng.choice(_WEAPONS)
            slots["M"] = _cap(str(slots["m"]))
        number = int(slots.get("n", 0))  # type: ignore[call-overload]
        if kind in ("strike", "quake"):
            exact = False
            if event.rising:
                number += number * (published - event.day).days // 3
                exact = True
            if altered == tracked:
                number = number * 2 + 3
                exact = True
            text = _people(number, rng, exact=exact)
            slots["n"], slots["N"], slots["n0"] = text, _cap(text), number
        elif altered == tracked and tracked:
            number = int(slots[tracked[0]])  # type: ignore[call-overload]
            number = number + 9 if kind in ("treaty", "election") else number * 2 + 1
            slots[tracked[0]] = number
        if kind == "delivery":  # large counts are written with thousands separators
            slots["n"] = f"{int(slots['n']):,}"  # type: ignore[call-overload]
            slots["k"] = f"{int(slots['k']):,}"  # type: ignore[call-overload]
        if kind == "quake":
            slots["where"] = rng.choice(
                (event.b.surface, f"{slots['city']} in {event.b.surface}")
            )
        value = str(
            number
            if kind in ("strike", "quake")
            else slots.get(tracked[0] if tracked else "", "")
        )
        order = ["head", "main", "figure"]
        tail = [f for f in ("colour", "context", "lookalike") if f in event.facts]
        rng.shuffle(tail)
        pieces: list[tuple[str, str | None, GoldClause | None]] = []
        for fact in order + tail:
            if fact not in event.facts or rng.random() >= _FACT_PROBABILITY[fact]:
                continue
            key = "context" if fact == "context" else f"{kind}.{fact}"
            if key not in _T:
                continue
            template = rng.choice(_T[key])
            sentence = _cap(template.format(**slots))
            if fact == "context":
                fact_id = "ctx:" + "|".join(sorted((event.a.name, event.b.name)))
            else:
                fact_id = f"E{event.number}:{'main' if fact == 'head' else fact}"
            states = [s for s in tracked if "{" + s + "}" in template]
            self._note_fact(
                fact_id,
                f"{kind}.main" if fact == "head" else key,
                outlet,
                conflict=any("{" + s + "}" in template for s in altered),
                value=value if states and not altered else None,
            )
            clause = self._gold_clause(
                event, fact, key, template, slots, day, outlet, altered
            )
            pieces.append((sentence, fact_id, clause))
        if not pieces:
            return "", [], []
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            line = rng.choice(_FURNITURE).format(
                outlet=outlet,
                person=self._person(),
                place=event.slots.get("city") or event.b.surface,
            )
            pieces.insert(rng.randrange(len(pieces) + 1), (line, None, None))
        return self._assemble(pieces)

    def _gold_clause(
        self,
        event: _Event,
        fact: str,
        key: str,
        template: str,
        slots: dict[str, object],
        day: date,
        origin: str,
        altered: tuple[str, ...],
    ) -> GoldClause:
        """What the clause written from *template* with *slots* states, per attribute.

        Bookkeeping only: it draws nothing from the random stream. *day* is the
        date the article gives the event (a day off where a planted variation
        altered it), *altered* the slots a planted variation changed.
        """
        sentence = _cap(template.format(**slots))
        if fact == "context":
            event_id = "ctx:" + "|".join(sorted((event.a.name, event.b.name)))
        elif fact == "lookalike":
            event_id = f"E{event.number}:lookalike"
        else:
            event_id = f"E{event.number}"
        if event_id not in self.gold_events:
            self.gold_events[event_id] = _gold_event_record(event, event_id, sentence)
        values: list[GoldValue] = []
        offset = 0
        for literal, name, _spec, _conversion in string.Formatter().parse(template):
            offset += len(literal)
            if name is None:
                continue
            end = offset + len(str(slots[name]))
            value = _slot_value(event.kind, name, slots, sentence, offset, end, day)
            if value is not None:
                if name in altered:
                    value = replace(value, planted=True)
                values.append(value)
            offset = end
        if offset != len(sentence):
            raise AssertionError(f"slot offsets went astray in {template!r}")
        statement = None if values else _PROPOSITIONS[key][_T[key].index(template)]
        return GoldClause(event_id, origin, tuple(values), statement)

    def _note_fact(
        self, fact_id: str, key: str, origin: str, *, conflict: bool, value: str | None
    ) -> None:
        fact = self.facts.get(fact_id)
        if fact is None:
            fact = self.facts[fact_id] = GoldFact(fact_id, key)
        fact.origins.add(origin)
        fact.conflict = fact.conflict or conflict
        if value is not None:
            fact.values.add(value)

    def _assemble(
        self, pieces: list[tuple[str, str | None, GoldClause | None]]
    ) -> tuple[str, list[GoldMention], list[tuple[str, int, int]]]:
        """Join sentences into paragraphs; some facts share a compound sentence."""
        rng = self.rng
        parts: list[str] = []
        mentions: list[GoldMention] = []
        furniture: list[tuple[str, int, int]] = []
        offset = 0
        index = 0
        previous_is_prose = False
        while index < len(pieces):
            sentence, fact_id, clause = pieces[index]
            if parts:
                # one paragraph per sentence mostly; two sentences share one sometimes
                inline = (
                    fact_id is not None
                    and previous_is_prose
                    and parts[-1].endswith(".")
                    and rng.random() < 0.2
                )
                separator = " " if inline else "\n\n"
                parts.append(separator)
                offset += len(separator)
            previous_is_prose = fact_id is not None
            nxt = pieces[index + 1] if index + 1 < len(pieces) else None
            if (
                fact_id is not None
                and nxt is not None
                and nxt[1] is not None
                and sentence.endswith(".")
                and not nxt[1].startswith("ctx:")
                and (
                    nxt[0].startswith(("A ", "An "))
                    or (nxt[0].startswith("The ") and nxt[0][4:5].islower())
                )
                and rng.random() < 0.3
            ):
                left = sentence[:-1]
                joiner = ", as "
                right = nxt[0][0].lower() + nxt[0][1:]
                mentions.append(
                    GoldMention("", offset, offset + len(left), fact_id, clause)
                )
                start = offset + len(left) + len(joiner)
                mentions.append(
                    GoldMention("", start, start + len(right), nxt[1], nxt[2])
                )
                text = left + joiner + right
                index += 2
            else:
                text = sentence
                if fact_id is None:
                    furniture.append(("", offset, offset + len(text)))
                else:
                    mentions.append(
                        GoldMention("", offset, offset + len(text), fact_id, clause)
                    )
                index += 1
            parts.append(text)
            offset += len(text)
        return "".join(parts), mentions, furniture

    def _add_article(
        self,
        event: _Event,
        outlet: str,
        published: date,
        body: tuple[str, list[GoldMention], list[tuple[str, int, int]]],
        *,
        origin: str,
    ) -> None:
        text, mentions, furniture = body
        if not text:
            return
        if self.clean:
            started = time.perf_counter()
            clean, kept = remove_furniture(text)
            self.ingest_seconds += time.perf_counter() - started
            if not clean:
                return
            mapped = []
            for m in mentions:
                span = _to_clean(kept, m.start, m.end)
                if span is None:
                    self.dropped += 1
                    span = (0, 0)
                mapped.append(GoldMention("", span[0], span[1], m.fact_id, m.clause))
            mentions = mapped
            furniture = [
                ("", *span)
                for _, start, end in furniture
                if (span := _to_clean(kept, start, end)) is not None
            ]
            raw: str | None = text
            text = clean
        else:
            kept, raw = (), None
        slug = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-")
        article_id = f"{slug}-{event.number:06d}"
        if article_id in self.used_ids:
            return
        self.used_ids.add(article_id)
        title = _cap(
            _T[f"{event.kind}.head"][0].format(
                **event.slots, treaty="treaty", n0=event.slots.get("n", "")
            )
        )
        self.articles.append(
            Article(
                id=article_id,
                outlet=outlet,
                text=text,
                published=published,
                url=f"https://example.org/{slug}/{event.kind}/{event.number}",
                title=title,
                raw_text=raw,
                kept=kept,
            )
        )
        for m in mentions:
            self.gold.append(
                GoldMention(article_id, m.start, m.end, m.fact_id, m.clause)
            )
            self.facts[m.fact_id].origins.add(origin)
        for _, start, end in furniture:
            self.furniture.append((article_id, start, end))


def _gold_event_record(event: _Event, event_id: str, sentence: str) -> GoldEvent:
    """The :class:`GoldEvent` *event_id* of *event*; *sentence* is a clause telling of it."""
    slots = event.slots
    if event_id.startswith("ctx:"):
        return GoldEvent(
            event_id,
            "diplomatic relations",
            f"{event.a.name} and {event.b.name} establish diplomatic relations",
            str(slots["year"]),
            "",
            distractor=True,
        )
    if event_id.endswith(":lookalike"):
        earlier = _parse_month(str(slots["month"]))
        place = {"summit": ""}.get(event.kind, str(slots.get("Cn", "")))
        if event.kind == "ruling":
            place = str(slots["city"])
        return GoldEvent(
            event_id,
            _EVENT_CLASSES[event.kind],
            f"look-alike named in reports of E{event.number}: {sentence}",
            f"{earlier.year:04d}-{earlier.month:02d}",
            place,
            distractor=True,
        )
    title = _T[f"{event.kind}.head"][0].format(
        **slots, treaty="treaty", n0=slots.get("n", "")
    )
    place = {
        "strike": slots.get("city"),
        "ruling": slots.get("city"),
        "quake": event.b.name,
        "election": event.a.name,
        "delivery": event.b.name,
    }.get(event.kind, slots.get("venue"))
    copied = f" (copies the kind and actor of E{event.copies})" if event.copies else ""
    return GoldEvent(
        event_id,
        _EVENT_CLASSES[event.kind],
        _cap(title) + copied,
        event.day.isoformat(),
        str(place),
        distractor=event.copies is not None,
        running_toll=event.rising,
    )


def _parse_month(phrase: str) -> date:
    """The first day of the month *phrase* ("March 2024") names."""
    month, year = phrase.split()
    return date(int(year), _MONTHS.index(month) + 1, 1)


def _month_end(day: date) -> date:
    """The last day of *day*'s month."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _read_number(text: str) -> tuple[float, bool]:
    """The number a generated figure writes and whether it is hedged ("at least")."""
    lowered = text.lower()
    hedged = lowered.startswith("at least ")
    word = lowered.removeprefix("at least ").split()[0]
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS.index(word)), hedged
    return float(word.replace(",", "")), hedged


def _format_number(number: float) -> str:
    """As ``Quantity.normalized`` writes a number: ``12``, ``6.3``."""
    return str(int(number)) if number.is_integer() else f"{number:g}"


def _slot_value(
    kind: str,
    name: str,
    slots: dict[str, object],
    sentence: str,
    start: int,
    end: int,
    day: date,
) -> GoldValue | None:
    """The value slot *name* writes at ``sentence[start:end]``, or ``None`` if it
    writes none (an actor, a topic, a place)."""
    if name in ("date", "Date"):
        if sentence[start:end].lower().startswith("in "):
            return _date_value(
                start, end, day.strftime("%Y-%m"), day.replace(day=1), _month_end(day)
            )
        return _date_value(start, end, day.isoformat(), day, day)
    if name == "month":
        first = _parse_month(str(slots["month"]))
        start = _extend_before(sentence, start, r"(?:[Ii]n )?")
        return _date_value(
            start, end, first.strftime("%Y-%m"), first, _month_end(first)
        )
    if name == "year":
        year = int(str(slots["year"]))
        start = _extend_before(sentence, start, r"(?:in )?")
        return _date_value(start, end, str(year), date(year, 1, 1), date(year, 12, 31))
    slot = _VALUE_SLOTS[kind].get(name)
    if slot is None:
        return None
    number, hedged = _read_number(sentence[start:end])
    attribute, unit, after = slot.attribute, slot.unit, slot.after
    if kind == "delivery":
        items = str(slots["items"])
        attribute, unit, after = (
            f"{items} delivered",
            _ITEM_UNITS[items],
            " " + re.escape(items),
        )
    if slot.before:
        start = _extend_before(sentence, start, slot.before)
    if after:
        following = re.match(after, sentence[end:])
        if following is None:
            raise AssertionError(
                f"{name!r} is not followed by {after!r} in {sentence!r}"
            )
        end += following.end()
    normalized = (">=" if hedged else "") + f"{_format_number(number)} {unit}"
    return GoldValue(
        attribute,
        "quantity",
        start,
        end,
        normalized,
        number,
        math.inf if hedged else number,
    )


def _date_value(
    start: int, end: int, normalized: str, first: date, last: date
) -> GoldValue:
    """A date value written at ``[start, end)`` of its clause, naming the days
    *first* to *last*."""
    return GoldValue(
        "date", "date", start, end, normalized, first.toordinal(), last.toordinal()
    )


def _extend_before(sentence: str, start: int, pattern: str) -> int:
    """*start* moved back over the words just before it that *pattern* matches."""
    found = re.search(f"(?:{pattern})\\Z", sentence[:start])
    return start if found is None else found.start()


# --------------------------------------------------------------------------- fact-level gold

#: Literal parts of the furniture lines, as ``expected.json`` lists furniture: no
#: claim may contain one. (Single words and "on X" are left out: prose may hold them.)
FURNITURE_STRINGS: tuple[str, ...] = tuple(
    dict.fromkeys(
        piece.strip(" .")
        for line in _FURNITURE
        for piece in re.split(r"\{\w+\}", line)
        if len(piece.strip(" .").split()) >= 2 and piece.strip(" .") != "on X"
    )
)
_QUOTE_SIZES = (5, 6, 7, 8, 9, 10, 3, 4)
"""Quote lengths in words, in order of preference: five words and more say which
claim they come from; three or four only where nothing longer is unique."""
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class _AttributeMention:
    """One clause's statement of one (event, attribute) fact, placed in its article."""

    article: str
    outlet: str
    origin: str
    quote: str
    value: GoldValue | None
    written: str | None
    """The value as the article writes it ("On Friday", "at least 12 people")."""


def choose_quote(
    text: str, start: int, end: int, around: tuple[int, int] | None
) -> str | None:
    """3-10 whole words of the clause ``text[start:end]`` that occur once in *text*.

    The words cover the span *around* (offsets into *text*: the value the quote
    stands for) when some such window is unique, so the quote lies in whatever
    claim holds the value; the shortest unique window of at least five words
    wins (three or four where nothing longer is unique), the one centred on the
    value first. Trailing punctuation is left out. ``None`` when no window of
    the clause occurs only once (a sentence repeated in a roundup).

    >>> text = "Kyiv was hit on Friday. Officials said Kyiv was hit on Friday again."
    >>> choose_quote(text, 24, len(text), (53, 62))
    'was hit on Friday again'
    >>> choose_quote(text, 0, 23, (13, 22)) is None  # each window is in both
    True
    """
    words = [
        (start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])
    ]
    low = min(_QUOTE_SIZES)
    candidates: list[tuple[int, int]] = []
    if around is not None:
        covering = [
            i for i, (a, b) in enumerate(words) if a < around[1] and b > around[0]
        ]
        if covering:
            first, last = covering[0], covering[-1]
            centre = (first + last) / 2
            for size in _QUOTE_SIZES:
                if size < last - first + 1:
                    continue
                starts = range(
                    max(0, last - size + 1), min(first, len(words) - size) + 1
                )
                for i in sorted(starts, key=lambda i: abs(i + (size - 1) / 2 - centre)):
                    candidates.append((i, i + size - 1))
    candidates += [
        (i, i + size - 1) for size in _QUOTE_SIZES for i in range(len(words) - size + 1)
    ]
    for first, last in candidates:
        quote = text[words[first][0] : words[last][1]].rstrip(".,;:")
        if len(quote.split()) >= low and text.count(quote) == 1:
            return quote
    return None


def fact_gold(corpus: Corpus, name: str = "synthetic") -> dict[str, object]:
    """The corpus's gold at the (event, attribute) level, as ``expected.json``.

    The document has the shape of ``fixtures/README.md``: one gold event per
    generated event, per look-alike sentence's event and per actor pair's
    diplomatic relations; one gold fact per attribute the articles state of each
    (``date``, each figure, or a ``statement`` for a clause without values), with
    a mention per clause (a quote of 3-10 words of the clause found once in the
    article's cleaned text, covering the value where it can, and the value as
    written). Statuses follow DESIGN.md: ``single_source`` with one origin (a wire
    copy's origin is the outlet whose text it runs), ``conflicting`` where a
    planted variation's value is disjoint from another origin's value of the same
    attribute, ``updated`` for a death toll that later reports raise, else
    ``corroborated``. ``conflicts`` names the planted pair (values as written).
    Clause values for which no window of the clause is unique in its article
    (a roundup repeating a background sentence) are left out and counted in the
    description.
    """
    texts = {a.id: a.text for a in corpus.articles}
    outlets = {a.id: a.outlet for a in corpus.articles}
    grouped: dict[tuple[str, str], list[_AttributeMention]] = defaultdict(list)
    left_out = 0
    for mention in corpus.gold:
        clause = mention.clause
        if clause is None or mention.end <= mention.start:
            continue
        text = texts[mention.article_id]
        stated: list[tuple[str, GoldValue | None]] = [
            (v.attribute, v) for v in clause.values
        ]
        if clause.statement is not None:
            stated.append((f"statement:{clause.statement}", None))
        for attribute, value in stated:
            around = (
                None
                if value is None
                else (mention.start + value.start, mention.start + value.end)
            )
            quote = choose_quote(text, mention.start, mention.end, around)
            if quote is None:
                left_out += 1
                continue
            grouped[(clause.event, attribute)].append(
                _AttributeMention(
                    mention.article_id,
                    outlets[mention.article_id],
                    clause.origin,
                    quote,
                    value,
                    None if around is None else text[around[0] : around[1]],
                )
            )
    events = corpus.gold_events
    facts = [
        _fact_record(event, attribute, mentions, events[event])
        for (event, attribute), mentions in grouped.items()
    ]
    told = {fact["event"] for fact in facts}
    bodies = "\n".join(
        a.raw_text if a.raw_text is not None else a.text for a in corpus.articles
    )
    return {
        "event": name,
        "description": (
            f"synthetic desk feed (benchmarks/synthetic.py), seed {corpus.seed},"
            f" {len(corpus.articles)} articles, {len(told)} gold events;"
            f" {left_out} clause value(s) without a quote unique in their article left out"
        ),
        "source": "written",
        "split": "tune",
        "events": [
            {
                "id": e.id,
                "class": e.kind,
                "description": e.description,
                "date": e.date,
                "place": e.place,
                "distractor": e.distractor,
            }
            for e in events.values()
            if e.id in told
        ],
        "facts": facts,
        "furniture": [f for f in FURNITURE_STRINGS if f in bodies],
    }


def _disjoint(a: GoldValue, b: GoldValue) -> bool:
    return a.high < b.low or b.high < a.low


def _fact_record(
    event_id: str,
    attribute: str,
    mentions: Sequence[_AttributeMention],
    event: GoldEvent,
) -> dict[str, object]:
    """One gold fact of ``expected.json``: its mentions, status, values and conflicts."""
    origins = sorted({m.origin for m in mentions})
    planted = [m for m in mentions if m.value is not None and m.value.planted]
    plain = [m for m in mentions if m.value is not None and not m.value.planted]
    clashes = [
        (other, odd)
        for odd in planted
        for other in plain
        if other.origin != odd.origin and _disjoint(odd.value, other.value)  # type: ignore[arg-type]
    ]
    running = event.running_toll and attribute == "people killed"
    revised = running and any(
        _disjoint(a.value, b.value)  # type: ignore[arg-type]
        for a in plain
        for b in plain
        if a.origin != b.origin
    )
    acceptable: list[str] = []
    if len(origins) < 2:
        status = "single_source"
    elif clashes:
        status = "conflicting"
        if running:
            acceptable = ["updated"]
    elif revised:
        status = "updated"
    else:
        status = "corroborated"
    wire = sorted(
        {f"{m.outlet} runs {m.origin}'s copy" for m in mentions if m.outlet != m.origin}
    )
    note = f"{len(origins)} origin(s): {', '.join(origins)}"
    if wire:
        note += f" ({'; '.join(wire)})"
    if clashes:
        other, odd = clashes[0]
        note += (
            f"; planted variation: {odd.outlet} writes {odd.written!r}"
            f" where {other.outlet} writes {other.written!r}"
        )
    elif planted:
        note += "; the planted variation agrees with every other origin's value as an interval"
    if revised:
        note += "; the death toll rises in later reports"
    kind = "statement" if attribute.startswith("statement:") else attribute
    record: dict[str, object] = {
        "id": f"{event_id}/{attribute}",
        "event": event_id,
        "attribute": kind,
        "description": f"{event.description}: {attribute}",
        "status": status,
    }
    if acceptable:
        record["acceptable_statuses"] = acceptable
    record["note"] = note
    record["mentions"] = [
        {"article": m.article, "quote": m.quote, "value": m.written} for m in mentions
    ]
    record["values"] = [
        {"kind": value_kind, "normalized": normalized}
        for value_kind, normalized in dict.fromkeys(
            (m.value.kind, m.value.normalized) for m in mentions if m.value is not None
        )
    ]
    record["conflicts"] = (
        [
            {
                "kind": clashes[0][1].value.kind,  # type: ignore[union-attr]
                "values": [clashes[0][0].written, clashes[0][1].written],
                "articles": [clashes[0][0].article, clashes[0][1].article],
            }
        ]
        if clashes
        else []
    )
    return record


def _to_clean(
    kept: Sequence[tuple[int, int, int]], start: int, end: int
) -> tuple[int, int] | None:
    """Map the raw span ``[start, end)`` into the cleaned text, or ``None`` if it was cut."""
    for clean_start, raw_start, length in kept:
        if raw_start <= start and end <= raw_start + length:
            shift = clean_start - raw_start
            return start + shift, end + shift
    return None


def generate_corpus(
    n_claims: int,
    seed: int = 0,
    *,
    span_days: int | None = None,
    clean: bool = True,
    gazetteer: Gazetteer | None = None,
    roundup: bool = False,
) -> Corpus:
    """Generate articles until they hold at least *n_claims* gold claim mentions.

    Args:
        n_claims: how many claim-bearing clauses to write (the corpus size).
        seed: the random seed; the same seed gives the same corpus.
        span_days: how many days the events spread over. By default it grows
            with the corpus (``n_claims / CLAIMS_PER_DAY`` days: about 25 events
            and 200 claims a day), so a bigger corpus is a longer stretch of the
            same news stream and only the fixed vocabulary and cast get denser.
            Fix it to stress blocking with a denser corpus.
        clean: pass each body through the library's furniture removal
            (``reconcile.ingest.remove_furniture``), as ``load_articles`` does, so
            the articles are what the pipeline sees after ingest; with ``False``
            the furniture lines stay in ``Article.text``.
        gazetteer: where actors come from; the bundled gazetteer by default.
        roundup: make each outlet's stories of one day one roundup article
            (their bodies one after the other), so one article tells of
            several look-alike events, as a desk's daily digest does.

    Returns:
        The :class:`Corpus`.
    """
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    if span_days is None:
        span_days = max(1, round(n_claims / CLAIMS_PER_DAY))
    generator = _Generator(seed, gazetteer, span_days, clean=clean)
    while len(generator.gold) < n_claims:
        generator.write_event(generator.new_event())
    facts = {
        k: v for k, v in generator.facts.items() if v.origins
    }  # facts never stated are dropped
    articles, gold = generator.articles, generator.gold
    if roundup:
        articles, gold = _roundups(articles, gold)
    told = {m.clause.event for m in gold if m.clause is not None and m.end > m.start}
    gold_events = {k: v for k, v in generator.gold_events.items() if k in told}
    return Corpus(
        articles=tuple(articles),
        gold=tuple(gold),
        facts=facts,
        furniture=tuple(generator.furniture),
        events=generator.events,
        seed=seed,
        span_days=span_days,
        cleaned=clean,
        dropped_mentions=generator.dropped,
        ingest_seconds=generator.ingest_seconds,
        gold_events=gold_events,
    )


def _roundups(
    articles: Sequence[Article], gold: Sequence[GoldMention]
) -> tuple[list[Article], list[GoldMention]]:
    """Each outlet's articles of one day joined into one roundup article, in the
    order they were written, with the gold mentions moved along."""
    days: dict[tuple[str, date | None], list[Article]] = defaultdict(list)
    for article in articles:
        days[(article.outlet, article.published)].append(article)
    mentions: dict[str, list[GoldMention]] = defaultdict(list)
    for mention in gold:
        mentions[mention.article_id].append(mention)
    out_articles: list[Article] = []
    out_gold: list[GoldMention] = []
    for (outlet, published), group in days.items():
        if len(group) == 1:
            out_articles.extend(group)
            out_gold.extend(mentions[group[0].id])
            continue
        article_id = f"{group[0].id}-roundup"
        offset, parts = 0, []
        for article in group:
            for m in mentions[article.id]:
                start, end = (
                    (m.start + offset, m.end + offset) if m.end > m.start else (0, 0)
                )
                out_gold.append(
                    GoldMention(article_id, start, end, m.fact_id, m.clause)
                )
            parts.append(article.text)
            offset += len(article.text) + 2
        out_articles.append(
            Article(
                id=article_id,
                outlet=outlet,
                text="\n\n".join(parts),
                published=published,
                url=f"{group[0].url}/roundup",
                title=f"{outlet}: the day's news",
            )
        )
    return out_articles, out_gold


def write_corpus(corpus: Corpus, root: str | Path) -> Path:
    """Write *corpus* as front-matter ``.md`` files under ``root/articles/``.

    Each file holds the body as generated (``Article.raw_text``, furniture
    included). Beside ``articles/`` it writes ``gold.json`` (every sentence-level
    gold mention with its span into ``Article.text``, the cleaned text
    ``load_articles`` gives back) and ``expected.json``, the gold at the (event,
    attribute) level in the fixture format of ``fixtures/README.md``
    (:func:`fact_gold`), so the folder works with ``reconcile report ROOT/articles``,
    ``python -m reconcile.golden ROOT`` and ``python -m reconcile.gold_check ROOT``.

    Returns:
        The ``articles/`` folder.
    """
    root = Path(root)
    folder = root / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for article in corpus.articles:
        assert article.published is not None
        front = (
            "---\n"
            f"outlet: {article.outlet}\n"
            f"published: {article.published.isoformat()}\n"
            f"url: {article.url}\n"
            f"title: {article.title}\n"
            "---\n"
        )
        body = article.raw_text if article.raw_text is not None else article.text
        (folder / f"{article.id}.md").write_text(front + body + "\n", encoding="utf-8")
    (root / "gold.json").write_text(
        json.dumps(
            {
                "seed": corpus.seed,
                "events": corpus.events,
                "mentions": [
                    {
                        "article": m.article_id,
                        "start": m.start,
                        "end": m.end,
                        "fact": m.fact_id,
                    }
                    for m in corpus.gold
                ],
                "furniture": [
                    {"article": a, "start": s, "end": e} for a, s, e in corpus.furniture
                ],
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    expected = fact_gold(corpus, root.name)
    (root / "expected.json").write_text(
        json.dumps(expected, indent=1), encoding="utf-8"
    )
    return folder
