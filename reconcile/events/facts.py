"""Facts as event × attribute: each claim supplies every fact it gives a value to.

An event's facts are its date, its place, each measured figure (``people
killed``, ``children killed``, ``term in years``, ``magnitude``), the date of
each statement about it (``statement date``, one fact per speaker), and, for
claims that tell of the event without a value, the propositions they state
(``statement``), grouped as the claim matcher groups sentences. A claim that
names no event at all (no trigger) states a proposition of its own: such
propositions become events of class ``statement``.

In each fact a claim carries only the values it gives that fact (and its
actors), so comparing a fact's claims compares one attribute of one event and
nothing else: a children's toll is never set against the total, a statement's
date never against the strike's.
"""

from __future__ import annotations

import hashlib
import operator
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from attrs import field, frozen
from rapidfuzz import fuzz, process

from reconcile.compare.values import ClaimView
from reconcile.events.binding import UNNAMED_FIGURE
from reconcile.events.coref import EventGrouping, claim_order, event_id
from reconcile.events.owners import leaders_of, owner_of, unify_owners
from reconcile.match.clustering import ClaimCluster
from reconcile.match.frames import dimensions_named
from reconcile.model import (
    Actor,
    Claim,
    DateValue,
    Event,
    MatchReason,
    Membership,
    Quantity,
)
from reconcile.replacing import replaced

__all__ = ["FactCluster", "fact_clusters", "fact_order"]

#: Facts with more claims than this take their earliest claim as representative.
_MEDOID_LIMIT = 60


@frozen
class FactCluster:
    """The claims of one fact (each restricted to the values it gives the fact),
    the fact's id, event and attribute, its representative claim, and why each
    claim is there."""

    fact_id: str
    event_id: str
    attribute: str
    claims: tuple[Claim, ...] = field(converter=tuple)
    medoid: str
    memberships: tuple[Membership, ...] = field(converter=tuple)

    @property
    def cluster(self) -> ClaimCluster:
        """The cluster the verdict stage compares."""
        return ClaimCluster(
            tuple(c.id for c in self.claims), self.medoid, self.memberships
        )


