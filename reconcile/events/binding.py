"""Value binding: which event of a claim each date, figure and place belongs to, and in what role.

A claim names one or more events through its triggers (see
:mod:`reconcile.extract.triggers`). Triggers that tell of one event are one
*mention*: an incident and what it did ("the quake struck ..., killing 12"),
a verb and the noun it governs ("approved the ratification law"), a generic
agreement noun and the act ("the treaty was signed"). Triggers of other events
("signed in January, ratified by the Duma on April 8") are mentions of their
own. Statement triggers ("said", "told") make no mention: they date a
statement, never the event it reports.

Each value is then bound to a mention and given an *attribute* (DESIGN.md
"Meanings"):

* a date belongs to the nearest trigger before it (else the nearest after):
  ``date`` of that mention's event, or ``statement date`` when the trigger is
  a statement ("the governor said on Saturday");
* a figure belongs to the mention that says what happened to what it counts:
  ``people killed``, ``people injured``, ``term in years``, ``magnitude``; a
  figure after "including", "among them" or "of whom" is a part, named by its
  own noun (``children killed``), never a rival of the whole;
* a place belongs to the nearest mention: its ``place``.

Actors are participants of every mention of the claim and are bound to none.
A claim without an event trigger is a bare statement: its values stay with it
and it supplies its event's proposition fact.

>>> from reconcile.model import Claim, Span
>>> from reconcile.extract.claims import extract_claims
>>> from reconcile.model import Article
>>> from datetime import date
>>> text = "A strike killed 12 people, including three children, on Friday, the governor said on Saturday."
>>> claim = extract_claims(Article("a", "Desk", text, published=date(2025, 1, 18)))[0]
>>> [(claim.values[b.value_index].text, b.attribute) for b in bind_values(claim).bindings]
[('12 people', 'people killed'), ('three children', 'children killed'), ('on Friday', 'date'), ('on Saturday', 'statement date')]
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from attrs import field, frozen
from lemminflect import getAllLemmas

from reconcile.extract.actors import load_gazetteer
from reconcile.extract.attribution import find_attribution, qualifies_source
from reconcile.extract.triggers import Trigger, find_triggers, lemmas_of
from reconcile.lexicon import TriggerLexicon, inflections, trigger_lexicon
from reconcile.match.comparisons import ANAPHORIC_FAMILY
from reconcile.model import Actor, Claim, DateValue, Quantity, Span, Value
from reconcile.pickling import pickled_as_tuple

__all__ = [
    "GENERIC_CLASSES",
    "UNNAMED_FIGURE",
    "Binding",
    "ClaimEvents",
    "EventMention",
    "bind_values",
    "quantity_attribute",
]

#: Generic classes that join a more specific trigger of their family in one
#: mention: an agreement noun joins the act ("the treaty was signed").
GENERIC_CLASSES = frozenset({"agree"})
#: Noun triggers this many words after a verb trigger are its object ("set to
#: acquire U.S. Steel in a $14.9 billion deal").
_OBJECT_WINDOW = 5
#: An event verb this many words after an event noun, "to" just before it, is
#: what that noun's event is to do ("a deal to buy").
_PURPOSE_WINDOW = 8
#: A relative clause that sets out an agreement's terms ("a deal under which",
#: "a pact whereby", "an accord by which").
_TERMS_CLAUSE = re.compile(r"\s*(?:(?:under|by|in)\s+which|whereby)\s", re.I)
_WORD = re.compile(r"\w+")


@pickled_as_tuple(shared=("span", "event_class", "family", "trigger", "triggers"))
@frozen
class EventMention:
    """One event a claim tells of: its class, family, trigger and where the trigger is."""

    claim_id: str
    number: int
    event_class: str
    family: str
    trigger: str
    span: Span
    triggers: tuple[str, ...] = field(converter=tuple)
    kinds: tuple[str, ...] = field(default=(), converter=tuple)
    """The kinds of incident (lexicon ``incident_kinds``) its triggers name
    (:func:`named_kinds`): "a drone strike" names violence; "the train hit a
    dump truck" (a verb many kinds share), "caught fire" (a word of two kinds)
    and "three people died" name none."""


@pickled_as_tuple(shared=("attribute", "reason"), instances_shared=True)
@frozen
class Binding:
    """One value of a claim bound to a mention (``mention`` is its number, or
    ``None`` for a value of a statement or of a claim without triggers), with
    the attribute it gives and why."""

    value_index: int
    mention: int | None
    attribute: str
    reason: str


@pickled_as_tuple(shared=("bindings",))
@frozen
class ClaimEvents:
    """The mentions of one claim and the bindings of its values."""

    claim_id: str
    mentions: tuple[EventMention, ...] = field(converter=tuple)
    bindings: tuple[Binding, ...] = field(converter=tuple)

    @property
    def valued_mentions(self) -> frozenset[int]:
        """The mentions a value other than a place is bound to: what the claim
        says of them is its values. A place alone does not say it ("X denied
        the charges throughout the trial in Cairo" says more than where the
        trial was)."""
        return frozenset(
            b.mention or 0 for b in self.bindings if b.attribute not in WHERE_ATTRIBUTES
        )

    @property
    def states_proposition(self) -> bool:
        """Whether the claim states something its values do not say: it names
        no event, or one of its mentions has no value but places bound to it
        (:attr:`valued_mentions`). Only such claims are grouped by wording (see
        :func:`reconcile.events.facts.fact_clusters`)."""
        valued = self.valued_mentions
        return not self.mentions or any(m.number not in valued for m in self.mentions)

    def values_of(self, mention: int | None, attribute: str) -> tuple[int, ...]:
        """Indices of the values bound to *mention* with *attribute*."""
        return tuple(
            b.value_index
            for b in self.bindings
            if b.mention == mention and b.attribute == attribute
        )


#: The attribute of a figure that nothing names: no counted noun, unit or measure.
UNNAMED_FIGURE = "figure"

#: The attributes of a place: where an event happened, where its speakers are,
#: where it set out from, where it was going, where a distance is measured from.
WHERE_ATTRIBUTES = frozenset(
    {"place", "statement place", "origin", "destination", "reference point"}
)


def bind_values(claim: Claim, lexicon: TriggerLexicon | None = None) -> ClaimEvents:
    """The mentions of *claim* and the mention and attribute of each of its values."""
    lexicon = lexicon or trigger_lexicon()
    triggers = find_triggers(claim.text, offset=claim.span.start, lexicon=lexicon)
    statements = [t for t in triggers if t.family == "statement"]
    slots = _slots([t for t in triggers if t.family != "statement"], claim, lexicon)
    mentions = tuple(
        _mention(claim.id, number, slot, lexicon) for number, slot in enumerate(slots)
    )
    context = _Context(claim, slots, statements, lexicon)
    if not slots:
        return _anaphoric(claim, statements, context)
    bindings: list[Binding] = []
    for index, value in enumerate(claim.values):
        binding = _bind(index, value, context)
        if binding is not None:
            bindings.append(binding)
    return ClaimEvents(claim.id, mentions, bindings)


#: The family of a mention that names no event of its own: a claim without a
#: trigger whose values ("Turnout was 63.8 percent", "its magnitude was 6.3")
#: tell of the event its article was just telling of.
ANAPHORIC = ANAPHORIC_FAMILY


def _anaphoric(
    claim: Claim, statements: Sequence[Trigger], context: _Context
) -> ClaimEvents:
    """A claim without an event trigger: if it has dates, figures or places, one
    mention that refers back to the article's event, with the values bound to it;
    or, when a date is one it "goes back to" ("relations date back to 1965"),
    a founding of its own, dated by it."""
    bindings = []
    for index, value in enumerate(claim.values):
        if isinstance(value, DateValue):
            # A day in a sentence that names no event ("he was due to fly back
            # on Saturday", "shares surged 27% on Monday") dates something
            # else than the event told before it.
            bindings.append(
                Binding(index, 0, "statement date", "a claim without an event word")
            )
        elif isinstance(value, Quantity):
            whole = context.whole_of(value)
            attribute = quantity_attribute(
                value,
                whole,
                context.owner(value),
                change=_is_change(claim, value, context.lexicon),
            )
            bindings.append(
                Binding(index, 0, attribute, "a claim without an event word")
            )
        elif isinstance(value, Actor) and value.role == "place":
            role = _where_role(claim, value, context.lexicon)
            bindings.append(
                _speakers_place(claim, index, value)
                or Binding(
                    index,
                    0,
                    role or "place",
                    "a claim without an event word",
                )
            )
    if not bindings:
        return ClaimEvents(claim.id, (), ())
    origin = next(
        (
            (index, value)
            for index, value in enumerate(claim.values)
            if isinstance(value, DateValue) and _GOES_BACK.match(value.text)
        ),
        None,
    )
    founding = context.lexicon.verbs.get(FOUNDING_LEMMA, ())
    if origin is not None and founding:
        # "Diplomatic relations between X and Y date back to 1965": when what
        # the sentence speaks of began, a founding of its own, not a report.
        index, value = origin
        mention = EventMention(
            claim_id=claim.id,
            number=0,
            event_class=founding[0],
            family=context.lexicon.family[founding[0]],
            trigger=FOUNDING_LEMMA,
            span=value.span,
            triggers=(FOUNDING_LEMMA,),
        )
        bindings = [
            Binding(index, 0, "date", "when what it speaks of began ('back to')")
            if b.value_index == index
            else b
            for b in bindings
        ]
        return ClaimEvents(claim.id, (mention,), tuple(bindings))
    mention = EventMention(
        claim_id=claim.id,
        number=0,
        event_class=ANAPHORIC,
        family=ANAPHORIC,
        trigger="",
        span=Span(claim.span.start, claim.span.start),
        triggers=(),
    )
    return ClaimEvents(claim.id, (mention,), bindings)


#: The lemma whose class a sentence that goes back to a date tells of.
FOUNDING_LEMMA = "found"
#: A date something goes back to: when it began ("date back to 1965").
_GOES_BACK = re.compile(r"back\s+to\b", re.IGNORECASE)


def quantity_attribute(
    quantity: Quantity,
    part_of: Quantity | None = None,
    owner: str | None = None,
    *,
    change: bool = False,
) -> str:
    """The attribute a figure gives: what it counts and what happened to it.

    A *change* ("cut tariffs by 10 percent") is another attribute than the
    level it changes ("cut tariffs to 10 percent").

    >>> from reconcile.model import Span
    >>> quantity_attribute(Quantity("12 people", Span(0, 9), 12, 12, "people", "killed"))
    'people killed'
    >>> quantity_attribute(Quantity("20-year", Span(0, 7), 20, 20, "years", "term"))
    'term in years'
    >>> quantity_attribute(Quantity("10 percent", Span(0, 10), 10, 10, "percent"), change=True)
    'percent change'
    """
    if quantity.measure == "term":
        return f"term in {quantity.unit or 'years'}"
    noun = quantity.unit
    if part_of is not None:
        noun = _counted_noun(quantity) or noun
        if noun == part_of.unit:
            noun = f"part of {noun}"
    measure = quantity.measure or (part_of.measure if part_of is not None else None)
    changed = "change" if change else None
    name = " ".join(w for w in (noun, changed, measure) if w) or UNNAMED_FIGURE
    return f"{name} ({owner})" if owner else name


_BY = re.compile(r"\bby\s*\Z", re.IGNORECASE)
#: "for" right before a duration: how long something runs.
_FOR = re.compile(r"\bfor\s+(?:(?:about|nearly|almost|up\s+to|at\s+least)\s+)?\Z", re.I)
_TERM_UNITS = frozenset({"years", "months"})
_FOR_REACH = 24
#: "from" (and an article) right before a place: where something set out
#: from ("a flight from Bangkok crashed at Muan"), not where it happened.
#: So is a place in apposition to that one ("from Bangkok, Thailand").
_FROM = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*,\s+)?\Z"
)


#: A distance, a bearing and "of" or "from" before a place: the place a
#: distance is measured from ("84 miles northeast of Kansas City").
_BEARING = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:(?:north|south|east|west)[\w-]*\s+)?(?:of|from)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
#: A name and a possessive ending what comes before a place ("Chicago's ").
_POSSESSOR = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s+\Z")
#: How many characters before a place :func:`_where_role` reads.
_WHERE_REACH = 160
#: Why a place has each attribute of :func:`_where_role`.
_WHERE_REASONS = {
    "origin": "where {} set out from",
    "destination": "where {} was going",
    "reference point": "where a distance is measured from, not where {} happened",
}
#: Units of length a distance is given in.
_LENGTH_UNITS = frozenset({"km", "metres"})


def _where_role(claim: Claim, value: Actor, lexicon: TriggerLexicon) -> str | None:
    """The attribute of a place that is not where an event happened:
    where something set out from (``origin``), where it was going
    (``destination``: after lexicon ``destination_cues``, "due into"),
    or the place a distance is measured from (``reference point``). ``None``
    for any other place.

    >>> from reconcile.extract import extract_claims
    >>> from reconcile.model import Article
    >>> (claim,) = extract_claims(Article(id="a", outlet="Desk", text=(
    ...     "A train from Los Angeles, due into Chicago by 3 p.m., derailed 84"
    ...     " miles northeast of Kansas City.")))
    >>> [(v.text, _where_role(claim, v, trigger_lexicon()))
    ...  for v in claim.values if isinstance(v, Actor)]
    [('Los Angeles', 'origin'), ('Chicago', 'destination'), ('Kansas City', 'reference point')]
    """
    at = value.span.start - claim.span.start
    # The words just before the place, read from a window (a claim of
    # thousands of places is not read once per place).
    before = claim.text[max(0, at - _WHERE_REACH) : at]
    if _FROM.search(before) is not None:
        return "origin"
    # "due into Chicago's Union Station": the station is where Chicago is.
    lowered = _POSSESSOR.sub("", before).lower().rstrip()
    if (
        lowered.endswith(tuple(f" {cue}" for cue in lexicon.destination_cues))
        or lowered in lexicon.destination_cues
    ):
        return "destination"
    for distance in claim.values:
        if (
            isinstance(distance, Quantity)
            and distance.unit in _LENGTH_UNITS
            and value.span.start - _WHERE_REACH <= distance.span.end <= value.span.start
            and _BEARING.match(claim.text[distance.span.end - claim.span.start : at])
        ):
            return "reference point"
    return None


def _is_change(claim: Claim, value: Quantity, lexicon: TriggerLexicon) -> bool:
    """Whether a figure says by how much something changed ("rose by 5%", "cut
    tariffs on Chinese goods by 10 percent"): "by" after a verb of change
    (lexicon ``change_lemmas``) in its clause; "backed by 14.8 percent of
    voters" gives a level."""
    at = value.span.start - claim.span.start
    if _BY.search(claim.text[max(0, at - 12) : at]) is None:
        return False
    clause = re.split(r"[,;:]", claim.text[max(0, at - _CHANGE_REACH) : at])[-1]
    words = _WORD.findall(clause)[-_CHANGE_WORDS:]
    return any(
        lemma in lexicon.change_lemmas for word in words for lemma in lemmas_of(word)[0]
    )


#: How far before "by" the verb of a change may stand ("cut tariffs on
#: Chinese goods by ...").
_CHANGE_REACH = 80
_CHANGE_WORDS = 7


def _counted_noun(quantity: Quantity) -> str | None:
    words = _WORD.findall(quantity.text.lower())
    return words[-1] if words and not words[-1].isdigit() else None


def _slots(
    triggers: Sequence[Trigger], claim: Claim, lexicon: TriggerLexicon
) -> list[list[Trigger]]:
    """Triggers grouped into mentions (see the module's docstring)."""
    slots: list[list[Trigger]] = []
    for trigger in triggers:
        home = next(
            (
                slot
                for slot in reversed(slots)
                if _one_event(slot, trigger, claim, lexicon)
            ),
            None,
        )
        if home is None:
            slots.append([trigger])
        else:
            home.append(trigger)
    return slots


def _one_event(
    slot: Sequence[Trigger], trigger: Trigger, claim: Claim, lexicon: TriggerLexicon
) -> bool:
    if _another_of_its_kind(slot, trigger, claim, lexicon) or _compared_with(
        trigger, claim, lexicon
    ):
        return False
    for other in slot:
        if other.event_class == trigger.event_class:
            return True
        families = {other.family, trigger.family}
        if families == {"incident", "consequence"} or families == {"consequence"}:
            return True
        if families == {"incident"}:
            return True
        if other.family == trigger.family and (
            other.event_class in GENERIC_CLASSES
            or trigger.event_class in GENERIC_CLASSES
        ):
            return True
    last = slot[-1]
    between = claim.text[
        last.span.end - claim.span.start : trigger.span.start - claim.span.start
    ]
    words = _words_between(claim, last.span.end, trigger.span.start)
    # "a deal to be bought by", "agreed to be acquired": a passive infinitive
    # takes its verb's participle where an active one takes the base form.
    passive = words[-2:] == ["to", "be"]
    if re.search(r"[,;]", between):
        return False
    if (
        last.family == "agreement"
        and _is_trigger_noun(last, lexicon)
        and _TERMS_CLAUSE.match(between)
        and len(words) < _PURPOSE_WINDOW
    ):
        # "an agreement under which Nippon Steel will buy U.S. Steel": the
        # clause says what the agreement does.
        return lexicon.related_families(last.family, trigger.family)
    if trigger.lemma != trigger.text.lower() and not passive:
        return False
    # "agreed to buy": a verb's object; "a deal to buy", "signed an agreement
    # with U.S. Steel to buy": what an agreement noun is to do.
    # A verb in its base form takes only an agreement noun this way ("to
    # acquire U.S. Steel in a $14.9 billion deal"), not "to approve the
    # ratification law", which tells of a ratification.
    verb = last.lemma != last.text.lower() or (
        trigger.event_class in GENERIC_CLASSES and _is_verb(last, lexicon)
    )
    is_object = (verb and len(words) < _OBJECT_WINDOW) or (
        _is_trigger_noun(last, lexicon)
        and len(words) < _PURPOSE_WINDOW
        and (words[-1:] == ["to"] or passive)
    )
    return is_object and lexicon.related_families(last.family, trigger.family)


#: An indefinite article opening the noun phrase an event noun ends ("as a
#: magnitude 7.5 quake"), not after a comma or a copula (an apposition or a
#: predicate: "the quake, a magnitude 6.3 quake", "it was a strong quake").
_INDEFINITE_BEFORE = re.compile(
    r"(?<![,;:])(?<!\bis)(?<!\bwas)(?<!\bwere)(?<!\bare)(?<!\bbe)\s+an?\s+(?:[\w.\-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _another_of_its_kind(
    slot: Sequence[Trigger], trigger: Trigger, claim: Claim, lexicon: TriggerLexicon
) -> bool:
    """Whether *trigger* is an event noun that an indefinite article introduces
    after the slot already told of an event of its class, as the subject of its
    own verb ("A 5.0-magnitude quake hit Paramaribo on Jan. 12, as a magnitude
    7.5 quake struck Albania in March 2023") or with a word of the background
    (lexicon ``background_markers``: "a previous quake on October 7"). Not "in a
    $14.9 billion deal" after "agreed to buy" (it opens no clause), nor "signed a
    strategic partnership agreement" (one noun phrase)."""
    if trigger.lemma != trigger.text.lower():
        return False  # an inflected verb
    start = claim.span.start
    window = max(0, trigger.span.start - start - 60)
    found = _INDEFINITE_BEFORE.search(claim.text, window, trigger.span.start - start)
    if found is None:
        return False
    article = start + found.start()
    if any(other.span.end > article for other in slot):
        return False  # a trigger inside the article's noun phrase
    if not any(other.event_class == trigger.event_class for other in slot):
        return False
    words = {word.lower() for word in _WORD.findall(found.group())}
    if words & lexicon.background_markers:
        return True
    following = _FOLLOWING_WORD.match(claim.text, trigger.span.end - start)
    return following is not None and (
        _is_verb_form(following.group(1))
        or any(v in lexicon.verbs for v in lemmas_of(following.group(1))[0])
    )


def _compared_with(trigger: Trigger, claim: Claim, lexicon: TriggerLexicon) -> bool:
    """Whether *trigger* names the event a claim compares its own with: it
    comes up to two lower-case words after one of the lexicon's
    ``comparison_words`` ("more casualties than any crash since the one at
    Guam in 1997" tells of another crash, with its own place and year); not
    "more than 30 strikes" or "than dozens of strikes" (counts)."""
    start = claim.span.start
    before = claim.text[
        max(0, trigger.span.start - start - 40) : trigger.span.start - start
    ]
    words = before.split()[-3:]
    for i, word in enumerate(words):
        if word.lower() in lexicon.comparison_words:
            between = words[i + 1 :]
            return all(w.isalpha() and w.islower() for w in between) and not (
                set(between) & lexicon.quantifier_nouns
            )
    return False


_FOLLOWING_WORD = re.compile(r"\s*(\w+)")
#: The word before a date's preposition and article ("than in the").
_BOUND_BEFORE = re.compile(
    r"\b(\w+)\s+(?:(?:in|on|at|of|during)\s+)?(?:the\s+)?\Z", re.IGNORECASE
)


def _words_between(claim: Claim, start: int, end: int) -> list[str]:
    """The words of *claim* from *start* to *end* (text offsets), a name or a
    figure among them counted as one word ("U.S. Steel", "$14.9 billion-dollar")."""
    text, offset, values = claim.text, claim.span.start, claim.values
    words: list[str] = []
    cursor = start - offset
    k = bisect.bisect_left(values, start, key=_value_start)
    while k < len(values) and values[k].span.end <= end:
        value = values[k]
        words += _WORD.findall(text, cursor, value.span.start - offset)
        words.append(value.text)
        cursor = _ATTACHED.match(text, value.span.end - offset).end()
        k += 1
    return words + _WORD.findall(text, cursor, end - offset)


def _value_start(value: Value) -> int:
    return value.span.start


#: Words hyphened onto a value ("-dollar" in "$14.9 billion-dollar").
_ATTACHED = re.compile(r"(?:-\w+)*")


def _is_verb(trigger: Trigger, lexicon: TriggerLexicon) -> bool:
    """Whether *trigger* is a verb: inflected ("acquired"), or a lemma the
    lexicon knows only as a verb ("to acquire"; not "bid" or "offer")."""
    return trigger.lemma != trigger.text.lower() or (
        trigger.lemma in lexicon.verbs and trigger.lemma not in lexicon.nouns
    )


def _is_trigger_noun(trigger: Trigger, lexicon: TriggerLexicon) -> bool:
    """Whether *trigger* is one of its class's nouns and none of its verbs."""
    return trigger.event_class in lexicon.nouns.get(
        trigger.lemma, ()
    ) and trigger.event_class not in lexicon.verbs.get(trigger.lemma, ())


def _mention(
    claim_id: str, number: int, slot: Sequence[Trigger], lexicon: TriggerLexicon
) -> EventMention:
    """A mention named after its most specific trigger: what an agreement
    makes (lexicon ``agreed``) before the agreement, any class before a
    consequence, a generic class or a generic verb ("hit"), then a verb's class
    before a noun's."""

    agreement = any(t.family == "agreement" for t in slot)

    def rank(t: Trigger) -> tuple[int, int, int, int, int]:
        return (
            not (agreement and t.family in lexicon.agreed),
            t.family == "consequence",
            t.event_class in GENERIC_CLASSES,
            t.lemma in lexicon.generic,
            t.lemma == t.text.lower(),
        )

    head = min(slot, key=rank)
    return EventMention(
        claim_id=claim_id,
        number=number,
        event_class=head.event_class,
        family=head.family,
        trigger=head.lemma,
        span=head.span,
        triggers=[t.lemma for t in slot],
        kinds=named_kinds(slot, lexicon),
    )


def named_kinds(
    triggers: Sequence[Trigger], lexicon: TriggerLexicon
) -> tuple[str, ...]:
    """The kinds of incident (lexicon ``incident_kinds``) that *triggers* name,
    each trigger on its own: one whose lemma names classes of one kind only,
    and that is no verb many kinds share (``generic_lemmas``: "struck", "hit";
    the noun "strike" names an attack). Sorted."""
    found = set()
    for trigger in triggers:
        kinds = lexicon.kinds_of(trigger.lemma)
        if len(kinds) != 1:
            continue  # none, or a word of two kinds ("fire")
        if trigger.lemma in lexicon.generic and _is_verb(trigger, lexicon):
            continue
        found |= kinds
    return tuple(sorted(found))


class _Anchors:
    """Triggers of one claim sorted by position, for the nearest one before or
    after a value in logarithmic time (a hostile text may hold thousands)."""

    def __init__(self, anchors: Sequence[tuple[Trigger, int | None]]) -> None:
        self.items = sorted(anchors, key=lambda a: (a[0].span.start, a[0].span.end))
        self.starts = [a[0].span.start for a in self.items]
        ends = [a[0].span.end for a in self.items]
        self.ends_sorted = sorted(range(len(ends)), key=lambda i: ends[i])
        self.ends = [ends[i] for i in self.ends_sorted]

    def before(self, at: int) -> tuple[Trigger, int | None] | None:
        k = bisect.bisect_right(self.ends, at) - 1
        return self.items[self.ends_sorted[k]] if k >= 0 else None

    def after(self, at: int) -> tuple[Trigger, int | None] | None:
        k = bisect.bisect_left(self.starts, at)
        return self.items[k] if k < len(self.items) else None

    def nearest(
        self, span: Span, parted: Callable[[Span, Span], bool]
    ) -> tuple[Trigger, int | None]:
        """The trigger nearest *span* (one inside it, when one is), on
        *span*'s side of a comma, semicolon or dash (*parted*) when one side
        is: in "agreed to acquire X for $14.9 billion, winning an auction", the
        price is the takeover's, not the auction's."""
        found = [a for a in (self.before(span.start), self.after(span.end)) if a]
        unbroken = [a for a in found if not parted(a[0].span, span)]
        if unbroken:
            found = unbroken
        if found:
            return min(found, key=lambda a: _distance(a[0].span, span))
        k = min(bisect.bisect_left(self.starts, span.start), len(self.items) - 1)
        return self.items[k]


class _Context:
    """What binding the values of one claim needs, worked out once per claim."""

    def __init__(
        self,
        claim: Claim,
        slots: Sequence[Sequence[Trigger]],
        statements: Sequence[Trigger],
        lexicon: TriggerLexicon,
    ) -> None:
        self.claim, self.lexicon = claim, lexicon
        self._revisions: list[tuple[Span, int, str]] | None = None
        self._revised_nouns: dict[int, int] | None = None
        #: Where the claim's commas, semicolons and dashes are, and its
        #: relative pronouns (text offsets), for a search in logarithmic time.
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(claim.text)]
        self.relatives = [m.span() for m in _RELATIVE.finditer(claim.text)]
        #: Mentions of the events the claim compares its own with: they take
        #: only what follows them ("on the 29th ... than any crash since").
        compared = {
            n
            for n, slot in enumerate(slots)
            if n and _compared_with(slot[0], claim, lexicon)
        }
        every = [(t, n) for n, slot in enumerate(slots) for t in slot]
        dating = [a for a in every if _dates_events(a[0])]
        own = [a for a in every if a[1] not in compared]
        said = [(t, None) for t in statements]
        self.dates = _Anchors([*dating, *said])
        # What dates a value told before every trigger: the claim's own
        # event words (its first, when none of them dates events), never a
        # compared event's, and the statement verbs.
        self.dates_after = _Anchors(
            [*([a for a in own if _dates_events(a[0])] or own[:1] or dating), *said]
        )
        self.events = _Anchors(every)
        harmed = [a for a in every if a[0].family in ("consequence", "incident")]
        self.harmed = _Anchors(harmed) if harmed else self.events
        self.previous: dict[int, Quantity] = {}
        last: dict[str, Quantity] = {}
        for quantity in claim.quantities:
            if quantity.unit in last:
                self.previous[quantity.span.start] = last[quantity.unit]
            last[quantity.unit] = quantity
        # A demonym qualifies a noun ("American steelmaking", "the Japanese
        # group"): it owns no figure.
        gazetteer = load_gazetteer()
        self.actors = sorted(
            (
                v
                for v in claim.values
                if isinstance(v, Actor)
                and v.role == "actor"
                and not gazetteer.is_demonym(v.text)
            ),
            key=lambda v: v.span.end,
        )
        self.actor_ends = [v.span.end for v in self.actors]
        cue = find_attribution(claim.text).cue
        at = claim.text.find(cue) if cue else -1
        self.cue = (
            None
            if at < 0 or cue is None
            else (claim.span.start + at, claim.span.start + at + len(cue))
        )

    def revisions(self) -> list[tuple[Span, int, str]]:
        """The claim's revisions of a figure (:func:`_revisions`), read once."""
        if self._revisions is None:
            self._revisions = _revisions(self.claim, self.lexicon)
        return self._revisions

    def revision_of_noun(self) -> dict[int, int]:
        """The number of the revision of each revised noun, by its start."""
        if self._revised_nouns is None:
            self._revised_nouns = {
                noun: k for k, (_, noun, _) in enumerate(self.revisions())
            }
        return self._revised_nouns

    def parted(self, a: Span, b: Span) -> bool:
        """Whether a comma, semicolon or dash stands between the spans *a* and *b*."""
        start = min(a.end, b.end) - self.claim.span.start
        end = max(a.start, b.start) - self.claim.span.start
        k = bisect.bisect_left(self.breaks, start)
        return k < len(self.breaks) and self.breaks[k] < end

    def own_clause(self, date: Span, trigger: Span) -> bool:
        """Whether *date* stands in a clause with a verb of its own, broken off
        (comma, semicolon, dash) from the later event word *trigger*:
        "investigators were at the scene on Tuesday, trying to work out how
        the accident happened" dates the investigators' visit, while "On
        Friday, Russia and Iran signed a treaty" dates the signing."""
        if not self.parted(date, trigger):
            return False
        offset = self.claim.span.start
        k = bisect.bisect_left(self.breaks, date.start - offset)
        start = self.breaks[k - 1] if k > 0 else 0
        end = self.breaks[k] if k < len(self.breaks) else len(self.claim.text)
        return _verb_between(self.claim, offset + start, offset + end)

    def relative_clause_between(self, start: int, end: int) -> bool:
        """Whether a relative clause of another noun, with a verb of its own,
        opens between *start* (an event word's end) and *end* (a date's
        start): "The offer of $55 per share is a 40% premium to the price at
        which U.S. Steel stock closed on Friday" dates the close, not the
        offer, and "the airline, which was set up in 2005" the airline's
        founding. Not a relative clause of the event word itself ("the crash,
        which happened on Sunday"). Only a pronoun within
        :data:`_RELATIVE_REACH` characters before the date counts."""
        text, offset = self.claim.text, self.claim.span.start
        start, end = start - offset, end - offset
        k = bisect.bisect_left(self.relatives, (max(start, end - _RELATIVE_REACH),))
        if k >= len(self.relatives) or self.relatives[k][1] > end:
            return False
        at, after = self.relatives[k]
        if len(_WORD.findall(text, max(start, at - _RELATIVE_REACH), at)) < 2:
            return False
        return any(
            w.lower() in _AUXILIARY or _may_be_inflected_verb(w)
            for w in _WORD.findall(text, after, end)
        )

    def whole_of(self, value: Quantity) -> Quantity | None:
        """The figure *value* is a part of, when a part marker stands between them."""
        whole = self.previous.get(value.span.start)
        if whole is None or value.span.start - whole.span.end > _PART_REACH:
            return None
        start = self.claim.span.start
        between = self.claim.text[whole.span.end - start : value.span.start - start]
        if any(marker in between.lower() for marker in self.lexicon.part_markers):
            return whole
        at = whole.span.start - start
        if "," in between and _PARTITIVE.search(
            self.claim.text, max(0, at - _PARTITIVE_REACH), at
        ):
            return whole  # "Of the 54 who survived at first, 15 died later"
        if _CONJUNCTION.fullmatch(between):
            return self.whole_of(whole)  # "included 37 women and 25 men"
        return None

    def owner(self, quantity: Quantity) -> str | None:
        """Whose figure an owned figure is (a party's share, a company's price):
        the nearest actor before it. An age is of whoever it qualifies: the
        word after it ("a 35-year-old man", "the 17-year-old Boeing 767")."""
        if quantity.measure == "age":
            whose = _NEXT_NAME.match(
                self.claim.text, quantity.span.end - self.claim.span.start
            )
            return whose.group(1).lower() if whose is not None else None
        start = self.claim.span.start
        if quantity.measure != "term":
            # "25 million tons of soybeans each year" is a rate, never a
            # rival of "12 million tons by January".
            clause = _CLAUSE_END.split(
                self.claim.text[quantity.span.end - start :], maxsplit=1
            )[0]
            period = self.lexicon.rate_of(clause[:_RATE_REACH])
            if period is not None:
                return f"per {period}"
        if (
            quantity.unit not in self.lexicon.owned_units
            or quantity.measure is not None
        ):
            return None
        after = self.claim.text[
            quantity.span.end - start : quantity.span.end - start + 14
        ].lower()
        rate = next(
            (m for m in self.lexicon.per_unit_markers if after.lstrip().startswith(m)),
            None,
        )
        if rate is not None:
            # A rate names its unit, not whose it is: "$55 a share" and "$55
            # per share" are one price, whichever company is named nearest.
            return "per " + rate.split()[-1]
        k = bisect.bisect_right(self.actor_ends, quantity.span.start) - 1
        if k < 0:
            return None
        # A country after a person or body only qualifies them ("X was elected
        # president of France, taking 47 percent"): the share is X's.
        owner = next(
            (a for a in reversed(self.actors[: k + 1]) if a.type != "country"),
            self.actors[k],
        )
        return owner.canonical

    def in_cue(self, value: Value) -> bool:
        return self.cue is not None and self.cue[0] <= value.span.start < self.cue[1]


