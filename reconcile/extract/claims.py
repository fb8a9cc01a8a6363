"""Sentences -> atomic claims with their dates, quantities, actors and attribution.

A claim is one checkable statement. A sentence that joins two statements
("X signed a pact on Friday, as a missile strike killed at least four people")
is split at its clause boundary so that each claim carries its own values.
Sentences that state nothing checkable — questions, calls to act, truncated
teasers, bare noun-phrase headlines, page furniture — give no claim. The
headline printed in the body (:func:`is_headline`) gives claims marked
``headline``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from rapidfuzz import fuzz

from reconcile.extract.actors import Gazetteer, find_actors, load_gazetteer
from reconcile.extract.alternation import word_alternation
from reconcile.extract.attribution import Attribution, find_attribution
from reconcile.extract.dates import find_dates
from reconcile.extract.quantities import find_quantities
from reconcile.extract.triggers import lemmas_of
from reconcile.ingest import looks_like_furniture
from reconcile.lexicon import load_json, trigger_lexicon
from reconcile.model import (
    Actor,
    Article,
    Claim,
    DateValue,
    Quantity,
    Sentence,
    Span,
    Value,
)
from reconcile.segment import segment_sentences

__all__ = [
    "article_setting",
    "countries_of",
    "event_role",
    "extract_claims",
    "first_verb",
    "is_headline",
    "split_clauses",
]

# Clause boundaries that join two independent statements. Each needs both sides
# to look like statements (enough words and a verb) before it splits.
# Runs of whitespace are taken whole (possessive ``\s++``, and never from the
# middle of a run), so a long run costs linear time, not quadratic.
_CLAUSE_BOUNDARY = re.compile(
    r";\s++|,\s++(?:as|while|whereas|but|even as|meanwhile)\s++"
    r"|(?<!\s)\s++(?:—|--|–)\s++(?=[a-z])",
    re.IGNORECASE,
)
# Participial and relative clauses that attach a separate figure to a statement
# ("... signed a treaty meant to last 25 years"): split only when both sides
# carry a value of their own.
_VALUE_BOUNDARY = re.compile(
    r"(?<!\s)\s++(?:meant|intended|designed|set|due|expected)\s++to\s++"
    r"|,\s++(?:which|that)\s++(?:will|would)\s++"
    r"|(?:,|(?<![,\s]))\s++and\s++(?=(?:[a-z]{3,}ed|hurt|left|sent|gave)\s)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_VERB_CUE = re.compile(
    rf"\b(?:{word_alternation(load_json('verb_words.json')['verb_words'])}|[a-z]{{3,}}ed)\b",
    re.IGNORECASE,
)
_CALL_TO_ACT = re.compile(
    r"^(?:sign up|subscribe|click|tap|enter|follow|share|download|watch|listen|join|read|get|"
    r"don['’]t miss|support|donate|register|log in|see also|pre-order)\b",
    re.IGNORECASE,
)
_PRONOUN_SPEAKER = re.compile(r"^(?:he|she|they|it)$", re.IGNORECASE)
_MIN_WORDS = 4
_HEADLINE_MAX_WORDS = 8
#: The most words a heading of its own paragraph has (not the title's: a
#: title is recognised by its words, however many).
_HEADING_MAX_WORDS = 16

# Event verbs that give a date or figure its role: the signing date and the
# ratification date of one treaty are different values, never compared.
_EVENT_ROLES: tuple[tuple[str, str], ...] = (
    ("ratif", "ratified"),
    ("sign", "signed"),
    ("ink", "signed"),
    ("conclud", "signed"),
    ("seal", "signed"),
    ("approv", "approved"),
    ("pass", "approved"),
    ("adopt", "approved"),
    ("vot", "voted"),
    ("elect", "elected"),
    ("inaugurat", "inaugurated"),
    ("sworn", "inaugurated"),
    ("oath", "inaugurated"),
    ("meet", "met"),
    ("met", "met"),
    ("summit", "met"),
    ("visit", "visited"),
    ("kill", "struck"),
    ("strik", "struck"),
    ("struck", "struck"),
    ("hit", "struck"),
    ("attack", "struck"),
    ("launch", "launched"),
    ("shot", "struck"),
    ("quake", "struck"),
    ("earthquake", "struck"),
    ("erupt", "struck"),
    ("arrest", "arrested"),
    ("charg", "charged"),
    ("sentenc", "sentenced"),
    ("rul", "ruled"),
    ("announc", "announced"),
    ("report", "reported"),
    ("said", "said"),
    ("invad", "invaded"),
    ("invasion", "invaded"),
    ("rose", "rose"),
    ("rise", "rose"),
    ("rising", "rose"),
    ("climb", "rose"),
    ("increas", "rose"),
    ("jump", "rose"),
    ("began", "began"),
    ("start", "began"),
    ("end", "ended"),
)
# No stem is the start of another, so the stem a word starts with is the one
# the trie finds.
_ROLE_WORD = re.compile(
    rf"\b({word_alternation({stem for stem, _ in _EVENT_ROLES})})[a-z]*\b",
    re.IGNORECASE,
)
_ROLE_OF_STEM = dict(_EVENT_ROLES)


def extract_claims(
    article: Article,
    sentences: Sequence[Sentence] | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> tuple[Claim, ...]:
    """Extract the checkable claims of *article*.

    Args:
        article: a cleaned article, as :func:`reconcile.load_articles` returns.
        sentences: its sentences; segmented here when not given.
        gazetteer: actor and place names; the bundled one when not given.

    Returns:
        The claims in text order, with ids ``"<article id>#<n>"``.

    >>> from datetime import date
    >>> from reconcile.model import Article
    >>> text = "Russia and Iran signed a treaty on Friday, as a strike killed at least four people."
    >>> art = Article(id="a", outlet="Desk", text=text, published=date(2025, 1, 17))
    >>> [c.text for c in extract_claims(art)]
    ['Russia and Iran signed a treaty on Friday', 'a strike killed at least four people.']
    """
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    sentences = segment_sentences(article) if sentences is None else sentences
    drafts: list[dict[str, Any]] = []
    aliases: dict[str, str] = {}
    last_speaker: str | None = None
    for sentence in sentences:
        if not is_checkable(sentence.text):
            continue
        headline = is_headline(article, sentence.span)
        attribution = find_attribution(sentence.text, gazetteer=gazetteer)
        origin = attribution.origin
        if attribution.quote and origin is None and last_speaker is not None:
            origin = last_speaker
        if attribution.speaker:
            last_speaker = attribution.origin or attribution.speaker
        for start, end in split_clauses(sentence.text):
            span = Span(sentence.span.start + start, sentence.span.start + end)
            draft = _draft_claim(
                article, span, gazetteer, aliases, origin, attribution, len(drafts)
            )
            if draft is not None:
                drafts.append({**draft, "headline": headline} if headline else draft)
    # The claims are made once their article's setting is known.
    countries = [countries_of(d["values"], gazetteer) for d in drafts]
    setting = _setting(countries)
    return tuple(
        Claim(
            **draft,
            setting=_claim_setting(
                draft["text"], named, previous, previous_named, setting
            ),
        )
        for previous, draft, previous_named, named in zip(
            (None, *(d["text"] for d in drafts)),
            drafts,
            ((), *countries),
            countries,
            strict=False,
        )
    )


def _claim_setting(
    text: str,
    named: set[str],
    previous: str | None,
    previous_named: Iterable[str],
    setting: tuple[str, ...],
) -> tuple[str, ...]:
    """The countries a claim that names none is about: its article's setting and,
    when its subject refers back to the claim just before it, that claim's
    countries ("A quake struck off Hokkaido, Japan's weather agency said. The
    agency issued no tsunami warning." -- the warning is Japan's, even in a
    round-up that covers several countries).

    Args:
        text: the claim's text.
        named: the countries the claim names (:func:`countries_of`).
        previous: the text of the claim before it, ``None`` for the first.
        previous_named: the countries the claim before it names.
        setting: the article's setting (:func:`article_setting`).
    """
    if previous is None or named or not _refers_back(text, previous):
        return setting
    return tuple(sorted({*setting, *previous_named}))


_ANAPHORA = re.compile(
    r"^(?:(?P<pronoun>it|its|he|his|she|her|they|their)\b"
    r"|(?:the|this|that|these|those)\s+(?P<first>[a-z-]{3,})(?:\s+(?P<second>[a-z-]{3,}))?)",
    re.IGNORECASE,
)


def _refers_back(text: str, previous: str) -> bool:
    """Whether a claim's subject refers to the sentence before it: a pronoun, or a
    definite noun phrase one of whose first two words the previous sentence
    names ("the agency" after "the Japan Meteorological Agency said").

    >>> _refers_back("The agency issued no warning.", "the Weather Agency said so")
    True
    >>> _refers_back("The death toll rose to 20.", "Aid flights from Peru landed.")
    False
    """
    match = _ANAPHORA.match(text.strip())
    if match is None:
        return False
    if match.group("pronoun"):
        return True
    return any(
        re.search(rf"\b{re.escape(noun)}\b", previous, re.IGNORECASE) is not None
        for noun in (match.group("first"), match.group("second"))
        if noun
    )


def countries_of(values: Iterable[Value], gazetteer: Gazetteer) -> set[str]:
    """The countries named by actors and places: a country itself, a person's
    affiliation, a capital's state, the country containing a place."""
    out: set[str] = set()
    for value in values:
        if not isinstance(value, Actor) or value.type == "unknown":
            continue
        for name in (
            value.canonical,
            gazetteer.affiliation(value.canonical),
            *value.within,
        ):
            if name and gazetteer.type_of(name) == "country":
                out.add(name)
                break
    return out