def fact_clusters(
    grouping: EventGrouping,
    claims: Sequence[Claim],
    sentence_clusters: Sequence[ClaimCluster],
    *,
    medoids: Mapping[tuple[str, ...], str] | None = None,
) -> tuple[tuple[Event, ...], tuple[FactCluster, ...]]:
    """The events (with those of bare propositions added) and the facts of *claims*.

    *sentence_clusters* are the claim matcher's clusters (claims worded
    alike); they group the propositions of an event. *medoids* are the
    representative claims of facts found before, by the ids of their claims
    in order: a fact of those claims takes it instead of comparing their
    wordings again (a representative depends on the claims' texts only).
    """
    medoids = medoids or {}
    by_id = {c.id: c for c in claims}
    # A headline states its propositions with other headlines only: it
    # restates its own article's, which must not lend it an origin.
    cluster_of = {
        claim_id: (
            f"headline {cluster.claim_ids[0]}"
            if by_id[claim_id].headline
            else cluster.claim_ids[0]
        )
        for cluster in sentence_clusters
        for claim_id in cluster.claim_ids
        if claim_id in by_id
    }
    events = {e.id: e for e in grouping.events}
    values: dict[FactKey, list[str | int]] = defaultdict(list)
    pools: dict[str, list[str]] = defaultdict(list)
    bare: dict[str, list[str]] = defaultdict(list)
    #: Where the speakers of a proposition are: "Officials in Laos called the
    #: deal a turning point" is not what officials in Montenegro called it
    #: (whom an outlet cites is no part of what is said: "the navy said no
    #: tsunami warning had been issued" meets "a tsunami warning was issued").
    speaker_of: dict[str, str] = {}
    #: The figures nothing names, by event (:func:`_unnamed_figures`).
    unnamed: dict[str, list[str | int]] = defaultdict(list)
    # What each claim states, values aside, worked out once: a sentence-mate
    # that says strictly less than a proposition does not state it.
    contents: dict[str, frozenset[str]] = {}

    def content(claim_id: str) -> frozenset[str]:
        found = contents.get(claim_id)
        if found is None:
            found = contents[claim_id] = ClaimView(by_id[claim_id]).content
        return found

    for claim in claims:
        bound = grouping.bindings[claim.id]
        if not bound.mentions:
            bare[cluster_of.get(claim.id, claim.id)].append(claim.id)
            continue
        for binding in bound.bindings:
            event = grouping.event_of_mention[(claim.id, binding.mention or 0)]
            detail = ""
            if binding.attribute == "statement date":
                # One fact per speaker; an unattributed statement is its own
                # speaker, and its word-for-word copies (wire copies) with it.
                detail = (claim.attributed_to or claim.text).casefold()
            elif binding.attribute == UNNAMED_FIGURE:
                unnamed[event] += (claim.id, binding.value_index)
                continue
            values[(event, binding.attribute, detail)] += (
                claim.id,
                binding.value_index,
            )
            if binding.attribute == "statement place":
                place = claim.values[binding.value_index]
                assert isinstance(place, Actor)
                speaker_of.setdefault(claim.id, place.canonical)
        # A mention given only places still states a proposition.
        valued = bound.valued_mentions
        for mention in bound.mentions:
            if mention.number not in valued:
                pools[grouping.event_of_mention[(claim.id, mention.number)]].append(
                    claim.id
                )
    for event, given in unnamed.items():
        values.update(_unnamed_figures(event, given, by_id, content))
    del unnamed
    values = _one_name_per_owner(values, by_id)
    facts: list[FactCluster] = []
    proposition_of: dict[str, list[str]] = {}
    statements: list[tuple[str, list[str]]] = []
    # A claim's membership is the same in every fact of its event (its date,
    # its place, its figures): one Membership for them all, not one per fact,
    # and one tuple of them for the facts of an event that have the same claims.
    joined = _Memberships()
    while values:
        # Each fact's bindings are let go once its claims are restricted: the
        # map of them shrinks as the facts grow (their order is sorted below).
        (event, attribute, _detail), given = values.popitem()
        members = {
            cid: _restricted(by_id[cid], idx, attribute)
            for cid, idx in _by_claim(given).items()
        }
        facts.append(
            _fact(events[event], attribute, members, grouping, medoids, joined)
        )

    def said(claim_id: str) -> tuple[str, str]:
        """The sentence a claim states and where its speakers are."""
        return cluster_of.get(claim_id, claim_id), speaker_of.get(claim_id, "")

    for event, pool in sorted(pools.items()):
        by_sentence: dict[tuple[str, str], list[str]] = defaultdict(list)
        for claim_id in dict.fromkeys(pool):
            by_sentence[said(claim_id)].append(claim_id)
        # A claim with values joins the proposition its sentence-mates state
        # without values, so a negated twin meets the affirmed claim ("did
        # not sign a treaty", "signed a treaty on Friday"); not one whose
        # content lies strictly inside theirs, so "X met Y in Paris on 9
        # January" does not corroborate "during the talks in Paris, X and Y
        # discussed nuclear energy"; nor one that shares less than a third of
        # their words (:func:`_alike`), which the claim matcher may have put
        # beside them for a name or two.
        for claim_id in events[event].claim_ids:
            sentence = said(claim_id)
            group = by_sentence.get(sentence)
            if (
                group is not None
                and claim_id not in group
                and not all(content(claim_id) < content(other) for other in group)
                and any(_alike(content(claim_id), content(other)) for other in group)
            ):
                group.append(claim_id)
        for sentence, group in by_sentence.items():
            proposition_of.setdefault(sentence[0], group)
            statements.append((event, group))
    for sentence, group in sorted(bare.items()):
        home = proposition_of.get(sentence)
        if home is not None:
            # Worded like a proposition of an event: it states that proposition.
            home.extend(group)
            continue
        ordered = sorted(group, key=lambda i: claim_order(by_id[i]))
        event = Event(
            id=event_id(ordered[0], 0),
            event_class="statement",
            family="statement",
            mentions=(),
            claim_ids=ordered,
        )
        events[event.id] = event
        members = {cid: by_id[cid] for cid in ordered}
        facts.append(_fact(event, "statement", members, grouping, medoids, joined))
    for event, group in statements:
        members = {cid: _restricted(by_id[cid], [], "statement") for cid in group}
        facts.append(
            _fact(events[event], "statement", members, grouping, medoids, joined)
        )
    del joined, pools, bare, proposition_of, statements  # the facts are made
    # The claims facts add to their events (a claim with values joins the
    # proposition its sentence-mates state), kept only where there are some.
    added: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        told = events[fact.event_id].claim_ids
        added[fact.event_id].update(c.id for c in fact.claims if c.id not in told)
    out_events = tuple(
        e
        # No fact adds a claim to it: its claim ids stay as they are, in order.
        if not added.get(e.id)
        else replaced(
            e,
            "claim_ids",
            tuple(
                sorted(
                    added[e.id].union(e.claim_ids),
                    key=lambda i: claim_order(by_id[i]),
                )
            ),
        )
        for e in sorted(events.values(), key=lambda e: e.id)
    )
    del added
    facts.sort(key=fact_order)
    return out_events, tuple(facts)


