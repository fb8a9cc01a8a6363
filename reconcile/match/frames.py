"""Claim -> frame: values masked by kind, actors canonical, news synonyms folded.

A frame keeps only what identifies a claim's fact, so two outlets' wordings of
one fact look alike whatever their values (see :func:`claim_frame`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache

from attrs import field, frozen

from reconcile.extract.actors import Gazetteer
from reconcile.extract.claims import countries_of, first_verb
from reconcile.extract.quantities import COUNTED_NOUNS
from reconcile.lexicon import frame_words
from reconcile.model import Actor, Claim, DateValue, Quantity, Span

__all__ = [
    "DISTINCT_EVENTS",
    "SYNONYMS",
    "Frame",
    "claim_frame",
    "content_tokens",
    "dimensions_named",
    "frame_tokens",
]


#: Words that name one thing, each with the token it folds to ("sealed", "inked"
#: -> "sign"), from the lexicon's ``frame_words.json``.
SYNONYMS: Mapping[str, str] = frame_words().synonyms

_STOPWORDS = frame_words().stop_words


_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")


#: Folded event tokens naming distinct steps of a story: a claim with one that the
#: other lacks is about another event (signing a treaty is not ratifying it).
DISTINCT_EVENTS = frame_words().distinct_events


_CORE = frozenset(SYNONYMS.values())


_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


@frozen
class Frame:
    """A claim reduced to what identifies its fact: masked, canonical, folded tokens."""

    text: str
    tokens: tuple[str, ...] = field(converter=tuple)
    actors: frozenset[str] = field(converter=frozenset)
    synonyms: tuple[tuple[str, str], ...] = field(default=(), converter=tuple)
    core: str = ""
    """Only the tokens that name the fact: actors, figures' dimensions, folded news words."""
    events: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The distinct-event words of the claim (ratify, approve, elect, ...)."""
    dimensions: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """What the claim's figures count (``qty_years_term``): claims counting different things differ."""
    countries: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The countries the claim is about: named in it, else its article's setting."""
    parties: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The two or more countries the claim is between: those it names as actors,
    or, when it names no actor but its speaker ("Mr X said the agreement opened
    a new chapter"), its article's setting."""
    parties_implied: bool = False
    """Whether :attr:`parties` come from the article's setting."""
    subjects: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The actors named before the claim's first verb: who does what it states."""
    mentioned: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The actors and places the claim's statement names (a trailing relative
    clause aside), and the countries they stand for."""
    areas: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The places that contain the claim's principal actors ("Istanbul" lies in
    "Turkey"): a city acting is not another party than its own country."""
    spoken: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """Figure dimensions whose counted noun the claim names without a figure
    ("armed Moscow with drones" speaks of ``qty_drones``)."""