#: Where the clause of a figure ends, for the period that makes it a rate: a
#: comma, a colon, a full stop before a capital, or the next figure.
_CLAUSE_END = re.compile(r"[,;:()]|\.(?=\s+[A-Z]|\s*$)|\d")
#: How far after a figure its rate's period may be.
_RATE_REACH = 60

#: The word after an age: whose age it is.
_NEXT_NAME = re.compile(r"\s+([A-Za-z][\w'’-]*)")

#: "Of" opening the clause of a whole: the figure after the clause is its
#: part ("Of the 181 people on board, 179 died").
_PARTITIVE = re.compile(r"(?:^|[,;:]\s*)of\s+(?:the\s+|those\s+|these\s+)?\Z", re.I)
#: How far before a whole its "Of" is looked for.
_PARTITIVE_REACH = 16
#: Only a conjunction between two figures: the second is a part of whatever
#: the first is a part of.
_CONJUNCTION = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*", re.I)
#: A part marker is looked for only this many characters after the whole.
_PART_REACH = 80


#: A dateline: a place in capitals (and a region) before the date that opens
#: a wire story ("MOSCOW, Jan. 17 (Reuters) -", "PUERTO SALINAR, Ecuador, Nov. 5").
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,(?:\s+[A-Z][\w .'’-]*,)?\s*$")


#: A dateline in title case is told by the dash or colon after its date
#: ("France, Jan. 20 -- France's government ...", "Rome, March 5 - The ...",
#: "Kabul [Afghanistan], October 8 : Saturday's earthquake ...").
_TITLE_DATELINE = re.compile(
    r"^[A-Z][\w .'’-]*(?:\s*\[[^\]]+\])?,(?:\s+[A-Z][\w .'’-]*,)?\s*$"
)
_AFTER_DATELINE = re.compile(r"\s*(?:--|—|–|\(|-\s|:)")


#: A dateline's date lies within this many characters of its claim's start.
_DATELINE_REACH = 80


def _is_dateline(claim: Claim, value: DateValue) -> bool:
    start = value.span.start - claim.span.start
    if start > _DATELINE_REACH:
        return False  # a dateline opens its story
    before = claim.text[:start]
    if _DATELINE.match(before):
        return True
    end = value.span.end - claim.span.start
    return bool(_TITLE_DATELINE.match(before)) and bool(
        _AFTER_DATELINE.match(claim.text, end)
    )


def _bind(index: int, value: Value, context: _Context) -> Binding | None:
    if isinstance(value, Actor) and value.role != "place":
        return None
    claim = context.claim
    if isinstance(value, DateValue) and _is_dateline(claim, value):
        return Binding(index, 0, "statement date", "the dateline dates the report")
    if isinstance(value, DateValue):
        owned = _possessed_event(claim, value, context)
        if owned is not None:
            trigger, mention = owned
            return Binding(
                index, mention, "date", f"the day of {trigger.text!r} (possessive)"
            )
        if claim.text.startswith(("'s", "’s"), value.span.end - claim.span.start):
            # "a 40% premium to Friday's closing price": the day of the price,
            # not of the acquisition the claim tells of.
            return Binding(
                index, 0, "statement date", "the day of a noun it is the possessive of"
            )
        found = context.dates.before(value.span.start) or context.dates_after.after(
            value.span.end
        )
        if found is None:
            return Binding(index, 0, "statement date", "no event word dates it")
        trigger, mention = found
        if (
            value.span.end <= trigger.span.start
            # "flew into a mountain yesterday, killing 118": what an event did
            # follows the clause that tells of it, and shares its day.
            and trigger.family != "consequence"
            and context.own_clause(value.span, trigger.span)
        ):
            return Binding(
                index,
                0,
                "statement date",
                f"dates a clause of its own before {trigger.text!r}",
            )
        modified = _modified_noun_start(claim, trigger, context.lexicon)
        if (
            (modified is not None and value.span.end <= modified)
            or _modifies_the_next_noun(claim, value, trigger)
            or _modifier_before_verb(claim, value, trigger)
        ):
            return Binding(
                index,
                0,
                "statement date",
                f"dates the clause {trigger.text!r} is a modifier in, not {trigger.text!r}",
            )
        if trigger.span.end <= value.span.start and context.relative_clause_between(
            trigger.span.end, value.span.start
        ):
            return Binding(
                index,
                0,
                "statement date",
                f"dates a clause of another noun after {trigger.text!r}, not {trigger.text!r}",
            )
        bound = value.text.split(maxsplit=1)[0].lower()
        if bound not in context.lexicon.date_bound_words:
            # "lower than in the March 2018 vote": the word before the date's
            # preposition and article.
            start = value.span.start - claim.span.start
            before = _BOUND_BEFORE.search(claim.text, max(0, start - 40), start)
            bound = before.group(1).lower() if before else bound
        end = value.span.end - claim.span.start
        possessive = claim.text.startswith(
            ("'s", "’s"), end
        )  # "since Saturday's quake"
        if (
            mention is not None
            and bound in context.lexicon.date_bound_words
            and not possessive
        ):
            return Binding(
                index,
                mention,
                f"{bound} date",
                f"bounds {trigger.text!r} ({bound!r}), does not date it",
            )
        announced = _announced(trigger, mention, context)
        if announced is not None:
            return Binding(
                index,
                announced,
                "date",
                f"{trigger.text!r} makes the event it announces: its day",
            )
        if mention is None or trigger.event_class == "rise":
            return Binding(
                index,
                0,
                "statement date",
                f"dates the report {trigger.text!r}, not the event",
            )
        revision = _revision_dated(claim, value, trigger, context)
        if revision is not None:
            return Binding(
                index,
                0,
                "statement date",
                f"dates the revision {revision!r} of a figure, not the event",
            )
        return Binding(index, mention, "date", f"nearest event word {trigger.text!r}")
    if isinstance(value, Quantity):
        whole = context.whole_of(value)
        attribute = quantity_attribute(
            value,
            whole,
            context.owner(value),
            change=_is_change(claim, value, context.lexicon),
        )
        anchors = context.harmed if value.measure is not None else context.events
        trigger, mention = anchors.nearest(value.span, context.parted)
        why = (
            f"part of {whole.text!r}"
            if whole is not None
            else f"what {trigger.text!r} counts"
        )
        if (
            attribute in _TERM_UNITS
            and trigger.family == "agreement"
            and _FOR.search(
                claim.text,
                max(0, value.span.start - claim.span.start - _FOR_REACH),
                value.span.start - claim.span.start,
            )
        ):
            # "Under the deal, the two committed to cooperate for 15 years":
            # how long an agreement runs is its term, as "a 15-year deal".
            attribute, why = f"term in {attribute}", f"how long {trigger.text!r} runs"
        return Binding(index, mention, attribute, why)
    if context.in_cue(value):
        return Binding(
            index, 0, "statement place", "where the speakers are, not the event"
        )
    speakers = _speakers_place(claim, index, value)
    if speakers is not None:
        return speakers
    trigger, mention = context.events.nearest(value.span, context.parted)
    if (
        trigger.span.end <= value.span.start
        and trigger.family != "consequence"  # "Many of the dead were in Puerto Salinar"
        and _modified_noun_start(claim, trigger, context.lexicon) is not None
        and _verb_between(claim, trigger.span.end, value.span.start)
    ):
        return Binding(
            index,
            0,
            "statement place",
            f"where the clause {trigger.text!r} is a modifier in happened",
        )
    role = _where_role(claim, value, context.lexicon)
    if role is not None:
        why = _WHERE_REASONS[role].format(repr(trigger.text))
        return Binding(index, mention, role, why)
    return Binding(index, mention, "place", f"where {trigger.text!r} happened")


#: Words from a verb of change to the noun of what an incident did that it
#: revises ("lowered the toll", "cut the death toll").
_REVISION_REACH = 3


@lru_cache(maxsize=4)
def _change_verbs(lemmas: frozenset[str]) -> re.Pattern[str]:
    """Any form of the verbs of change *lemmas* (lexicon ``change_lemmas``)."""
    forms = sorted(inflections(sorted(lemmas), "VERB"), key=len)
    return re.compile(
        r"\b(?:" + "|".join(map(re.escape, reversed(forms))) + r")\b", re.IGNORECASE
    )


def _revision_dated(
    claim: Claim, value: DateValue, trigger: Trigger, context: _Context
) -> str | None:
    """The verb of change (lexicon ``change_lemmas``) that revises a figure of
    what an incident did, when *value* dates that revision rather than the
    incident: the date's event word is the revised noun ("On Wednesday, the
    minister lowered the toll to around 1,000"), or comes after the verb the
    date opens ("On Wednesday, the minister lowered the toll from the quake"),
    or the verb comes before the date in its clause, with no event verb of its
    own in between ("cut the death toll from the earthquakes to over 1,000 on
    Wednesday"; not "cut the toll from the quakes that hit Herat at the
    weekend"). ``None`` otherwise."""
    revisions = context.revisions()
    if not revisions:
        return None
    # Only the revision whose noun the date's event word is, and the verbs
    # nearest the date on either side, may be its (a hostile text of
    # thousands of dates and verbs stays linear).
    at = bisect.bisect_left(revisions, value.span.start, key=lambda r: r[0].start)
    near = {k for k in (at - 1, at) if 0 <= k < len(revisions)}
    noun = context.revision_of_noun().get(trigger.span.start)
    if noun is not None:
        near.add(noun)
    for verb, noun_start, word in (revisions[k] for k in sorted(near)):
        if (
            trigger.span.start == noun_start
            # "On Wednesday, the minister lowered the toll from the quake":
            # the date opens the revision's clause.
            or value.span.end <= verb.start <= trigger.span.start
        ) or (
            verb.end <= value.span.start
            and not context.parted(verb, value.span)
            # "cut the toll from the quakes that hit Herat at the weekend": a
            # verb of its own in between dates its event.
            and not (
                verb.end <= trigger.span.start
                and not _is_trigger_noun(trigger, context.lexicon)
            )
        ):
            return word
    return None


def _revisions(claim: Claim, lexicon: TriggerLexicon) -> list[tuple[Span, int, str]]:
    """Each verb of change of *claim* within :data:`_REVISION_REACH` words
    before a noun of what an incident did ("lowered the toll"), as its span,
    the noun's start and the verb (text offsets), in order."""
    text, offset = claim.text, claim.span.start
    found = []
    for verb in _change_verbs(lexicon.change_lemmas).finditer(text):
        following = itertools.islice(_WORD.finditer(text, verb.end()), _REVISION_REACH)
        for noun in following:
            if any(
                lexicon.family[c] == "consequence"
                for lemma in lemmas_of(noun.group())[1]
                for c in lexicon.nouns.get(lemma, ())
            ):
                span = Span(offset + verb.start(), offset + verb.end())
                found.append((span, offset + noun.start(), verb.group()))
    return found


def _announced(trigger: Trigger, mention: int | None, context: _Context) -> int | None:
    """The mention a date next to an announcement dates, when the announcement
    makes it (a deal, a takeover: lexicon ``announced_families``), else ``None``."""
    if mention is not None or trigger.lemma not in context.lexicon.announcing:
        return None
    found = context.events.after(trigger.span.end) or context.events.before(
        trigger.span.start
    )
    if found is None or found[0].family not in context.lexicon.announced:
        return None
    return found[1]


#: "Saturday's deadly quake": at most this many words between a possessive
#: date and the event word it dates.
_POSSESSED_REACH = 3
#: Punctuation that ends a noun phrase; not the point or comma of a number
#: ("Saturday's magnitude 6.3 quake").
_PHRASE_BREAK = re.compile(r"[;:]|[,.](?!\d)|(?<!\d)[,.]")


def _possessed_event(
    claim: Claim, value: DateValue, context: _Context
) -> tuple[Trigger, int] | None:
    """The event word a possessive date names the day of ("the USGS said
    *Saturday's* earthquakes hit ...", "*Sunday's* general election"), or ``None``."""
    end = value.span.end - claim.span.start
    if not claim.text.startswith(("'s", "’s"), end):
        return None
    found = context.dates.after(value.span.end)
    if found is None or found[1] is None:
        return None
    trigger, mention = found
    between = claim.text[end + 2 : trigger.span.start - claim.span.start]
    words = _WORD.findall(between)
    if len(words) > _POSSESSED_REACH or _PHRASE_BREAK.search(between):
        return None
    if any(_is_verb_form(word) for word in words):
        return None  # "Monday's figures showed the quake ...": a clause between
    return trigger, mention


@lru_cache(maxsize=65536)
def _is_verb_form(word: str) -> bool:
    """Whether *word* can only be an inflected verb ("showed", "says")."""
    lemmas = getAllLemmas(word.lower())
    verbs = lemmas.get("VERB", ())
    return bool(verbs) and set(lemmas) <= {"VERB", "AUX"} and word.lower() not in verbs


def _speakers_place(claim: Claim, index: int, value: Actor) -> Binding | None:
    """The binding of a place that says where a source is ("Officials in
    Poland called ..."), or ``None``."""
    if qualifies_source(claim.text[: value.span.start - claim.span.start]):
        return Binding(
            index, 0, "statement place", "where the speakers are, not the event"
        )
    return None


def _dates_events(trigger: Trigger) -> bool:
    """Whether a date next to *trigger* may date it: not a noun of what an
    incident did ("the toll ... on Wednesday" dates the count, not the quake;
    "funerals for the victims were held on Wednesday" dates the funerals)."""
    if trigger.family != "consequence":
        return True
    # Only a verb form dates: "killed on Friday", "rose to 15 on Wednesday".
    verbs, _ = lemmas_of(trigger.text)
    return trigger.lemma in verbs and trigger.lemma != trigger.text.lower()


#: "the two survivors of the deadliest plane crash": a noun event word after
#: "of" (and at most three words) modifies the noun before "of".
_OF_MODIFIER = re.compile(r"\b([a-z]+)\s+of\s+(?:[\w'’-]+\s+){0,3}\Z", re.I)
_OF_REACH = 60
#: Auxiliaries that make a finite verb of the word after them.
_AUXILIARY = frozenset(("is", "are", "was", "were", "has", "have", "had"))


def _modified_noun_start(
    claim: Claim, trigger: Trigger, lexicon: TriggerLexicon
) -> int | None:
    """Where the noun starts that *trigger* modifies in an "of" phrase ("the
    *survivors* of the crash", "the toll of the quake"), or ``None``. The
    clause is about that noun, so a date before it or a place after the
    clause's verb is not the event's ("On Monday the survivors of the crash
    were recovering in Seoul"); a date inside the phrase still is ("the toll
    of the weekend quake"). Not after a word that counts (lexicon
    ``quantifier_nouns``): "large numbers of demonstrators took to the streets"
    is about the demonstrators."""
    if _is_verb_form(trigger.text):
        return None  # "the leaders of Russia and Iran signed"
    at = trigger.span.start - claim.span.start
    before = claim.text[max(0, at - _OF_REACH) : at]
    found = _OF_MODIFIER.search(before)
    if found is None or re.search(r"[,;:]", before[found.start() :]):
        return None
    if found.group(1).lower() in lexicon.quantifier_nouns:
        return None
    return trigger.span.start - len(before) + found.start()


def _modifies_the_next_noun(claim: Claim, value: DateValue, trigger: Trigger) -> bool:
    """Whether an event noun after a date only modifies the noun after it, with
    the clause's verb between the date and it: "On Monday Di Maio hailed the
    movement's general election success" dates the hailing, not the election."""
    if not 0 <= trigger.span.start - value.span.end <= _MODIFIER_REACH or _is_verb_form(
        trigger.text
    ):
        return False
    after = _NEXT_WORD.match(claim.text, trigger.span.end - claim.span.start)
    if after is None:
        return False
    return _is_noun_only(after.group(1).lower()) and _verb_between(
        claim, value.span.end, trigger.span.start
    )


def _modifier_before_verb(claim: Claim, value: DateValue, trigger: Trigger) -> bool:
    """Whether an event noun before a date only modifies the noun after it, with
    the clause's verb between it and the date: "The offer price is a 40% premium
    to U.S. Steel's closing price on December 15" dates the closing price, not
    the offer. The word after it must be a noun, not an inflected verb ("the
    deal *signed* on Friday"), an auxiliary or a relative pronoun."""
    if trigger.span.end > value.span.start or _is_verb_form(trigger.text):
        return False
    after = _NEXT_WORD.match(claim.text, trigger.span.end - claim.span.start)
    if after is None:
        return False
    word = after.group(1).lower()
    lemmas = getAllLemmas(word)
    return (
        "NOUN" in lemmas
        and "AUX" not in lemmas  # "The vote will be held on Wednesday"
        # "The earthquake that devastated the province in April 2016"
        and not (word == "that" or _RELATIVE.fullmatch(word))
        and not _may_be_inflected_verb(word)
        and _verb_between(claim, after.end() + claim.span.start, value.span.start)
    )


@lru_cache(maxsize=65536)
def _is_noun_only(word: str) -> bool:
    """Whether *word* can only be a noun (lemminflect): "success", not "results"."""
    return set(getAllLemmas(word)) == {"NOUN"}


_NEXT_WORD = re.compile(r" ([a-z]+)\b")
#: How far before its event noun a date is read for a clause between them.
_MODIFIER_REACH = 160


#: A relative pronoun opening a clause of its own.
_RELATIVE = re.compile(r"\b(?:which|who|whom|whose)\b", re.IGNORECASE)
#: How far before a date a relative pronoun may open the clause it dates.
_RELATIVE_REACH = 160


@lru_cache(maxsize=65536)
def _may_be_inflected_verb(word: str) -> bool:
    """Whether *word* may be an inflected verb ("closed", "fell"), whatever else
    it may be (lemminflect)."""
    verbs = getAllLemmas(word.lower()).get("VERB", ())
    return bool(verbs) and word.lower() not in verbs


def _verb_between(claim: Claim, start: int, end: int) -> bool:
    """Whether a finite verb stands between *start* and *end* ("... crash in
    South Korea *were recovering* in hospitals in Seoul")."""
    words = _WORD.findall(claim.text[start - claim.span.start : end - claim.span.start])
    return any(w.lower() in _AUXILIARY or _is_verb_form(w) for w in words)


_CLAUSE_BREAK = re.compile(r"[;—–]|(?<!\d),|,(?!\d)|\s-\s")


def _distance(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)
