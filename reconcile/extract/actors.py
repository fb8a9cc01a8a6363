"""Actors and places: who acts in a sentence, where it happened, by canonical name.

No NER model ships offline, so mentions come from a bundled gazetteer (countries,
capitals, major cities, regions, international and national bodies, news agencies
and world leaders) plus capitalisation heuristics for names it does not know.

* Gazetteer names are matched by one compiled regex built as a character trie,
  so the longest name wins ("Kim Jong Un" over "Kim", "Guinea-Bissau" over
  "Guinea") and a sentence is scanned once, whatever the gazetteer's size.
* Demonyms are actors ("Iranian officials" -> Iran); capitals and seats of power
  stand for their state when they act ("Tehran said" -> Iran) and are places
  when something happens there ("in Moscow" -> Moscow, within Russia).
* A demonym or state that only qualifies a person's title is not a second actor:
  "Russian President Vladimir Putin" gives Vladimir Putin alone.
* Two or more capitalised words the gazetteer does not know ("Daniel McLaughlin")
  become an actor of type ``"unknown"`` whose canonical name is the text itself.

The alias file given to :func:`load_gazetteer` (``Config.alias_file``) has the
bundled file's shape, a JSON object with an ``entries`` list::

    {"version": 1,
     "entries": [
       {"canonical": "Kryvyi Rih", "type": "city", "aliases": ["Krivoy Rog"],
        "within": ["Ukraine"]},
       {"canonical": "Abbas Araghchi", "type": "person", "affiliation": "Iran",
        "title": "Foreign Minister of Iran", "surnames": ["Araghchi"]},
       {"canonical": "Volodymyr Zelensky", "aliases": ["Zelenskyi"]}
     ]}

Each entry's keys: ``canonical`` (required), ``type`` (required for a new entry:
one of :data:`ENTITY_TYPES`), ``aliases``, ``demonyms`` and ``surnames`` (lists of
names), ``within`` (canonical names of the places that directly contain it),
``affiliation`` (the canonical state or body a person or body belongs to),
``stands_for`` (what the name means when it acts: "Tehran" stands for Iran) and
``title`` (free text). An entry whose ``canonical`` is already known extends that
entry: its lists are added, its other fields replace the bundled ones. A person's
surname is derived from the last word of the name unless ``surnames`` is given;
surnames shared by two people are dropped. Honorific forms ("Mr Putin",
"President Putin") are handled by code and need no entry. Names match
case-sensitively; :meth:`Gazetteer.canonical` also ignores case, a leading "the"
and a possessive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from attrs import evolve, frozen
from cleanco import basename
from lemminflect import getAllLemmas

from reconcile.errors import ConfigError
from reconcile.lexicon import trigger_lexicon
from reconcile.model import Actor, Span

__all__ = [
    "ENTITY_TYPES",
    "PLACE_TYPES",
    "Gazetteer",
    "find_actors",
    "load_gazetteer",
    "principal_actors",
]

ENTITY_TYPES: tuple[str, ...] = (
    "country",
    "city",
    "region",
    "person",
    "organization",
    "body",
)
"""The types a gazetteer entry may have; unknown names get ``"unknown"``."""

_LIST_FIELDS = ("aliases", "demonyms", "surnames", "within")
_TEXT_FIELDS = ("affiliation", "stands_for", "title")
_ENTRY_FIELDS = frozenset({"canonical", "type", *_LIST_FIELDS, *_TEXT_FIELDS})
_PLACE_BODY_TYPES = frozenset({"body", "organization"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UPPER = "".join(
    c
    for c in map(
        chr, [*range(0x41, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00)]
    )
    if c.isupper()
)
_CAP_TOKEN = rf"[{_UPPER}](?:\w|[-'’](?!s\b)(?=\w))*"
_WORD_START = r"(?<!\w)(?<!\w['’])"
_SPACE = re.compile(r"\s+")
_RUN_GAP = re.compile(
    r"[ \u00a0]+(?:(?:of(?: the)?|de|da|do|dos|das|del|della|di|du|des|van|von|der|den|le|la|al|el|bin|ibn|y)[ \u00a0]+)?"
)
_DOT_GAP = re.compile(r"\.[ \u00a0]+")
#: A capitalised name and a comma right before a place: the place holds the
#: name ("near Mendon, Missouri").
_APPOSED_TO = re.compile(r"\b[A-Z][\w'’.-]*(?:[ \u00a0]+[A-Z][\w'’.-]*)*,[ \u00a0]+\Z")
_TITLE_GAP = re.compile(r"(?:['’]s)?((?:[ \u00a0]+[\w.-]+)+)[ \u00a0]+")
_COORDINATION = re.compile(r",[ \u00a0]+|,?[ \u00a0]+(?:and|or)[ \u00a0]+")
_LIST_CONTINUES = re.compile(r",|[ \u00a0]+(?:and|or)[ \u00a0]")
_OPENERS = " \t\u00a0\"“‘'(["
_INITIAL_VERB_SUFFIXES = ("ing", "ed", "ly")
_STRIP = "“”\"‘’'()[],;:"

_HONORIFICS = _words("mr mrs ms miss mx dr sir dame lord lady prof professor rev")
_TITLE_WORDS = _words(
    """president presidents vice vice-president prime minister ministers premier chancellor foreign
    defence defense interior finance economy deputy counterpart counterparts leader leaders supreme
    spokesman spokeswoman spokesperson envoy ambassador general commander commander-in-chief chief
    head secretary secretary-general state king queen crown prince princess emir sultan sheikh
    ayatollah pope former acting then-president opposition senator governor mayor lawmaker official
    top diplomat negotiator adviser advisor aide army military intelligence security national
    new long-time self-proclaimed de facto of the affairs first lady speaker justice health"""
)
_RUN_TITLES = _words(
    """president vice vice-president prime minister premier chancellor foreign defence defense
    interior deputy counterpart leader supreme spokesman spokeswoman spokesperson envoy ambassador
    commander chief secretary secretary-general king queen crown prince princess emir sultan sheikh
    ayatollah pope former acting senator governor mayor speaker general lieutenant colonel"""
)
_STOP_WORDS = _words(
    """the a an and but or nor so yet for as at by in on of to from with without after before since
    until while when where why how what which who whom whose that this these those there here it its
    he she they we i you his her their our my your him them me if then than also however meanwhile
    moreover furthermore earlier later today yesterday tomorrow tonight now both all each every some
    many most more other another such no not yes one two three four five six seven eight nine ten
    according despite during under over about against between among through across around near last
    next read subscribe photograph photo image images editor editors please enter thank share click
    sign watch listen follow skip edit post breaking live updated update advertisement
    january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
    sunday mon tue tues wed thu thur thurs fri sat sun"""
)
_LOCATIVES = _words(
    "in at near over across inside outside around throughout within into towards toward"
)
_LOCATIVE_WITH_EVIDENCE = frozenset({"on", "along", "off", "beyond", "to", "from"})
_DETERMINERS = _words("the a an its their his her our this that these those")
_DIRECTIONS = _words(
    """north south east west northern southern eastern western central north-east north-west
    south-east south-west northeast northwest southeast southwest north-eastern north-western
    south-eastern south-western northeastern northwestern southeastern southwestern far"""
)
_PLACE_NOUNS = _words(
    """region regions city cities town towns village villages province provinces oblast district
    districts area areas capital port territory territories outskirts suburbs suburb centre center
    part parts border frontline front-line front coast island islands county state republic
    settlement settlements enclave border-region"""
)
_PLACE_ADJECTIVE_SUFFIXES = ("-occupied", "-held", "-controlled", "-annexed", "-run")
_SETTLEMENT_TYPES = frozenset({"city", "unknown"})
_TARGET_PREPOSITIONS = frozenset({"on", "against"})
#: The gazetteer's types of places: what an event can happen in, and what an
#: incident's verb can strike ("hit Budapest").
PLACE_TYPES = frozenset({"city", "country", "region"})
_ATTACKS = _words(
    """strike strikes airstrike airstrikes attack attacks assault raid raids shelling bombing
    bombardment offensive advance assaults counteroffensive counter-offensive"""
)
_LEADING_NOISE = _DETERMINERS | _HONORIFICS | _TITLE_WORDS


@frozen
class _Entry:
    canonical: str
    type: str | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    surnames: tuple[str, ...] | None = None
    within: tuple[str, ...] = ()
    affiliation: str | None = None
    stands_for: str | None = None
    title: str | None = None
    #: Derived from GeoNames (``places.json``): the name means the place only
    #: where the wording makes it one ("in Memphis"), never an actor ("Jackson
    #: said") nor part of a longer name ("Charlotte Smith").
    place_only: bool = False


class Gazetteer:
    """Canonical names, types, affiliations and containment of known actors and places.

    Build one with :func:`load_gazetteer`, or directly from entries in the alias
    file's shape (see the module docstring). A gazetteer is immutable.

    Args:
        entries: mappings with the keys of an alias-file entry; an entry naming an
            already listed ``canonical`` extends it.
        source: where the entries came from, for error messages.

    Raises:
        ConfigError: an entry is malformed or names an unknown canonical.

    >>> g = Gazetteer([{"canonical": "Ruritania", "type": "country", "demonyms": ["Ruritanian"]},
    ...                {"canonical": "Strelsau", "type": "city", "within": ["Ruritania"]}])
    >>> g.canonical("Ruritanian"), g.is_within("Strelsau", "Ruritania"), g.type_of("Strelsau")
    ('Ruritania', True, 'city')
    """

    __slots__ = (
        "_demonym_names",
        "_entries",
        "_folded",
        "_names",
        "_pattern",
        "_places_only",
        "_within",
    )

    def __init__(
        self, entries: Iterable[Mapping[str, Any]], *, source: str = "<entries>"
    ) -> None:
        self._build(_parse_entries(list(entries), source, "entries"), source)

    @classmethod
    def _from_parsed(cls, entries: list[_Entry], source: str) -> Gazetteer:
        gazetteer = cls.__new__(cls)
        gazetteer._build(entries, source)
        return gazetteer

    def _build(self, parsed: list[_Entry], source: str) -> None:
        entries = _merge_entries(parsed, source)
        self._entries: dict[str, _Entry] = entries
        self._within: dict[str, tuple[str, ...]] = _containment(entries, source)
        self._names: dict[str, str] = _name_index(entries)
        self._folded: dict[str, str] = {}
        for name, canonical in self._names.items():
            if not name.isupper():  # acronyms match exactly: "us" is not the US
                self._folded.setdefault(name.casefold(), canonical)
        self._demonym_names: frozenset[str] = frozenset(
            d for e in entries.values() for d in e.demonyms
        )
        self._places_only: frozenset[str] = frozenset(
            e.canonical for e in entries.values() if e.place_only
        )
        self._pattern: re.Pattern[str] = re.compile(
            rf"{_WORD_START}(?:(?P<g>{_trie_regex(self._names)})(?!\w)|(?P<c>{_CAP_TOKEN}))"
        )

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.canonical(name) is not None

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self._entries)} entries, {len(self._names)} names>"

    @property
    def name_count(self) -> int:
        """How many surface names (canonical names, aliases, demonyms, surnames) match."""
        return len(self._names)

    def canonical(self, name: str) -> str | None:
        """The canonical name for *name*, or ``None`` if the gazetteer does not know it.

        Case, surrounding space, a leading "the", a possessive "'s" and an honorific
        ("Mr", "President") are ignored. Demonyms give their state and surnames
        their person. A capital is returned as itself: see :meth:`stands_for`.

        >>> g = load_gazetteer()
        >>> g.canonical("the Kremlin"), g.canonical("Iranian"), g.canonical("Mr Putin")
        ('Kremlin', 'Iran', 'Vladimir Putin')
        """
        key = _SPACE.sub(" ", name.strip()).replace("’", "'")
        found = self._names.get(key)
        if found is None:
            found = self._folded.get(key.casefold())
        if found is not None:
            return found
        words = key.split(" ")
        while len(words) > 1 and words[0].lower().rstrip(".") in _LEADING_NOISE:
            words = words[1:]
            found = self._names.get(" ".join(words)) or self._folded.get(
                " ".join(words).casefold()
            )
            if found is not None:
                return found
        if key.endswith("'s") and len(key) > 2:
            return self.canonical(key[:-2])
        return None

    def _entry(self, name: str) -> _Entry | None:
        canonical = name if name in self._entries else self.canonical(name)
        return None if canonical is None else self._entries[canonical]

    def type_of(self, canonical: str) -> str | None:
        """The entry's type (one of :data:`ENTITY_TYPES`), or ``None`` if unknown.

        >>> load_gazetteer().type_of("Kremlin")
        'body'
        """
        entry = self._entry(canonical)
        return None if entry is None else entry.type

    def affiliation(self, canonical: str) -> str | None:
        """The state or body a person or national body belongs to, or ``None``.

        >>> load_gazetteer().affiliation("Vladimir Putin")
        'Russia'
        """
        entry = self._entry(canonical)
        return None if entry is None else entry.affiliation

    def stands_for(self, canonical: str) -> str | None:
        """What a place or seat of power means when it acts, or ``None``.

        >>> g = load_gazetteer()
        >>> g.stands_for("Tehran"), g.stands_for("the Kremlin"), g.stands_for("Kharkiv")
        ('Iran', 'Russia', None)
        """
        entry = self._entry(canonical)
        return None if entry is None else entry.stands_for

    def within(self, canonical: str) -> tuple[str, ...]:
        """Every place containing *canonical*, nearest first (transitively).

        >>> load_gazetteer().within("Kremlin")
        ('Moscow', 'Russia')
        """
        entry = self._entry(canonical)
        return () if entry is None else self._within[entry.canonical]

    def is_within(self, inner: str, outer: str) -> bool:
        """Whether place *inner* lies inside *outer*; a place lies within itself.

        Unknown names lie only within themselves (compared exactly).

        >>> g = load_gazetteer()
        >>> g.is_within("Kryvyi Rih", "Ukraine"), g.is_within("Ukraine", "Kharkiv")
        (True, False)
        """
        inner_canonical = self.canonical(inner) or inner
        outer_canonical = self.canonical(outer) or outer
        if inner_canonical == outer_canonical:
            return True
        return outer_canonical in self._within.get(inner_canonical, ())

    def demonym(self, canonical: str) -> str | None:
        """The preferred adjective of a state or region ("Russia" -> "Russian"), or ``None``.

        >>> load_gazetteer().demonym("United States")
        'American'
        """
        entry = self._entry(canonical)
        return entry.demonyms[0] if entry is not None and entry.demonyms else None

    def is_demonym(self, name: str) -> bool:
        """Whether *name* is exactly one of the gazetteer's demonyms ("Iranian").

        >>> load_gazetteer().is_demonym("Iranian")
        True
        """
        return name in self._demonym_names


def load_gazetteer(alias_file: str | Path | None = None) -> Gazetteer:
    """The bundled gazetteer, extended by a user's alias file when one is given.

    The bundled gazetteer is built once and cached; so is each alias file, until
    the file changes. The alias file's JSON shape is described in this module's
    docstring.

    Args:
        alias_file: path to a JSON alias file, or ``None`` for the bundled data alone.

    Returns:
        The gazetteer.

    Raises:
        ConfigError: the alias file cannot be read, is not JSON, or an entry is
            malformed; the message names the file and what was expected.

    >>> g = load_gazetteer()
    >>> g.canonical("Kyiv"), g.within("Kryvyi Rih")
    ('Kyiv', ('Dnipropetrovsk Oblast', 'Ukraine'))
    """
    if alias_file is None:
        return _bundled_gazetteer()
    path = Path(alias_file)
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(
            f"{path}: alias file: expected a readable JSON file ({exc.strerror})"
        ) from exc
    return _gazetteer_with_aliases(str(path), stat.st_mtime_ns, stat.st_size)


def find_actors(
    text: str,
    *,
    gazetteer: Gazetteer,
    offset: int = 0,
    aliases: Mapping[str, str] | None = None,
) -> list[Actor]:
    """Every actor and place mentioned in *text*, in text order, with exact spans.

    A mention's ``role`` is ``"place"`` when it follows a locative preposition,
    possibly across determiners, direction words and place nouns ("in Moscow",
    "near Kharkiv", "in eastern Ukraine", "in the Russian border region of
    Belgorod"), when it is the target of an attack ("a strike on Kryvyi Rih"),
    a town something comes from ("arrived from Quito"), or in a list or
    apposition with a place ("in Kyiv, Kharkiv and Odesa", "in Muscat, Oman");
    it is ``"actor"`` otherwise, and people always act. An acting capital or
    seat of power is canonicalised to the state it stands for ("Tehran" -> Iran),
    a place keeps its own name and lists the places containing it in ``within``.
    A demonym or state that only qualifies a named person's title ("Russian
    President Vladimir Putin", "his Iranian counterpart Masoud Pezeshkian") is
    dropped. Unknown runs of two or more capitalised words become actors of type
    ``"unknown"``; a lone capitalised word after an honorific ("Mr Smith")
    becomes an unknown ``"person"``. Sentence-initial words, months, weekdays,
    titles and honorifics are never actors on their own.

    Args:
        text: one sentence (or clause) of an article.
        gazetteer: the names to recognise (see :func:`load_gazetteer`).
        offset: where *text* starts in the article; spans are shifted by it.
        aliases: names learned from earlier sentences of the same article, such
            as a surname mapped to the full name (``{"Araghchi": "Abbas Araghchi"}``).

    Returns:
        The mentions; ``actor.text == text[i:j]`` where ``actor.span`` is
        ``Span(offset + i, offset + j)``.

    >>> g = load_gazetteer()
    >>> [(a.text, a.canonical, a.role) for a in find_actors(
    ...     "Tehran has supplied Moscow with drones, Mr Putin said in Moscow.", gazetteer=g)]
    [('Tehran', 'Iran', 'actor'), ('Moscow', 'Russia', 'actor'), ('Putin', 'Vladimir Putin', 'actor'), ('Moscow', 'Moscow', 'place')]
    """
    mentions = _scan(text, gazetteer, aliases or {})
    mentions = _drop_title_qualifiers(text, mentions)
    return _to_actors(text, mentions, gazetteer, offset)


def principal_actors(actors: Iterable[Actor]) -> tuple[str, ...]:
    """The sorted, distinct canonical names of the mentions whose role is ``"actor"``.

    People stay people: "Vladimir Putin" does not also contribute "Russia"; use
    :meth:`Gazetteer.affiliation` to compare at the level of states.

    >>> g = load_gazetteer()
    >>> principal_actors(find_actors("Iran and Russia met in Minsk.", gazetteer=g))
    ('Iran', 'Russia')
    """
    return tuple(sorted({actor.canonical for actor in actors if actor.role == "actor"}))


# ---------------------------------------------------------------- mentions


@frozen
class _Mention:
    start: int
    end: int
    canonical: str
    type: str
    person_like: bool


def _scan(
    text: str, gazetteer: Gazetteer, aliases: Mapping[str, str]
) -> list[_Mention]:
    """Gazetteer matches and unknown capitalised runs, in text order."""
    mentions: list[_Mention] = []
    run: list[tuple[int, int]] = []
    matches = list(gazetteer._pattern.finditer(text))
    for index, match in enumerate(matches):
        start, end = match.span()
        if match.lastgroup == "g" and not _inside_a_name(
            text, matches, index, gazetteer
        ):
            if run:
                mentions.extend(_run_mentions(text, run, gazetteer, aliases))
                run = []
            mentions.append(_gazetteer_mention(gazetteer, match.group(), start, end))
            continue
        if run and not _continues_run(text, run[-1], start):
            mentions.extend(_run_mentions(text, run, gazetteer, aliases))
            run = []
        run.append((start, end))
    if run:
        mentions.extend(_run_mentions(text, run, gazetteer, aliases))
    return _named_after_a_country(text, mentions)


def _inside_a_name(
    text: str, matches: list[re.Match[str]], index: int, gazetteer: Gazetteer
) -> bool:
    """Whether gazetteer match *index* of *matches* is a place-only name
    (:attr:`_Entry.place_only`) run together with a capitalised word the
    gazetteer does not know: "Charlotte Smith", "Missouri Highway Patrol" are
    names of their own."""
    match = matches[index]
    if gazetteer._names.get(match.group()) not in gazetteer._places_only:
        return False

    def name_word(other: re.Match[str] | None) -> bool:
        # "in Missouri Monday": a weekday or a stop word runs into no name.
        return (
            other is not None
            and other.lastgroup == "c"
            and other.group().lower() not in _STOP_WORDS
        )

    after = matches[index + 1] if index + 1 < len(matches) else None
    before = matches[index - 1] if index else None
    return (
        name_word(after)
        and after is not None
        and _continues_run(text, match.span(), after.start())
    ) or (
        name_word(before)
        and before is not None
        and _continues_run(text, before.span(), match.start())
    )


def _modifies_a_noun(text: str, mention: _Mention) -> bool:
    """Whether the lower-case word after *mention* is a noun (lemminflect) and
    no place noun or adverb: "the Liverpool net", "Liverpool fans" name no
    place, while "in Kansas City today" and "the Memphis area" do."""
    following = text[mention.end : mention.end + 40].split()[:1]
    if not following or text[mention.end : mention.end + 1] != " ":
        return False
    word = following[0].strip(_STRIP).rstrip(".!?")
    if not word.isalpha() or not word.islower() or word in _PLACE_NOUNS:
        return False
    readings = getAllLemmas(word)
    return "NOUN" in readings and "ADV" not in readings


def _named_after_a_country(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """A country that opens a name is part of that name: "US Geological
    Survey", "China Earthquake Networks Center" and "U.S. Steel" are bodies,
    not the United States or China. The name is canonical with the country's
    canonical name, so "U.S. Steel", "US Steel" and "United States Steel
    Corporation" are one name."""
    out: list[_Mention] = []
    for index, mention in enumerate(mentions):
        if mention.type != "country":
            out.append(mention)
            continue
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        end = None
        if (
            following is not None
            and following.type == "unknown"
            and text[mention.end : following.start] == " "
        ):
            end = following.end
        else:
            word = _NAME_WORD.match(text, mention.end)
            if (
                word is not None
                and word.group(1).lower() not in _NOT_A_NAME
                and (following is None or following.start >= word.end())
            ):
                end = word.end()
        if end is None:
            out.append(mention)
            continue
        rest = text[text.index(" ", mention.end, end) + 1 : end]
        out.append(
            _Mention(
                mention.start,
                end,
                unknown_name(f"{mention.canonical} {rest}"),
                "unknown",
                True,
            )
        )
    return [
        m
        for m in out
        if not any(o is not m and o.start <= m.start and m.end <= o.end for o in out)
    ]


#: One capitalised word right after a country, ending the name ("U.S. Steel said").
_NAME_WORD = re.compile(r" ([A-Z][a-z][\w'’-]*)(?=[\s,.;:)]|$)(?! [A-Z])")
_NOT_A_NAME = _STOP_WORDS | _TITLE_WORDS | _HONORIFICS


def _gazetteer_mention(
    gazetteer: Gazetteer, surface: str, start: int, end: int
) -> _Mention:
    canonical = gazetteer._names.get(surface)
    if canonical is None:
        canonical = gazetteer._names[_SPACE.sub(" ", surface).replace("’", "'")]
    type_ = gazetteer._entries[canonical].type or "unknown"
    return _Mention(start, end, canonical, type_, type_ == "person")


def _continues_run(text: str, previous: tuple[int, int], start: int) -> bool:
    gap_start = previous[1]
    if _RUN_GAP.fullmatch(text, gap_start, start):
        return True
    if _DOT_GAP.fullmatch(text, gap_start, start):
        token = text[previous[0] : previous[1]]
        return (
            len(token) == 1
            or token.lower() in _HONORIFICS
            or token in {"St", "Gen", "Sen", "Lt", "Col"}
        )
    return False


def _run_mentions(
    text: str,
    run: list[tuple[int, int]],
    gazetteer: Gazetteer,
    aliases: Mapping[str, str],
) -> list[_Mention]:
    """Unknown names (and alias hits) in one run of capitalised words."""
    if len(run) == 1 and text[run[0][0] : run[0][1]] not in aliases:
        return []
    mentions: list[_Mention] = []
    group: list[tuple[int, int]] = []
    honorific = False
    for index, (start, end) in enumerate(run):
        lower = text[start:end].lower()
        if (
            index == 0
            and lower.endswith(_INITIAL_VERB_SUFFIXES)
            and _at_sentence_start(text, start)
        ):
            continue
        if (
            lower in _STOP_WORDS
            or lower in _HONORIFICS
            or (not group and lower in _RUN_TITLES)
        ):
            mentions.extend(_group_mention(text, group, honorific, gazetteer, aliases))
            group, honorific = [], lower in _HONORIFICS
            continue
        group.append((start, end))
    mentions.extend(_group_mention(text, group, honorific, gazetteer, aliases))
    return mentions


def _group_mention(
    text: str,
    group: list[tuple[int, int]],
    honorific: bool,
    gazetteer: Gazetteer,
    aliases: Mapping[str, str],
) -> list[_Mention]:
    while group and text[group[-1][0] : group[-1][1]].lower() in _RUN_TITLES:
        group = group[:-1]
    if not group:
        return []
    start, end = group[0][0], group[-1][1]
    surface = text[start:end]
    target = aliases.get(surface)
    if target is not None:
        canonical = gazetteer.canonical(target) or target
        type_ = gazetteer.type_of(canonical) or ("person" if honorific else "unknown")
        return [_Mention(start, end, canonical, type_, True)]
    if honorific:
        return [_Mention(start, end, _SPACE.sub(" ", surface), "person", True)]
    if len(group) >= 2 and not surface.isupper():
        return [_Mention(start, end, unknown_name(surface), "unknown", True)]
    return []


@lru_cache(maxsize=65536)
def unknown_name(surface: str) -> str:
    """The canonical form of a name the gazetteer does not know: spaces
    collapsed and a company's legal form dropped (by cleanco, which knows
    the legal forms of many countries), so "Nippon Steel Corp." and "Nippon
    Steel Corporation" are one name.

    >>> unknown_name("Nippon Steel  Corporation")
    'Nippon Steel'
    """
    name = _SPACE.sub(" ", surface)
    return basename(name) or name


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in ".!?\n"


def _drop_title_qualifiers(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Drop a state or body that only qualifies the title of the person after it."""
    kept: list[_Mention] = []
    for index, mention in enumerate(mentions):
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if (
            following is not None
            and not mention.person_like
            and following.person_like
            and _is_title_gap(text[mention.end : following.start])
        ):
            continue
        kept.append(mention)
    return kept


def _is_title_gap(gap: str) -> bool:
    match = _TITLE_GAP.fullmatch(gap)
    return match is not None and all(
        word.lower() in _TITLE_WORDS for word in match.group(1).split()
    )


# ------------------------------------------------------------------- roles


def _to_actors(
    text: str, mentions: list[_Mention], gazetteer: Gazetteer, offset: int
) -> list[Actor]:
    actors: list[Actor] = []
    previous_role: Literal["actor", "place"] = "actor"
    for index, mention in enumerate(mentions):
        if index and _is_coordinated(text, mentions[index - 1], mention, gazetteer):
            role = previous_role
        else:
            role = _role_from_context(text, mention.start, mention.type, gazetteer)
            apposed = (
                _APPOSED_TO.search(text, max(0, mention.start - 80), mention.start)
                if role == "actor" and mention.type in PLACE_TYPES
                else None
            )
            if apposed is not None:
                # "near Mendon, Missouri": the place that holds an unknown one.
                role = _role_from_context(
                    text, apposed.start(), mention.type, gazetteer
                )
        if (
            not _can_be_place(mention, gazetteer)
            or _qualifies_a_thing(text, mention, gazetteer)
            or _is_company(text, mention)
        ):
            role = "actor"
        if mention.canonical in gazetteer._places_only and (
            role == "actor" or _modifies_a_noun(text, mention)
        ):
            continue  # "Jackson said", "the Liverpool net": no place named
        actors.append(_actor(text, mention, role, gazetteer, offset))
        previous_role = role
    return actors


def _is_coordinated(
    text: str, previous: _Mention, mention: _Mention, gazetteer: Gazetteer
) -> bool:
    """Whether *mention* continues a list begun by *previous* ("in Kyiv, Kharkiv and Odesa")."""
    gap = _COORDINATION.fullmatch(text, previous.end, mention.start)
    if gap is None:
        return False
    if "," not in gap.group() or " and " in gap.group() or " or " in gap.group():
        return True
    if _LIST_CONTINUES.match(text, mention.end) is not None:
        return True
    # An apposition of containing places ("Muscat, Oman"), not a demonym.
    return not gazetteer.is_demonym(text[mention.start : mention.end]) and (
        previous.canonical in gazetteer._within.get(mention.canonical, ())
        or mention.canonical in gazetteer._within.get(previous.canonical, ())
    )


def _qualifies_a_thing(text: str, mention: _Mention, gazetteer: Gazetteer) -> bool:
    """Whether *mention* is a demonym before something that is not a place:
    "in a Finnish missile attack" names no place, "in the Russian capital" does."""
    if not gazetteer.is_demonym(text[mention.start : mention.end]):
        return False
    following = text[mention.end : mention.end + 40].split()
    return not (following and following[0].strip(_STRIP).lower() in _PLACE_NOUNS)


def _is_company(text: str, mention: _Mention) -> bool:
    """Whether a name the gazetteer does not know ends in a company's legal
    form ("Nippon Steel Corp."): never where something happened, as in "a
    hard look at Nippon Steel Corp.'s takeover"."""
    if mention.type != "unknown":
        return False
    surface = _SPACE.sub(" ", text[mention.start : mention.end])
    return basename(surface) != surface


def _can_be_place(mention: _Mention, gazetteer: Gazetteer) -> bool:
    if mention.type == "person":
        return False
    if mention.type in _PLACE_BODY_TYPES:
        return bool(gazetteer._within.get(mention.canonical))
    return True


def _role_from_context(
    text: str, start: int, type_: str, gazetteer: Gazetteer
) -> Literal["actor", "place"]:
    """``"place"`` if the words before *start* lead back to a locative preposition."""
    words = text[max(0, start - 80) : start].split()[-8:]
    evidence = False
    for index in range(len(words) - 1, -1, -1):
        raw = words[index]
        if raw[-1] in ",;:)]}!?":
            break
        word = raw.strip(_STRIP)
        lower = word.lower()
        if not lower:
            break
        if lower == "over" and index and _wins(words[index - 1].strip(_STRIP)):
            return "actor"  # "a 1-0 win over Liverpool": the side beaten
        if (
            lower in _LOCATIVES
            or (evidence and lower in _LOCATIVE_WITH_EVIDENCE)
            or (lower == "from" and type_ in _SETTLEMENT_TYPES)
            or (
                lower in _TARGET_PREPOSITIONS
                and index
                and words[index - 1].lower() in _ATTACKS
            )
        ):
            return "place"
        if not evidence and type_ in PLACE_TYPES and _strikes(lower):
            # "an earthquake strikes Costa Rica", "rockets hit Budapest": what
            # an incident's verb strikes is where it happened.
            return "place"
        if (
            lower in _DIRECTIONS
            # "north-central", "south-west": directions joined by a hyphen
            or all(part in _DIRECTIONS for part in lower.split("-"))
            or lower in _PLACE_NOUNS
            or lower.endswith(_PLACE_ADJECTIVE_SUFFIXES)
        ):
            evidence = True
        elif lower in _DETERMINERS or lower == "of" or _describes_a_place(raw):
            continue  # "in the country's", "in rural Missouri", "in remote Alaska"
        elif not (
            word[0].isupper()
            and (gazetteer.is_demonym(word) or lower.endswith(("'s", "’s")))
        ):
            break
    return "place" if evidence else "actor"


@lru_cache(maxsize=65536)
def _describes_a_place(word: str) -> bool:
    """Whether *word*, in lower case, is an adjective and never a verb
    (lemminflect): "rural", "remote", "mountainous" may stand between a
    locative preposition and its place; "killed" may not."""
    if not word.isalpha() or not word.islower():
        return False
    readings = getAllLemmas(word)
    return "ADJ" in readings and "VERB" not in readings


@lru_cache(maxsize=65536)
def _wins(word: str) -> bool:
    """Whether *word* is a form of a trigger of the ``contest`` family ("win",
    "victory", "triumph"): "over" after it names the side beaten."""
    lexicon = trigger_lexicon()
    return any(
        lexicon.family.get(event_class) == "contest"
        for lemmas in getAllLemmas(word.lower()).values()
        for lemma in lemmas
        for event_class in (
            *lexicon.verbs.get(lemma, ()),
            *lexicon.nouns.get(lemma, ()),
        )
    )


@lru_cache(maxsize=65536)
def _strikes(word: str) -> bool:
    """Whether *word* is a form of a verb of an incident (lexicon triggers of
    the ``incident`` family: "struck", "hit", "shook"), not only a noun."""
    lexicon = trigger_lexicon()
    return any(
        lexicon.family.get(event_class) == "incident"
        for lemma in getAllLemmas(word).get("VERB", ())
        for event_class in lexicon.verbs.get(lemma, ())
    )


def _actor(
    text: str,
    mention: _Mention,
    role: Literal["actor", "place"],
    gazetteer: Gazetteer,
    offset: int,
) -> Actor:
    canonical, type_ = mention.canonical, mention.type
    within: tuple[str, ...] = ()
    entry = gazetteer._entries.get(canonical)
    if entry is not None:
        if role == "actor" and entry.stands_for is not None:
            canonical = entry.stands_for
            type_ = gazetteer._entries[canonical].type or type_
        if type_ != "person":
            within = gazetteer._within[canonical]
    return Actor(
        text=text[mention.start : mention.end],
        span=Span(offset + mention.start, offset + mention.end),
        canonical=canonical,
        type=type_,
        role=role,
        within=within,
    )


# ------------------------------------------------------------- gazetteer data


@cache
def _bundled_entries() -> tuple[_Entry, ...]:
    """The hand-kept gazetteer's entries, then those of the places derived from
    GeoNames (``places.json``, :mod:`reconcile.extract.build_places`), which
    names none of the hand-kept ones."""
    resource = resources.files("reconcile.extract").joinpath("places.json")
    data = json.loads(resource.read_text(encoding="utf-8"))
    places = _parse_document(data, "reconcile/extract/places.json")
    return (*_hand_entries(), *(evolve(e, place_only=True) for e in places))


@cache
def _hand_entries() -> tuple[_Entry, ...]:
    """The hand-kept gazetteer's entries alone (``gazetteer.json``)."""
    resource = resources.files("reconcile.extract").joinpath("gazetteer.json")
    data = json.loads(resource.read_text(encoding="utf-8"))
    return tuple(_parse_document(data, "reconcile/extract/gazetteer.json"))


@cache
def _bundled_gazetteer() -> Gazetteer:
    return Gazetteer._from_parsed(
        list(_bundled_entries()), "reconcile/extract/gazetteer.json"
    )


@lru_cache(maxsize=8)
def _gazetteer_with_aliases(path: str, mtime_ns: int, size: int) -> Gazetteer:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: alias file: expected a readable UTF-8 JSON file ({exc})"
        ) from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{path}: alias file: expected JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    user = _parse_document(data, path)
    return Gazetteer._from_parsed([*_bundled_entries(), *user], path)


def _parse_document(data: Any, source: str) -> list[_Entry]:
    if not isinstance(data, dict):
        raise ConfigError(
            f'{source}: expected a JSON object with an "entries" list (got {type(data).__name__})'
        )
    unknown = sorted(set(data) - {"version", "about", "entries"})
    if unknown:
        raise ConfigError(
            f'{source}: {unknown[0]}: expected only "version", "about" and "entries" keys'
        )
    if "version" in data and data["version"] != 1:
        raise ConfigError(f"{source}: version: expected 1 (got {data['version']!r})")
    if not isinstance(data.get("entries"), list):
        raise ConfigError(
            f"{source}: entries: expected a list of entries (got {data.get('entries')!r})"
        )
    return _parse_entries(data["entries"], source, "entries")


def _parse_entries(raw: list[Any], source: str, where: str) -> list[_Entry]:
    return [
        _parse_entry(item, source, f"{where}[{index}]")
        for index, item in enumerate(raw)
    ]


def _parse_entry(item: Any, source: str, where: str) -> _Entry:
    if not isinstance(item, Mapping):
        raise ConfigError(
            f"{source}: {where}: expected an object with a canonical name (got {item!r})"
        )
    unknown = sorted(set(item) - _ENTRY_FIELDS)
    if unknown:
        raise ConfigError(
            f"{source}: {where}.{unknown[0]}: unknown key; expected one of {', '.join(sorted(_ENTRY_FIELDS))}"
        )
    canonical = item.get("canonical")
    if not isinstance(canonical, str) or not canonical.strip():
        raise ConfigError(
            f"{source}: {where}.canonical: expected a non-empty string (got {canonical!r})"
        )
    type_ = item.get("type")
    if type_ is not None and type_ not in ENTITY_TYPES:
        raise ConfigError(
            f"{source}: {where}.type: expected one of {', '.join(ENTITY_TYPES)} (got {type_!r})"
        )
    lists: dict[str, tuple[str, ...] | None] = {}
    for key in _LIST_FIELDS:
        value = item.get(key)
        if value is None:
            lists[key] = None
        elif isinstance(value, list) and all(
            isinstance(v, str) and v.strip() for v in value
        ):
            lists[key] = tuple(_SPACE.sub(" ", v.strip()) for v in value)
        else:
            raise ConfigError(
                f"{source}: {where}.{key}: expected a list of non-empty strings (got {value!r})"
            )
    texts: dict[str, str | None] = {}
    for key in _TEXT_FIELDS:
        value = item.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ConfigError(
                f"{source}: {where}.{key}: expected a non-empty string (got {value!r})"
            )
        texts[key] = value
    return _Entry(
        canonical=_SPACE.sub(" ", canonical.strip()),
        type=type_,
        aliases=lists["aliases"] or (),
        demonyms=lists["demonyms"] or (),
        surnames=lists["surnames"],
        within=lists["within"] or (),
        affiliation=texts["affiliation"],
        stands_for=texts["stands_for"],
        title=texts["title"],
    )


def _merge_entries(parsed: list[_Entry], source: str) -> dict[str, _Entry]:
    """Entries by canonical name; a repeated canonical extends the earlier entry."""
    merged: dict[str, _Entry] = {}
    for entry in parsed:
        old = merged.get(entry.canonical)
        if old is None:
            if entry.type is None:
                raise ConfigError(
                    f"{source}: {entry.canonical}: type: expected one of {', '.join(ENTITY_TYPES)} "
                    "for a new entry (got None)"
                )
            merged[entry.canonical] = entry
            continue
        merged[entry.canonical] = _Entry(
            canonical=old.canonical,
            type=entry.type or old.type,
            aliases=_union(old.aliases, entry.aliases),
            demonyms=_union(old.demonyms, entry.demonyms),
            surnames=old.surnames
            if entry.surnames is None
            else _union(old.surnames or (), entry.surnames),
            within=_union(old.within, entry.within),
            affiliation=entry.affiliation or old.affiliation,
            stands_for=entry.stands_for or old.stands_for,
            title=entry.title or old.title,
        )
    for entry in merged.values():
        for key, names in (
            ("within", entry.within),
            ("affiliation", (entry.affiliation,) if entry.affiliation else ()),
            ("stands_for", (entry.stands_for,) if entry.stands_for else ()),
        ):
            for name in names:
                if name not in merged:
                    raise ConfigError(
                        f"{source}: {entry.canonical}: {key}: expected the canonical name of a "
                        f"gazetteer entry (got {name!r})"
                    )
    return merged


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))