def article_setting(claims: Sequence[Claim], gazetteer: Gazetteer) -> tuple[str, ...]:
    """The countries an article is mostly about: named at least twice and at
    least half as often as the most named one."""
    return _setting([countries_of(claim.values, gazetteer) for claim in claims])


def _setting(countries: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """:func:`article_setting` from the countries each claim names."""
    counts: dict[str, int] = {}
    for named in countries:
        for country in named:
            counts[country] = counts.get(country, 0) + 1
    if not counts:
        return ()
    top = max(counts.values())
    return tuple(sorted(c for c, n in counts.items() if n >= 2 and n * 2 >= top))


def is_checkable(text: str) -> bool:
    """Whether a sentence can hold a checkable claim (not a question, prompt or label)."""
    stripped = text.strip()
    words = _WORD.findall(stripped)
    if len(words) < _MIN_WORDS or looks_like_furniture(stripped):
        return False
    if stripped.endswith(("?", "?”", '?"', "…", "...")) or _CALL_TO_ACT.match(stripped):
        return False
    if stripped[-1] in ".!\"”’'":
        return True  # ends like a sentence
    has_verb = _VERB_CUE.search(stripped) is not None or any(
        _inflected_event_verb(w) for w in words
    )
    if len(words) <= _HEADLINE_MAX_WORDS and not has_verb:
        return False
    if _in_title_case(words) and not any(
        w.islower() and _inflected_event_verb(w) for w in words
    ):
        # A heading or label: "Featured Video Of The Day"; not a headline of
        # names around a verb in lower case ("Giorgia Meloni meets Volodymyr
        # Zelensky in Kyiv").
        return False
    return has_verb


@functools.lru_cache(maxsize=1 << 14)
def _inflected_event_verb(word: str) -> bool:
    """Whether *word* is an inflected form of a trigger verb of the lexicon
    ("jails", "kills", "meets"): a headline's verb ("Court in Bamako jails
    Leila Ibarra for 3 years")."""
    lower = word.lower()
    verbs = trigger_lexicon().verbs
    return any(lemma != lower and lemma in verbs for lemma in lemmas_of(lower)[0])


def _in_title_case(words: Sequence[str]) -> bool:
    """Whether nearly every word longer than two letters is capitalised, as
    in headings and labels rather than sentences."""
    long = [w for w in words if len(w) > 2]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


#: How alike (rapidfuzz ``token_sort_ratio``) a line and the title must be for the
#: line to be the headline printed again in the body.
HEADLINE_LIKENESS = 90.0


def is_headline(article: Article, span: Span) -> bool:
    r"""Whether the text at *span* is the article's headline, reported in its body.

    A headline is a whole line with no closing punctuation that either reads as
    the article's ``title`` or is a short paragraph of its own: the headline of an
    untitled page ("Russia and Iran deepen ties as deadly missile strike hits
    eastern Ukraine"), a section's heading, a roundup story's headline. It
    states the story's claims again in headline words: its claims are marked
    ``headline`` (:attr:`reconcile.model.Claim.headline`).

    >>> text = "Russia and Iran deepen ties as strike hits Ukraine\n\nRussia and Iran signed a pact."
    >>> art = Article(id="a", outlet="X", text=text)
    >>> is_headline(art, Span(0, 50)), is_headline(art, Span(52, len(text)))
    (True, False)
    """
    text = article.text
    line = text[span.start : span.end]
    if not line or line[-1] in ".!?…\"”’'":
        return False
    before = text[text.rfind("\n", 0, span.start) + 1 : span.start]
    after_end = text.find("\n", span.end)
    after = text[span.end : len(text) if after_end < 0 else after_end]
    if before.strip() or after.strip():
        return False
    if (
        article.title
        and fuzz.token_sort_ratio(line.lower(), article.title.lower())
        >= HEADLINE_LIKENESS
    ):
        return True
    # A short paragraph of one line without closing punctuation is a heading:
    # the headline of an untitled page, a section's or a roundup story's
    # heading (a long one is a paragraph that lost its full stop).
    if len(_WORD.findall(line)) > _HEADING_MAX_WORDS or line[0] in "\"“‘'":
        return False
    earlier = text[: span.start - len(before)]
    later = text[span.end + len(after) :]
    return (not earlier.strip() or _BLANK_BEFORE.search(earlier) is not None) and (
        not later.strip() or _BLANK_AFTER.match(later) is not None
    )


_BLANK_BEFORE = re.compile(r"\n[ \t]*\n[ \t]*\Z")
_BLANK_AFTER = re.compile(r"\n[ \t]*\n")


def first_verb(text: str) -> int | None:
    """Where the first word that looks like a verb starts in *text*, if any.

    >>> first_verb("Iran has supplied Russia with drones")
    5
    """
    match = _VERB_CUE.search(text)
    return None if match is None else match.start()


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Character ranges of the independent clauses of one sentence.

    >>> s = "Iran signed a pact on Friday, as a strike killed four people."
    >>> [s[a:b] for a, b in split_clauses(s)]
    ['Iran signed a pact on Friday', 'a strike killed four people.']
    """
    quoted = _quoted(text)
    pieces = _split_at(text, [(0, len(text))], _CLAUSE_BOUNDARY, _STATEMENT, quoted)
    return _split_at(text, pieces, _VALUE_BOUNDARY, _FIGURE_PIECE, quoted)


def _inside(quoted: Sequence[tuple[int, int]], opens: Sequence[int], at: int) -> bool:
    """Whether *at* lies strictly inside one of the sorted spans *quoted*."""
    k = bisect.bisect_left(opens, at) - 1
    return k >= 0 and quoted[k][0] < at < quoted[k][1]


def _quoted(text: str) -> list[tuple[int, int]]:
    """The spans of the quotations of *text*; one left open runs to the end.

    A clause boundary inside a quotation ("... in every field – security, the
    economy ...,” Mr Pezeshkian said) is the speaker's, not the sentence's.
    """
    regions: list[tuple[int, int]] = []
    opened = text.find("“")
    while opened >= 0:
        # A closing mark before the opening one, or an opening mark inside a
        # quotation, is not a boundary of one.
        closed = text.find("”", opened + 1)
        if closed < 0:
            regions.append((opened, len(text)))
            break
        regions.append((opened, closed))
        opened = text.find("“", closed + 1)
    return regions


def event_role(text: str, position: int) -> str | None:
    """The event a value at *position* in *text* belongs to.

    The nearest event word before the value wins ("signed ... on Friday during a
    visit" is the signing's date); a word after it counts only when none comes
    before ("On Friday, the two leaders signed").

    >>> event_role("the law was ratified on April 21", 24)
    'ratified'
    >>> event_role("Iran signed a treaty on Friday during a visit", 21)
    'signed'
    """
    starts, ends, roles = _role_words(text)
    # A value that starts inside a word cuts that word short, as if the text
    # ended there: the cut word may still be an event word ("sign|ed").
    word = position
    while word > 0 and (text[word - 1].isalnum() or text[word - 1] == "_"):
        word -= 1
    if word < position:
        cut = _ROLE_WORD.match(text, word, position)
        if cut is not None:
            return _ROLE_OF_STEM[cut.group(1).lower()]
    # Event words are whole words, found once per text: the last one ending at
    # or before the value, else the first one starting at or after it.
    before = bisect.bisect_right(ends, word)
    if before:
        return roles[before - 1]
    after = bisect.bisect_left(starts, position)
    return roles[after] if after < len(roles) else None


@functools.lru_cache(maxsize=16)
def _role_words(text: str) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and roles of the event words of *text*, in text order."""
    starts: list[int] = []
    ends: list[int] = []
    roles: list[str] = []
    for match in _ROLE_WORD.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        roles.append(_ROLE_OF_STEM[match.group(1).lower()])
    return starts, ends, roles


class _Fragments:
    """Which fragments of a text hold enough words and a cue (a verb, a figure).

    Words and cues are found once per piece of text; a fragment is then judged
    with two binary searches, so judging every boundary of a piece costs
    ``O(n log n)`` instead of rescanning the rest of the piece each time. Words
    and cues never cross the edges of a fragment (fragments start after
    whitespace and end before ``;``, ``,`` or whitespace), so the counts are
    those of the fragment read on its own.
    """

    def __init__(self, min_words: int, cue: re.Pattern[str]) -> None:
        self.min_words = min_words
        self.cue = cue

    def scan(
        self, text: str, start: int, end: int
    ) -> tuple[list[int], list[int], list[int]]:
        """Word starts, cue starts and cue ends in ``text[start:end]``."""
        words = [match.start() for match in _WORD.finditer(text, start, end)]
        cues = list(self.cue.finditer(text, start, end))
        return words, [m.start() for m in cues], [m.end() for m in cues]

    def holds(
        self, found: tuple[list[int], list[int], list[int]], start: int, end: int
    ) -> bool:
        """Whether ``text[start:end]`` has enough words and a cue."""
        words, cue_starts, cue_ends = found
        count = bisect.bisect_left(words, end) - bisect.bisect_left(words, start)
        if count < self.min_words:
            return False
        first = bisect.bisect_left(cue_starts, start)
        return first < len(cue_starts) and cue_ends[first] <= end


def _split_at(
    text: str,
    pieces: Iterable[tuple[int, int]],
    boundary: re.Pattern[str],
    keep: _Fragments,
    quoted: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """Split each piece at every *boundary* whose two sides both *keep*, in one
    pass; never inside one of the *quoted* spans (sorted, disjoint)."""
    opens = [a for a, _ in quoted]
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        cursor = start
        found = None  # words and cues, scanned at the piece's first boundary
        for match in boundary.finditer(text[start:end]):
            left_end, right_start = start + match.start(), start + match.end()
            if _inside(quoted, opens, left_end):
                continue
            if found is None:
                found = keep.scan(text, start, end)
            if keep.holds(found, cursor, left_end) and keep.holds(
                found, right_start, end
            ):
                out.append((cursor, left_end))
                cursor = right_start
        out.append((cursor, end))
    return [_trim(text, a, b) for a, b in out if text[a:b].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,":
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|dozens?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


_STATEMENT = _Fragments(_MIN_WORDS, _VERB_CUE)
"""A statement: at least four words and a verb."""
_FIGURE_PIECE = _Fragments(2, _FIGURE)
"""A piece with a figure of its own: two words and a number."""


def _draft_claim(
    article: Article,
    span: Span,
    gazetteer: Gazetteer,
    aliases: dict[str, str],
    origin: str | None,
    attribution: Attribution,
    number: int,
) -> dict[str, Any] | None:
    """The fields of the claim at *span* but its setting, or ``None`` when the
    clause is too short to be one."""
    text = article.text[span.start : span.end]
    if len(_WORD.findall(text)) < _MIN_WORDS:
        return None
    dates = [
        attrs.evolve(d, role=event_role(text, d.span.start - span.start))
        for d in find_dates(text, published=article.published, offset=span.start)
    ]
    quantities = [
        q
        for q in find_quantities(
            text, offset=span.start, exclude=[d.span for d in dates]
        )
        if not _is_party_count(q)
    ]
    actors = find_actors(text, gazetteer=gazetteer, offset=span.start, aliases=aliases)
    _learn_aliases(actors, gazetteer, aliases)
    values: list[Value] = sorted(
        [*dates, *quantities, *actors], key=lambda v: (v.span.start, v.span.end)
    )
    clause = find_attribution(text, gazetteer=gazetteer)
    return {
        "id": f"{article.id}#{number + 1}",
        "article_id": article.id,
        "outlet": article.outlet,
        "text": text,
        "span": span,
        "values": _drop_overlaps(values),
        "published": article.published,
        "attributed_to": origin,
        "polarity": "negated" if clause.negated else "affirmed",
        "hedged": clause.hedged or attribution.hedged,
        "quote": attribution.quote,
    }


#: Nouns naming the parties to a story: "the two countries", "both sides" are
#: not checkable figures.
_PARTY_NOUNS = frozenset(
    {
        "countries",
        "sides",
        "nations",
        "leaders",
        "presidents",
        "parties",
        "states",
        "men",
        "governments",
    }
)


def _is_party_count(quantity: Quantity) -> bool:
    return (
        quantity.measure is None
        and quantity.unit in _PARTY_NOUNS
        and quantity.high is not None
        and quantity.high <= 3
    )


def _drop_overlaps(values: list[Value]) -> list[Value]:
    """Keep the first of values whose spans overlap (dates win: they were found first).

    *values* come in span order, so the kept values, which never overlap one
    another, only need checking from the last one back while they reach past
    the new value's start: one pass, not a scan of every kept value.
    """
    kept: list[Value] = []
    for value in values:
        start, end = value.span.start, value.span.end
        reach = len(kept)
        while reach and kept[reach - 1].span.end > start:
            reach -= 1
        tail = kept[reach:]
        clear = [k for k in tail if end <= k.span.start or start >= k.span.end]
        if len(clear) == len(tail):
            kept.append(value)
        elif isinstance(value, DateValue):
            kept[reach:] = clear
            kept.append(value)
    return sorted(kept, key=lambda v: (v.span.start, v.span.end))


def _learn_aliases(
    actors: Sequence[Actor], gazetteer: Gazetteer, aliases: dict[str, str]
) -> None:
    """Remember a named person's surname so "Mr Pezeshkian" later in the article resolves."""
    for actor in actors:
        if actor.type in ("person", "unknown") and " " in actor.canonical:
            surname = actor.canonical.rsplit(" ", 1)[1]
            if _PRONOUN_SPEAKER.match(surname) is None and surname[:1].isupper():
                aliases.setdefault(surname, actor.canonical)
