"""Triggers: the words of a claim that name what happened, with their event class.

A trigger is found by its lemma (from lemminflect, not by stripping suffixes:
"passenger" stays a passenger, "struck" is a form of "strike") in the trigger
lexicon of :mod:`reconcile.lexicon`. Each trigger carries its event class
("sign", "quake", "harm") and the class's family ("agreement", "incident",
"consequence"). A word that could be a verb or a noun of different classes is
read as a verb when its form is inflected ("fired", "flooding") and as a noun
otherwise; "strike" is a labour strike when the claim speaks of workers or
unions, and an attack otherwise.

>>> [(t.text, t.event_class, t.family) for t in find_triggers("The quake struck on Tuesday, killing 12.")]
[('quake', 'quake', 'incident'), ('struck', 'attack', 'incident'), ('killing', 'harm', 'consequence')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from attrs import frozen
from lemminflect import getAllInflections, getAllLemmas, getAllLemmasOOV

from reconcile.extract.attribution import is_source_head
from reconcile.lexicon import TriggerLexicon, trigger_lexicon
from reconcile.model import Span

__all__ = ["Trigger", "find_triggers", "lemmas_of"]

_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]")


@frozen
class Trigger:
    """One trigger word: its text, span (in the claim's article), lemma, class and family."""

    text: str
    span: Span
    lemma: str
    event_class: str
    family: str


@lru_cache(maxsize=65536)
def lemmas_of(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The verb lemmas and the noun lemmas of *word* (lower-cased).

    >>> lemmas_of("struck")
    (('strike',), ())
    >>> lemmas_of("passengers")
    ((), ('passenger',))
    """
    lower = word.lower()
    found = getAllLemmas(lower)
    if not found:
        # A word lemminflect does not know: its guessed verb lemma counts only
        # when that lemma is a known verb ("survivors" is no form of a verb
        # "survivor", so it never dates an event as a verb would).
        found = getAllLemmasOOV(lower, "NOUN")
        verbs = getAllLemmasOOV(lower, "VERB").get("VERB", ())
        known = tuple(v for v in verbs if getAllInflections(v, upos="VERB"))
        if known:
            found = {**found, "VERB": known}
    return tuple(found.get("VERB", ())), tuple(found.get("NOUN", ()))


def find_triggers(
    text: str, *, offset: int = 0, lexicon: TriggerLexicon | None = None
) -> tuple[Trigger, ...]:
    """The triggers of *text*, in order; spans are shifted by *offset*.

    Capitalised words inside a sentence (names: "Strike Force", "Hit FM") are
    not triggers; the first word of the text is. A verb's base form after a
    determiner is no verb ("the initial quake", "the state of emergency").
    """
    bundled = trigger_lexicon()
    lexicon = lexicon or bundled
    labour = not set(text.lower().split()).isdisjoint(lexicon.labour_cues)
    out: list[Trigger] = []
    upper = False  # whether the word before is capitalised
    previous = ""  # the word before, lower-cased
    for match in _WORD.finditer(text):
        word = match.group()
        after_name, upper = upper, word[0].isupper()
        lower = word.lower()
        after_determiner, previous = previous in lexicon.determiners, lower
        if upper and match.start() > 0 and not word.isupper():
            continue
        if lexicon is bundled:
            reading = _bundled_readings(word)[2 * labour + after_name]
        else:
            reading = _reading(word, lexicon, labour, after_name=after_name)
        if reading is None:
            # "Barnier stepped down": the verb and its particle name it.
            phrasal = _phrasal(lower, text, match.end(), lexicon)
            if phrasal is None:
                continue
            lemma, event_class, end = phrasal
        else:
            lemma, event_class = reading
            end = match.end()
            if (
                after_determiner
                and lower == lemma
                and event_class not in lexicon.nouns.get(lemma, ())
            ):
                continue  # "the initial quake": no verb "initial" after "the"
        out.append(
            Trigger(
                text=text[match.start() : end],
                span=Span(offset + match.start(), offset + end),
                lemma=lemma,
                event_class=event_class,
                family=lexicon.family[event_class],
            )
        )
    return tuple(
        t
        for before, t, after in zip([None, *out], out, [*out[1:], None], strict=False)
        if not _qualifies_a_source(t, text, offset, lexicon)
        and not _asks(t, text, offset, lexicon)
        and (after is None or not _modifies(t, after, text, offset, lexicon))
        and not _supports(t, before, after, text, offset, lexicon)
    )


_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def _phrasal(
    lower: str, text: str, end: int, lexicon: TriggerLexicon
) -> tuple[str, str, int] | None:
    """``(lemma, class, end)`` of a phrasal verb (lexicon ``phrasal_verbs``)
    that the verb *lower*, ending at *end* in *text*, opens with the particle
    right after it ("stepped down"), or ``None``."""
    verbs = [v for v in lemmas_of(lower)[0] if v in lexicon.phrasal_heads]
    if not verbs:
        return None
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return None
    for verb in verbs:
        phrase = f"{verb} {following.group(1)}"
        event_class = lexicon.phrasal.get(phrase)
        if event_class is not None:
            return phrase, event_class, following.end()
    return None


def _asks(trigger: Trigger, text: str, offset: int, lexicon: TriggerLexicon) -> bool:
    """Whether *trigger* opens an indirect question ("trying to establish who
    the dead were", "to determine whether the deal holds"): it finds out or
    asks, and names no event."""
    following = _NEXT_WORD.match(text, trigger.span.end - offset)
    return following is not None and following.group(1) in lexicon.question_words


def _qualifies_a_source(
    trigger: Trigger, text: str, offset: int, lexicon: TriggerLexicon
) -> bool:
    """Whether *trigger* is a noun that only says which source follows it:
    "fire officials", "the fire department", "election officials", "crash
    investigators" name who speaks, not an event ("the fire spread" and "the
    ratification law" still name theirs)."""
    if not _bare_noun(trigger, lexicon):
        return False
    following = _NEXT_WORD.match(text, trigger.span.end - offset)
    return following is not None and is_source_head(following.group(1))


def _modifies(
    first: Trigger, second: Trigger, text: str, offset: int, lexicon: TriggerLexicon
) -> bool:
    """Whether *first* is a noun that only says what *second* is about: "a
    fertiliser supply deal" is a deal, "a grain export accord" an accord. What
    an incident did is no such head ("storm damage" is still a storm)."""
    gap = text[first.span.end - offset : second.span.start - offset]
    if gap not in (" ", "-") or second.family in ("consequence", first.family):
        return False
    return _bare_noun(first, lexicon) and any(
        c == second.event_class for _, c in _as_noun(second.text.lower(), lexicon)
    )


#: Up to two lower-case words between a support verb and its event noun
#: ("reached an agreement", "reached a trade deal").
_SUPPORT_GAP = re.compile(r" (?:[a-z]+ ){0,2}")


def _supports(
    trigger: Trigger,
    before: Trigger | None,
    after: Trigger | None,
    text: str,
    offset: int,
    lexicon: TriggerLexicon,
) -> bool:
    """Whether *trigger* is a support verb (lexicon ``support_verbs``) beside
    an event noun of another family, which names the event: "the summit
    started at 10 a.m." is the summit's time, "the agreement reached in Busan"
    the agreement's place, "reached a deal" the deal."""
    if trigger.lemma not in lexicon.support:
        return False
    for noun, start, end in (
        (before, before.span.end if before else 0, trigger.span.start),
        (after, trigger.span.end, after.span.start if after else 0),
    ):
        if (
            noun is not None
            and noun.family not in (trigger.family, "consequence", "statement")
            and noun.lemma in lexicon.nouns
            and _SUPPORT_GAP.fullmatch(text, start - offset, end - offset)
        ):
            return True
    return False


def _bare_noun(trigger: Trigger, lexicon: TriggerLexicon) -> bool:
    """Whether *trigger* is an uninflected event noun ("fire", "supply")."""
    return trigger.text.lower() == trigger.lemma and trigger.lemma in lexicon.nouns


def _as_noun(lower: str, lexicon: TriggerLexicon) -> list[tuple[str, str]]:
    """``(lemma, class)`` of every noun reading of the lower-cased *lower*."""
    return [
        (lemma, c)
        for lemma in (
            *lemmas_of(lower)[1],
            lower,
        )  # the lexicon may list "talks" itself
        for c in lexicon.nouns.get(lemma, ())
    ]


@lru_cache(maxsize=1 << 16)
def _bundled_readings(word: str) -> tuple[tuple[str, str] | None, ...]:
    """:func:`_reading` of *word* in the bundled lexicon, without and with
    labour cues, each not after and after a name (index ``2 * labour +
    after_name``); remembered, as a corpus repeats a few thousand words
    millions of times.

    >>> _bundled_readings("strike")
    (('strike', 'attack'), ('strike', 'attack'), ('strike', 'protest'), ('strike', 'protest'))
    """
    lexicon = trigger_lexicon()
    return tuple(
        _reading(word, lexicon, labour, after_name=after_name)
        for labour in (False, True)
        for after_name in (False, True)
    )


def _reading(
    word: str, lexicon: TriggerLexicon, labour: bool, *, after_name: bool = False
) -> tuple[str, str] | None:
    """``(lemma, class)`` of *word*, or ``None`` when it names no event.

    A form that is both a plural noun and a verb ("shells", "strikes") is
    read as a verb only after a name ("Russia shells Kharkiv"); after any
    other word it is a noun ("artillery shells", "the strikes").
    """
    lower = word.lower()
    verb_lemmas, noun_lemmas = lemmas_of(lower)
    as_verb = [
        (lemma, c)
        for lemma in verb_lemmas
        for c in lexicon.verbs.get(lemma, ())
        # "found" is far more often the past of "find" than the verb "found":
        # a base form that is another verb's inflection reads as that verb.
        if not (lemma == lower and any(v != lower for v in verb_lemmas))
    ]
    as_noun = _as_noun(lower, lexicon)
    if not as_verb and not as_noun:
        return None
    plural = bool(noun_lemmas) and lower not in noun_lemmas and lower.endswith("s")
    if plural and verb_lemmas and not after_name:
        as_verb = []
        if not as_noun:
            return None
    inflected = (
        any(lemma != lower for lemma in verb_lemmas) and lower not in noun_lemmas
    )
    readings = (as_verb or as_noun) if inflected else (as_noun or as_verb)
    for lemma, event_class in readings:
        if lexicon.family[event_class] == "protest" and event_class != "protest":
            continue
        if lemma == "strike" and (event_class == "protest") != labour:
            continue
        return lemma, event_class
    return readings[0]
