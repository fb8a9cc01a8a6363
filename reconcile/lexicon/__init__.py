"""Word lists kept as data: the files beside this module, and their loaders.

``triggers.json`` names the words that say what happened (by lemma), their
event classes and families; ``match_weights.json`` holds the prior m and u
probabilities of each comparison level of the event match model, fitted on the
fixture sets' gold (see :mod:`reconcile.match.comparisons`); ``frame_words.json``
holds the matcher's synonyms, stop words and distinct event steps (see
:mod:`reconcile.match.frames`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from attrs import field, frozen
from lemminflect import getAllInflections

from reconcile.errors import ConfigError

__all__ = [
    "FrameWords",
    "TriggerLexicon",
    "frame_words",
    "inflections",
    "label_nouns",
    "load_json",
    "trigger_lexicon",
]


def load_json(name: str) -> Any:
    """The parsed data file *name* of this package."""
    return json.loads(
        resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    )


@frozen
class TriggerLexicon:
    """Event classes by trigger lemma, with each class's family.

    ``verbs`` and ``nouns`` map a lemma to the classes it may name (most
    lemmas name one); ``family`` maps a class to its family; ``related`` holds
    the pairs of families whose events may be one (an incident and what it
    did).
    """

    verbs: dict[str, tuple[str, ...]]
    nouns: dict[str, tuple[str, ...]]
    family: dict[str, str]
    related: frozenset[frozenset[str]]
    labour_cues: frozenset[str] = field(factory=frozenset)
    determiners: frozenset[str] = field(factory=frozenset)
    """Words that open a noun phrase: a verb's base form after one is no verb."""
    same_day: frozenset[frozenset[str]] = field(factory=frozenset)
    """Pairs of related families whose accounts of one event give one day (a
    summit's talks and the deal signed there); a day apart, they tell of two."""
    question_words: frozenset[str] = field(factory=frozenset)
    """Words that open an indirect question: a verb right before one asks or
    finds out ("trying to establish who was aboard"), it names no event."""
    part_markers: tuple[str, ...] = ()
    background_markers: frozenset[str] = field(factory=frozenset)
    generic: frozenset[str] = field(factory=frozenset)
    owned_units: frozenset[str] = field(factory=frozenset)
    per_unit_markers: tuple[str, ...] = ()
    place_nouns: frozenset[str] = field(factory=frozenset)
    place_prepositions: frozenset[str] = field(factory=frozenset)
    region_nouns: frozenset[str] = field(factory=frozenset)
    destination_cues: tuple[str, ...] = ()
    """Words before a place that make it where something was going ("bound for")."""
    participant_groups: frozenset[str] = field(factory=frozenset)
    quantifier_nouns: frozenset[str] = field(factory=frozenset)
    change_lemmas: frozenset[str] = field(factory=frozenset)
    """Verbs of change: "by" after one gives a change ("cut tariffs by 10%")."""
    """Words that count what follows their "of" ("thousands of protesters")."""
    incident_kind: dict[str, str] = field(factory=dict)
    """The kind of each incident class ("quake" -> "nature", "attack" -> "violence")."""
    date_bound_words: frozenset[str] = field(factory=frozenset)
    """Words opening a date that bounds an event instead of dating it ("since 2019")."""
    rate_period: re.Pattern[str] = field(default=re.compile(r"(?!)"))
    """A period after a figure that makes it a rate ("each year", "annually"):
    group ``period`` names it. Built from ``rate_periods``, ``rate_determiners``
    and ``rate_exceptions``."""
    announcing: frozenset[str] = field(factory=frozenset)
    """Statement lemmas that make an event of an :attr:`announced` family."""
    announced: frozenset[str] = field(factory=frozenset)
    """Families whose events are made by announcing them (deals, takeovers)."""
    agreed: frozenset[str] = field(factory=frozenset)
    """Families an agreement makes: their trigger names a mention it shares with
    an agreement's ("signed an agreement to buy" is a takeover)."""
    rate_adverbs: dict[str, str] = field(factory=dict)
    """The period of each adverb of ``rate_periods`` ("annually" -> "year")."""
    comparison_words: frozenset[str] = field(factory=frozenset)
    """Words after which an event noun is the event a claim compares its own
    with ("than any crash since 1997"): a mention of its own."""
    support: frozenset[str] = field(factory=frozenset)
    """Verb lemmas that say how an event named by a noun beside them went ("the
    summit started", "reached a deal"): no trigger next to such a noun."""
    phrasal: dict[str, str] = field(factory=dict)
    """The class each phrasal verb names, by its verb's lemma and particle
    ("step down" -> "resign")."""
    phrasal_heads: frozenset[str] = field(factory=frozenset)
    """The verb lemmas that open a phrasal verb of :attr:`phrasal` ("step")."""

    def kinds_of(self, lemma: str) -> frozenset[str]:
        """The kinds of incident (``incident_kinds``) whose classes *lemma* names.

        >>> lexicon = trigger_lexicon()
        >>> sorted(lexicon.kinds_of("derail")), sorted(lexicon.kinds_of("fire"))
        (['accident'], ['nature', 'violence'])
        """
        return frozenset(
            self.incident_kind[name]
            for name in (*self.verbs.get(lemma, ()), *self.nouns.get(lemma, ()))
            if name in self.incident_kind
        )

    def rate_of(self, text: str) -> str | None:
        """The period that makes a figure followed by *text* a rate, or ``None``.

        >>> lexicon = trigger_lexicon()
        >>> lexicon.rate_of(" of soybeans each year"), lexicon.rate_of(" a year ago")
        ('year', None)
        """
        match = self.rate_period.search(text)
        if match is None:
            return None
        return match.group("period") or self.rate_adverbs[match.group("adverb").lower()]

    def related_families(self, a: str, b: str) -> bool:
        """Whether events of families *a* and *b* may be one event."""
        return a == b or frozenset((a, b)) in self.related