def claim_frame(
    claim: Claim,
    gazetteer: Gazetteer | None = None,
    *,
    shared: dict[object, object] | None = None,
) -> Frame:
    """The comparable frame of *claim*.

    With *shared*, a dict kept across calls, the frame's strings, token tuple
    and sets are those of an earlier frame made with the same dict whenever
    they are equal: claims of one corpus repeat few actors, places and
    wordings, so a corpus's frames then hold one copy of each (and a frame's
    empty sets are one empty set) instead of some 2.8 KB apiece.

    >>> from reconcile.model import Claim, Quantity, Span
    >>> c = Claim(id="a#1", article_id="a", outlet="X", text="They inked a 20-year pact",
    ...           span=Span(0, 25), values=[Quantity(text="20-year", span=Span(13, 20),
    ...           low=20, high=20, unit="years", measure="term")])
    >>> claim_frame(c).text
    'agreement qty_years_term sign'
    """
    tokens, folded = _folded_tokens(claim, gazetteer)
    named = [
        a
        for a in claim.values
        if isinstance(a, Actor) and a.role == "actor" and a.type != "unknown"
    ]
    principal = _principal_actors(claim, named)
    actors = {_principal(a, gazetteer) for a in principal}
    unique = sorted(tokens)
    core = [t for t in unique if t in _CORE or t.startswith(("qty_", "actor_"))]
    dimensions = {t for t in unique if t.startswith("qty_")}
    countries = (
        countries_of(claim.values, gazetteer) if gazetteer is not None else set()
    )
    parties, parties_implied = _parties(claim, named, actors, gazetteer)
    fields = (
        " ".join(unique),
        tuple(unique),
        frozenset(actors),
        tuple(sorted(folded)),
        " ".join(core),
        frozenset(tokens & DISTINCT_EVENTS),
        frozenset(dimensions),
        frozenset(countries or claim.setting),
        parties,
    )
    rest = (
        _subjects(claim, named, gazetteer),
        _mentioned(claim, gazetteer),
        frozenset({place for a in principal for place in a.within}),
        frozenset({d for t in unique for d in dimensions_named(t)} - dimensions),
    )
    if shared is not None:
        fields = (
            shared.setdefault(fields[0], fields[0]),
            _shared_tokens(fields[1], shared),
            *(shared.setdefault(value, value) for value in fields[2:]),
        )
        rest = tuple(shared.setdefault(value, value) for value in rest)
    return Frame(*fields, parties_implied, *rest)


def frame_tokens(claim: Claim, gazetteer: Gazetteer | None = None) -> tuple[str, ...]:
    """The tokens of :func:`claim_frame`'s frame of *claim* (its ``tokens``,
    sorted), without the rest of the frame, which takes longer to make.

    >>> from reconcile.model import Claim, Span
    >>> frame_tokens(Claim(id="a#1", article_id="a", outlet="X",
    ...                    text="They inked a pact", span=Span(0, 17)))
    ('agreement', 'sign')
    """
    return tuple(sorted(_folded_tokens(claim, gazetteer)[0]))


def _folded_tokens(
    claim: Claim, gazetteer: Gazetteer | None
) -> tuple[set[str], set[tuple[str, str]]]:
    """The frame's tokens of *claim* (values masked, stop words out, synonyms
    folded, the rest stemmed), and the ``(word, synonym)`` pairs folded."""
    text, start = claim.text.lower(), claim.span.start
    pieces: list[str] = []
    cursor = 0
    for value in claim.values:
        pieces.append(text[cursor : value.span.start - start])
        locating = isinstance(value, Quantity) and _locates(
            text, value, value.span.end - start
        )
        pieces.append(" " + ("" if locating else _value_token(value, gazetteer)) + " ")
        cursor = value.span.end - start
    pieces.append(text[cursor:])
    tokens: set[str] = set()
    folded: set[tuple[str, str]] = set()
    for token in _TOKEN.findall("".join(pieces)):
        if token.startswith(("qty_", "actor_")):
            tokens.add(token)
            continue
        kept, fold = _folded_word(token)
        if kept is not None:
            tokens.add(kept)
            if fold is not None:
                folded.add(fold)
    return tokens, folded


@lru_cache(maxsize=1 << 16)
def _folded_word(token: str) -> tuple[str | None, tuple[str, str] | None]:
    """The frame token of a lower-cased word (``None`` for a stop word, a
    number or a letter) and the ``(word, synonym)`` pair when a synonym folds
    it; remembered, as a corpus repeats a few thousand words."""
    if token in _STOPWORDS or token.isdigit() or len(token) <= 1:
        return None, None
    canon = SYNONYMS.get(token)
    if canon is None:
        return _stem(token), None
    return canon, (token, canon) if canon != token else None


def _shared_tokens(
    tokens: tuple[str, ...], shared: dict[object, object]
) -> tuple[str, ...]:
    """*tokens* as *shared* holds them: a tuple seen before is that tuple, and a
    new one is made of the shared token strings."""
    found = shared.get(tokens)
    if found is None:
        found = tuple([shared.setdefault(token, token) for token in tokens])
        shared[found] = found
    return found  # type: ignore[return-value]