#: How many groups of unnamed figures of one event a claim is compared with.
UNNAMED_GROUPS = 64


def _unnamed_figures(
    event: str,
    given: Sequence[str | int],
    by_id: Mapping[str, Claim],
    content: Callable[[str], frozenset[str]],
) -> dict[FactKey, list[str | int]]:
    """The facts of the figures nothing names of *event* (``(claim id, value
    index)`` pairs in *given*): a figure with no counted noun, unit or measure
    ("Mendon, population about 160", "80,000 of them in Paris") is known by
    what its claim says, so it meets the figures of claims worded alike
    (:func:`_alike`), never every other unnamed figure of its event. Claims are
    taken in :func:`~reconcile.events.coref.claim_order`; each joins the first
    group (of the first :data:`UNNAMED_GROUPS`) whose first claim it is alike
    with, or starts its own, keyed by its id."""
    indices = _by_claim(given)
    leaders: list[str] = []
    out: dict[FactKey, list[str | int]] = {}
    said: dict[str, frozenset[str]] = {}
    for claim_id in sorted(indices, key=lambda i: claim_order(by_id[i])):
        # What is said beside the figures: two bare figures alone are no likeness.
        mine = said[claim_id] = frozenset(
            t for t in content(claim_id) if not t.startswith("qty_")
        )
        leader = next(
            (first for first in leaders[:UNNAMED_GROUPS] if _alike(mine, said[first])),
            None,
        )
        if leader is None:
            leaders.append(claim_id)
            leader = claim_id
        fact = out.setdefault((event, UNNAMED_FIGURE, leader), [])
        for index in indices[claim_id]:
            fact += (claim_id, index)
    return out


def _alike(left: frozenset[str], right: frozenset[str]) -> bool:
    """Whether two claims' contents, names aside, share at least a third of the
    smaller one's words, as a claim must to join the proposition a
    sentence-mate states (a counted noun meets the figure counting it: "armed
    Kenya with drones", "sold Kenya hundreds of drones"). "Did not sign a
    mining accord" and "signed a mining accord on Wednesday" state one; "Iran
    and Greece signed a nuclear energy agreement on Tuesday" and "Iran
    described the agreement with Greece as a new chapter in bilateral
    relations" share names and "agreement" only.

    >>> _alike(frozenset({"actor_fiji", "sign", "accord"}),
    ...        frozenset({"actor_fiji", "sign", "accord", "min"}))
    True
    >>> _alike(frozenset({"actor_iran", "actor_greece", "sign", "nuclear", "energy", "agreement"}),
    ...        frozenset({"actor_iran", "actor_greece", "describ", "agreement", "new", "chapter"}))
    False
    """
    left, right = _words_said(left), _words_said(right)
    smaller = min(len(left), len(right))
    return smaller > 0 and len(left & right) * 3 >= smaller