@cache
def trigger_lexicon() -> TriggerLexicon:
    """The bundled trigger lexicon (``triggers.json``), read once.

    >>> lexicon = trigger_lexicon()
    >>> lexicon.verbs["ratify"], lexicon.family["ratify"]
    (('ratify',), 'agreement')
    """
    data = load_json("triggers.json")
    verbs: dict[str, list[str]] = {}
    nouns: dict[str, list[str]] = {}
    family = {}
    for name, entry in data["classes"].items():
        family[name] = entry["family"]
        for lemma in entry["verbs"]:
            verbs.setdefault(lemma, []).append(name)
        for lemma in entry["nouns"]:
            nouns.setdefault(lemma, []).append(name)
    return TriggerLexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        family=family,
        related=frozenset(frozenset(pair) for pair in data["related_families"]),
        labour_cues=frozenset(data["labour_cues"]),
        determiners=frozenset(data.get("determiners", ())),
        question_words=frozenset(data.get("question_words", ())),
        same_day=frozenset(frozenset(p) for p in data.get("same_day_families", ())),
        part_markers=_with_inflections(
            data["part_markers"], data.get("part_verbs", ())
        ),
        background_markers=frozenset(data["background_markers"]),
        generic=frozenset(data.get("generic_lemmas", ())),
        owned_units=frozenset(data.get("owned_units", ())),
        per_unit_markers=tuple(data.get("per_unit_markers", ())),
        place_nouns=frozenset(data.get("place_nouns", ())),
        place_prepositions=frozenset(data.get("place_prepositions", ())),
        region_nouns=frozenset(data.get("region_nouns", ())),
        destination_cues=tuple(data.get("destination_cues", ())),
        participant_groups=frozenset(data.get("participant_groups", ())),
        quantifier_nouns=frozenset(data.get("quantifier_nouns", ())),
        change_lemmas=frozenset(data.get("change_lemmas", ())),
        incident_kind=_inverted(data.get("incident_kinds", {})),
        date_bound_words=frozenset(data.get("date_bound_words", ())),
        rate_period=_rate_period(data),
        announcing=frozenset(data.get("announcing_lemmas", ())),
        announced=frozenset(data.get("announced_families", ())),
        agreed=frozenset(data.get("agreed_families", ())),
        rate_adverbs=_inverted(data.get("rate_periods", {})),
        support=frozenset(data.get("support_verbs", ())),
        comparison_words=frozenset(data.get("comparison_words", ())),
        phrasal=dict(data.get("phrasal_verbs", {})),
        phrasal_heads=frozenset(p.split()[0] for p in data.get("phrasal_verbs", {})),
    )