_NON_WORD = re.compile(r"\W+")


def _dimension_of_unit(unit: str) -> str:
    return "qty_" + _NON_WORD.sub("", unit or "n")


def _fold(word: str) -> str:
    return SYNONYMS.get(word) or _stem(word)


def dimensions_named(token: str) -> frozenset[str]:
    """The figure dimensions a frame token names as a counted noun ("drone"
    names ``qty_drones``): "armed Kenya with drones" speaks of what "sold Kenya
    hundreds of drones" counts.

    >>> sorted(dimensions_named("drone"))
    ['qty_drones']
    """
    return _dimensions_of_word().get(token, frozenset())


@cache
def _dimensions_of_word() -> dict[str, frozenset[str]]:
    """Frame token of a counted noun -> the figure dimensions it names."""
    out: dict[str, set[str]] = {}
    for noun, unit in COUNTED_NOUNS.items():
        out.setdefault(_fold(noun), set()).add(_dimension_of_unit(unit))
    return {token: frozenset(dims) for token, dims in out.items()}


#: A non-restrictive relative clause (a detail about something already named), or
#: a purpose clause ("... to help push Ukrainian forces out", "to" before a
#: lower-case word): what follows is not a party to the statement. "to" before a
#: name, a determiner or a figure ("to Russia", "to the front", "up to 12,000") is
#: a destination or a bound, not a purpose.
_RELATIVE = re.compile(
    r",\s+(?:which|who|whom|whose|where)\b"
    r"|\bto\s+(?!(?:the|a|an|its|their|his|her|our|this|that|these|those|some|about"
    r"|around|nearly|almost|more|over|at|up|eastern|western|northern|southern|central)\b)"
    r"[a-z]+\b"
)


def _mentioned(claim: Claim, gazetteer: Gazetteer | None) -> frozenset[str]:
    """The actors and places of the claim's statement, with the countries they
    stand for; those only in a trailing relative clause (", which Russian forces
    launch at Ukrainian cities") add a detail, not a party."""
    relative = _RELATIVE.search(claim.text)
    end = claim.span.start + (relative.start() if relative else len(claim.text))
    inside = [
        a
        for a in claim.values
        if isinstance(a, Actor) and a.type != "unknown" and a.span.end <= end
    ]
    countries = countries_of(inside, gazetteer) if gazetteer is not None else set()
    return frozenset({_principal(a, gazetteer) for a in inside} | countries)


def _subjects(
    claim: Claim, named: list[Actor], gazetteer: Gazetteer | None
) -> frozenset[str]:
    verb = first_verb(claim.text)
    if verb is None:
        return frozenset()
    cut = claim.span.start + verb
    return frozenset(
        _principal(a, gazetteer)
        for a in named
        if a.span.end <= cut and a.canonical != claim.attributed_to
    )


def _parties(
    claim: Claim, named: list[Actor], actors: set[str], gazetteer: Gazetteer | None
) -> tuple[frozenset[str], bool]:
    if gazetteer is None:
        return frozenset(), False
    if all(a.canonical == claim.attributed_to for a in named):
        setting = frozenset(claim.setting)
        return (setting, True) if len(setting) >= 2 else (frozenset(), False)
    own = frozenset(a for a in actors if gazetteer.type_of(a) == "country")
    return (own, False) if len(own) >= 2 else (frozenset(), False)


_TIME_UNITS = frozenset({"minutes", "hours", "days", "weeks", "months", "years"})
_DISTANCE_UNITS = frozenset({"km", "miles", "metres"})
_TIME_OFFSET = re.compile(
    r"\s*(?:later|earlier|after|before|ago|afterwards|beforehand)\b"
)
_PLACE_OFFSET = re.compile(
    r"\s*(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ward|wards|ern)?|away|from|off|"
    r"offshore|inland|outside|short\s+of|stretch|radius|zone|corridor|strip|belt|section)\b"
)