def _containment(entries: dict[str, _Entry], source: str) -> dict[str, tuple[str, ...]]:
    """The transitive closure of ``within``, nearest container first."""
    closure: dict[str, tuple[str, ...]] = {}

    def visit(name: str, trail: tuple[str, ...]) -> tuple[str, ...]:
        if name in closure:
            return closure[name]
        if name in trail:
            cycle = " -> ".join((*trail, name))
            raise ConfigError(
                f"{source}: {name}: within: expected no containment cycle (got {cycle})"
            )
        found: dict[str, None] = {}
        for parent in entries[name].within:
            found[parent] = None
            found.update(dict.fromkeys(visit(parent, (*trail, name))))
        found.pop(name, None)
        closure[name] = tuple(found)
        return closure[name]

    for name in entries:
        visit(name, ())
    return closure


#: A name of initials with full stops ("U.S.", "U.K.").
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")


def _name_index(entries: dict[str, _Entry]) -> dict[str, str]:
    """Surface name -> canonical; explicit names beat surnames, shared surnames are dropped."""
    names: dict[str, str] = {}
    for entry in entries.values():
        for name in (entry.canonical, *entry.aliases, *entry.demonyms):
            key = name.replace("’", "'")
            names[key] = entry.canonical
            if key.startswith("The ") and len(key) > 4:
                names.setdefault(key[4:], entry.canonical)
            if _INITIALS.fullmatch(key):  # "U.S." is also written "U. S."
                names.setdefault(key.replace(".", ". ").rstrip(), entry.canonical)
    claimed: dict[str, set[str]] = {}
    for entry in entries.values():
        if entry.type != "person":
            continue
        surnames = entry.surnames
        if surnames is None:
            words = entry.canonical.split(" ")
            surnames = (words[-1],) if len(words) > 1 else ()
        for surname in surnames:
            claimed.setdefault(surname.replace("’", "'"), set()).add(entry.canonical)
    for surname, owners in claimed.items():
        if len(owners) == 1 and surname not in names:
            names[surname] = next(iter(owners))
    return names


def _trie_regex(names: Iterable[str]) -> str:
    """One regex matching any of *names*, longest first, built as a character trie."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for token in re.findall(r" |'|.", name):
            node = node.setdefault(token, {})
        node[""] = {}
    return _trie_node_regex(trie)


def _trie_node_regex(node: dict[str, Any]) -> str:
    branches = []
    for token in sorted(key for key in node if key):
        if token == " ":
            head = r"\s+"
        elif token == "'":
            head = "['’]"
        else:
            head = re.escape(token)
        branches.append(head + _trie_node_regex(node[token]))
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1:
        return f"(?:{branches[0]})?" if ends_here else branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends_here else body