@frozen
class FrameWords:
    """The words the matcher's frames fold, leave out or read as event steps."""

    synonyms: dict[str, str]
    """Each word form that folds, with the token it folds to."""
    stop_words: frozenset[str]
    distinct_events: frozenset[str]
    """Folded tokens naming distinct steps of a story (signing is not ratifying)."""


@cache
def label_nouns() -> frozenset[str]:
    """Nouns whose number names a thing rather than counting (``label_nouns.json``):
    "article 50", "flight 214".

    >>> "flight" in label_nouns()
    True
    """
    return frozenset(load_json("label_nouns.json")["label_nouns"])


@cache
def frame_words() -> FrameWords:
    """The bundled frame words (``frame_words.json``), read once: a synonym
    group's verb and noun lemmas fold in every inflection (from lemminflect),
    its ``words`` as written.

    >>> words = frame_words()
    >>> words.synonyms["sealed"], words.synonyms["seal"], words.synonyms["treaties"]
    ('sign', 'sign', 'agreement')
    """
    return frame_words_of(load_json("frame_words.json"), "frame_words.json")


def frame_words_of(data: dict[str, Any], source: str) -> FrameWords:
    """The :class:`FrameWords` of *data*, parsed from the file *source*.

    :raises ConfigError: when a word folds to two tokens.
    """
    synonyms: dict[str, str] = {}
    for token, group in data["synonyms"].items():
        forms = (
            inflections(group.get("verbs", ()), "VERB")
            | inflections(group.get("nouns", ()), "NOUN")
            | set(group.get("words", ()))
        )
        for form in sorted(forms):
            if synonyms.setdefault(form, token) != token:
                raise ConfigError(
                    f"{source}: synonyms: {form!r} folds to both "
                    f"{synonyms[form]!r} and {token!r}; expected one token per word"
                )
    return FrameWords(
        synonyms=synonyms,
        stop_words=frozenset(data["stop_words"]),
        distinct_events=frozenset(data["distinct_events"]),
    )


def inflections(lemmas: Sequence[str], upos: str) -> set[str]:
    """Each lemma of *lemmas* and its inflections as a *upos* word ("include" ->
    "include", "includes", "included", "including"), from lemminflect.

    >>> sorted(inflections(["treaty"], "NOUN"))
    ['treaties', 'treaty']
    """
    return {
        form
        for lemma in lemmas
        for forms in (getAllInflections(lemma, upos=upos) or {}).values()
        for form in (lemma, *forms)
    }


def _with_inflections(phrases: list[str], lemmas: Sequence[str]) -> tuple[str, ...]:
    """*phrases* and every inflection of each verb of *lemmas*."""
    return (*phrases, *sorted(inflections(lemmas, "VERB") - set(phrases)))


def _inverted(lists: dict[str, list[str]]) -> dict[str, str]:
    """Each item of *lists* with the key of its list ({"nature": ["quake"]} -> {"quake": "nature"})."""
    return {item: key for key, items in lists.items() for item in items}


def _rate_period(data: dict[str, Any]) -> re.Pattern[str]:
    """The pattern of :attr:`TriggerLexicon.rate_period` from the lexicon's lists."""
    periods = data.get("rate_periods", {})
    if not periods:
        return re.compile(r"(?!)")
    determiners = "|".join(map(re.escape, data.get("rate_determiners", ())))
    exceptions = "|".join(map(re.escape, data.get("rate_exceptions", ())))
    names = "|".join(map(re.escape, periods))
    return re.compile(
        rf"\b(?:(?:{determiners})\s+(?P<period>{names})\b(?!\s+(?:{exceptions})\b|-)"
        rf"|(?P<adverb>{'|'.join(map(re.escape, _inverted(periods)))})\b)",
        re.IGNORECASE,
    )