def _locates(text: str, value: Quantity, end: int) -> bool:
    """Whether a figure only places the event in time or space.

    "two hours later", "three days after", "14 km southwest of the town" and
    "along a 100-kilometre stretch of coast" say when or where, not how many
    of what the claim counts, so they give the frame no figure dimension (the
    value itself is still compared).

    >>> from reconcile.model import Span
    >>> t = "the warning was lifted two hours later"
    >>> _locates(t, Quantity("two hours", Span(23, 32), 2, 2, "hours"), 32)
    True
    >>> t = "the toll rose to 15 people"
    >>> _locates(t, Quantity("15 people", Span(17, 26), 15, 15, "people"), 26)
    False
    """
    if value.measure is not None:
        return False
    if value.unit in _TIME_UNITS:
        return _TIME_OFFSET.match(text, end) is not None
    if value.unit in _DISTANCE_UNITS:
        return _PLACE_OFFSET.match(text, end) is not None
    return False


def content_tokens(
    claim: Claim, cue: str | None, gazetteer: Gazetteer | None = None
) -> frozenset[str]:
    """The frame tokens of *claim* without those of its attribution *cue*.

    "The coastguard said no flood alert had been issued" keeps
    ``{alert, flood, issu}``-like tokens: what is stated, not who states it.
    """
    tokens = frozenset(_folded_tokens(claim, gazetteer)[0])
    at = claim.text.find(cue) if cue else -1
    if cue is None or at < 0:
        return tokens
    begin, end = claim.span.start + at, claim.span.start + at + len(cue)
    inside = [v for v in claim.values if begin <= v.span.start and v.span.end <= end]
    said = Claim(
        id=claim.id,
        article_id=claim.article_id,
        outlet=claim.outlet,
        text=cue,
        span=Span(begin, end),
        values=inside,
    )
    return tokens - _folded_tokens(said, gazetteer)[0]


#: A clause placing the claim against another event ("..., days before Trump
#: takes office"): the actors named after it are that event's, not the claim's.
_OTHER_EVENT = re.compile(r"\b(?:before|after|until|ahead\s+of)\b", re.IGNORECASE)


def _principal_actors(claim: Claim, named: list[Actor]) -> list[Actor]:
    """The actors a claim is about: those named before a clause that dates it
    against another event, when there are any ("Putin and Pezeshkian sealed a
    pact, days before Trump takes office" is about Russia and Iran only)."""
    cue = _OTHER_EVENT.search(claim.text)
    if cue is None:
        return named
    cut = claim.span.start + cue.start()
    before = [a for a in named if a.span.end <= cut]
    return before or named


def _value_token(
    value: DateValue | Quantity | Actor, gazetteer: Gazetteer | None
) -> str:
    if isinstance(value, DateValue):
        return ""
    if isinstance(value, Quantity):
        return _dimension_of_unit(value.unit) + (
            "_" + value.measure if value.measure else ""
        )
    return "actor_" + _NON_WORD.sub("_", _principal(value, gazetteer).lower())


def _stem(token: str) -> str:
    """A light stem: one inflection off, then a final silent "e", so that
    "issue", "issued" and "issues" (or "side" and "sides") give one token.

    >>> [_stem(t) for t in ("issue", "issued", "issues", "side", "sides", "churches")]
    ['issu', 'issu', 'issu', 'sid', 'sid', 'church']
    """
    if len(token) > 4:
        for suffix, replacement in _SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                token = token[: -len(suffix)] + replacement
                break
    if len(token) > 3 and token.endswith("e") and not token.endswith("ee"):
        token = token[:-1]
    return token


def _principal(actor: Actor, gazetteer: Gazetteer | None) -> str:
    if gazetteer is not None and actor.type == "person":
        return gazetteer.affiliation(actor.canonical) or actor.canonical
    return actor.canonical