def _words_said(content: frozenset[str]) -> frozenset[str]:
    """*content* without its names: what is said of them, a counted noun as
    what its figures count ("drone" as ``qty_drones``)."""
    said: set[str] = set()
    for token in content:
        if token.startswith("actor_"):
            continue
        said |= dimensions_named(token) or {token}
    return frozenset(said)


def fact_order(fact: FactCluster) -> tuple[bool, date, str, int, str]:
    """The sort key of facts: by earliest claim, as
    :func:`~reconcile.events.coref.claim_order` orders claims (publication
    date, undated last; article id; position), then by fact id.

    It holds the claim's date itself where ``claim_order`` makes its ISO
    string: some 100 bytes less a fact while every fact's key is held.
    """
    first = fact.claims[0]
    return (
        first.published is None,
        first.published or date.min,
        first.article_id,
        first.span.start,
        fact.fact_id,
    )


FactKey = tuple[str, str, str]
"""``(event id, attribute, detail)``: what one fact of values is of."""


def _by_claim(given: Sequence[str | int]) -> dict[str, list[int]]:
    """The value indices of each claim of *given*, claims in order of first appearance.

    *given* is flat, ``claim id, value index, claim id, value index, ...``:
    one list a fact rather than a dict a fact and a list a claim of it
    (at a million claims, some 0.3 GB while the facts stage starts).

    >>> _by_claim(["a#1", 0, "b#2", 1, "a#1", 2])
    {'a#1': [0, 2], 'b#2': [1]}
    """
    found: dict[str, list[int]] = {}
    for at in range(0, len(given), 2):
        claim_id, index = given[at], given[at + 1]
        assert isinstance(claim_id, str) and isinstance(index, int)
        found.setdefault(claim_id, []).append(index)
    return found


def _one_name_per_owner(
    values: dict[FactKey, list[str | int]],
    by_id: Mapping[str, Claim],
) -> dict[FactKey, list[str | int]]:
    """*values* with each event's owners of one figure under one name
    (:func:`reconcile.events.owners.unify_owners`): "percent (Mateo Salvini)"
    and "percent (League)" are one fact when Salvini leads the League."""
    by_event: dict[str, list[str]] = defaultdict(list)
    for (event, attribute, _detail), given in values.items():
        # One name a claim, however many values it gives the fact.
        by_event[event].extend([attribute] * len(set(given[::2])))
    owned = [e for e, attributes in by_event.items() if _owners_differ(attributes)]
    renamed: dict[str, dict[str, str]] = {}
    if owned:
        # Who leads whom is read from the articles that give these figures.
        wanted = set(owned)
        articles = {
            by_id[claim_id].article_id
            for (event, _attribute, _detail), given in values.items()
            if event in wanted
            for claim_id in given[::2]
            if isinstance(claim_id, str)
        }
        leaders = leaders_of(c for c in by_id.values() if c.article_id in articles)
        for event in owned:
            renamed[event] = unify_owners(by_event[event], leaders)
    if not any(renamed.values()):
        return values
    # A claim's indices stay in the order they were given, fact after fact.
    merged: dict[FactKey, list[str | int]] = defaultdict(list)
    for (event, attribute, detail), given in values.items():
        name = renamed.get(event, {}).get(attribute, attribute)
        merged[(event, name, detail)] += given
    return merged


def _owners_differ(attributes: Sequence[str]) -> bool:
    """Whether two owners of one unit are among *attributes*."""
    units = [p[0] for p in map(owner_of, set(attributes)) if p is not None]
    return len(units) != len(set(units))


#: How the attribute of an agreement's term begins ("term in years").
TERM_ATTRIBUTE = "term in "


def _restricted(claim: Claim, indices: Sequence[int], attribute: str) -> Claim:
    """*claim* with only its actors and the values at *indices* (dates take the
    attribute as their role, so that the fact's dates are compared; a figure
    binding read as an agreement's term, "remain in force for 20 years", takes
    the measure ``term``, so that it is compared with "a 29-year pact")."""
    chosen = set(indices)
    kept = []
    for index, value in enumerate(claim.values):
        if index in chosen:
            if isinstance(value, DateValue):
                value = replaced(value, "role", attribute)
            elif (
                isinstance(value, Quantity)
                and value.measure is None
                and attribute.startswith(TERM_ATTRIBUTE)
            ):
                value = replaced(value, "measure", "term")
            kept.append(value)
        elif isinstance(value, Actor) and value.role == "actor":
            kept.append(value)
    if len(kept) == len(claim.values) and all(map(operator.is_, kept, claim.values)):
        return claim  # nothing restricted: the claim itself, not a copy
    return replaced(claim, "values", tuple(kept))


def _fact(
    event: Event,
    attribute: str,
    members: Mapping[str, Claim],
    grouping: EventGrouping,
    medoids: Mapping[tuple[str, ...], str],
    joined: _Memberships,
) -> FactCluster:
    """The fact of *attribute* of *event* held by *members*; *joined* holds the
    memberships made so far and takes the new ones."""
    ordered = sorted(members.values(), key=claim_order)
    detail = (
        ""
        if attribute not in ("statement", "statement date", UNNAMED_FIGURE)
        else ordered[0].id
    )
    digest = hashlib.blake2b(
        f"{event.id}|{attribute}|{detail}".encode(), digest_size=8
    ).hexdigest()
    medoid = medoids.get(tuple(c.id for c in ordered))
    evidence: dict[str, tuple[MatchReason, ...]] | None = None
    memberships = []
    for claim in ordered:
        membership = joined.of_claim.get((claim.id, event.id))
        if membership is None:
            if evidence is None:
                evidence = dict(event.evidence)
            membership = _membership(claim, evidence, grouping)
            joined.of_claim[(claim.id, event.id)] = membership
        memberships.append(membership)
    return FactCluster(
        fact_id="F" + digest,
        event_id=event.id,
        attribute=attribute,
        claims=ordered,
        medoid=medoid if medoid is not None else _medoid(ordered),
        memberships=joined.tuple_of(memberships),
    )


class _Memberships:
    """The memberships of the facts made so far: each claim's in each event,
    and each tuple of them, held once."""

    def __init__(self) -> None:
        self.of_claim: dict[tuple[str, str], Membership] = {}
        """Each membership, by claim and event id."""
        self._tuples: dict[tuple[int, ...], tuple[Membership, ...]] = {}

    def tuple_of(self, memberships: Sequence[Membership]) -> tuple[Membership, ...]:
        """*memberships* as a tuple, the one made before for the same memberships."""
        # Memberships are held once (of_claim keeps them alive), so the same
        # memberships are the same objects, and their ids say which they are.
        key = tuple(map(id, memberships))
        found = self._tuples.get(key)
        if found is None:
            found = self._tuples[key] = tuple(memberships)
        return found


def _membership(
    claim: Claim,
    evidence: Mapping[str, tuple[MatchReason, ...]],
    grouping: EventGrouping,
) -> Membership:
    """Why *claim* is in its event's fact: the waterfall that joined its account
    (*evidence*: the event's, by account)."""
    bound = grouping.bindings.get(claim.id)
    for mention in bound.mentions if bound is not None else ():
        key = grouping.account_of_mention.get((claim.id, mention.number))
        if key is not None and key in evidence:
            reasons = evidence[key]
            return Membership(claim.id, float(reasons[-1].score), reasons)
    return Membership(claim.id, 100.0, _SAME_ACCOUNT)


_SAME_ACCOUNT = (
    MatchReason(
        "same account", 100.0, None, "the event's only account, or a bare proposition"
    ),
)
"""Why a claim of an event's only account (or of a bare proposition) is in its
fact: one tuple shared by all such memberships, a third of all of them."""


def _medoid(claims: Sequence[Claim]) -> str:
    if len(claims) <= 2 or len(claims) > _MEDOID_LIMIT:
        return claims[0].id
    texts = [c.text for c in claims]
    scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=1)
    best = max(range(len(claims)), key=lambda i: (float(scores[i].sum()), -i))
    return claims[best].id
