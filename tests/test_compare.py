"""Tests for reconcile.compare: interval logic, independence, verdicts."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile import reconcile
from reconcile.compare import (
    compare_facts,
    compare_facts_reusing,
    compare_values,
    decide_verdict,
    detect_wire_copies,
    origin_of,
)
from reconcile.compare.verdicts import earliest_first
from reconcile.config import Config
from reconcile.match import ClaimCluster
from reconcile.model import (
    Actor,
    Article,
    Claim,
    DateValue,
    Fact,
    OriginGroup,
    Quantity,
    Span,
)


def day(text: str, iso: str, role: str | None = None) -> DateValue:
    d = date.fromisoformat(iso)
    return DateValue(text, Span(0, len(text)), d, d, "day", role)


def qty(
    low: float | None,
    high: float | None,
    unit: str = "people",
    measure: str | None = "killed",
) -> Quantity:
    return Quantity("x", Span(0, 1), low, high, unit, measure)


def place(name: str, within: tuple[str, ...] = (), kind: str = "city") -> Actor:
    return Actor(name, Span(0, len(name)), name, kind, "place", within)


def claim(
    cid: str,
    outlet: str,
    values=(),
    published: str = "2025-01-17",
    text: str | None = None,
    **kw,
) -> Claim:
    """A claim of *outlet*; without *text*, of a stock text, each value at its start."""
    if text is None:
        text = "some claim text here"
        values = [_at(v, 0) for v in values]
    return Claim(
        cid,
        cid.split("#")[0],
        outlet,
        text,
        Span(0, len(text)),
        list(values),
        date.fromisoformat(published),
        **kw,
    )


def _at(value, start):
    import attrs

    return attrs.evolve(value, span=Span(start, start + len(value.text)))


def symmetric_outcome(left, right):
    """Compare both ways and insist the outcome is the same (RapidFuzz-style symmetry check)."""
    one, two = compare_values(left, right), compare_values(right, left)
    assert (one is None) == (two is None)
    if one is None:
        return None
    assert one.outcome == two.outcome
    return one.outcome


class TestCompareValues:
    @pytest.mark.parametrize(
        ("left", "right", "expected"),
        [
            (day("Jan. 17", "2025-01-17"), day("on Friday", "2025-01-17"), "agree"),
            (day("Jan. 16", "2025-01-16"), day("Jan. 17", "2025-01-17"), "conflict"),
            (
                DateValue(
                    "January 2025",
                    Span(0, 12),
                    date(2025, 1, 1),
                    date(2025, 1, 31),
                    "month",
                ),
                day("Jan. 17", "2025-01-17"),
                "agree",
            ),
            (qty(4, None), qty(5, 5), "agree"),
            (
                qty(None, 12000, "troops", None),
                qty(10000, 10000, "troops", None),
                "agree",
            ),
            (qty(20, 20, "years", "term"), qty(25, 25, "years", "term"), "conflict"),
            (
                qty(200, 999, "drones", None),
                qty(2000, 9999, "drones", None),
                "conflict",
            ),
            (place("Moscow", ("Russia",)), place("Russia", (), "country"), "agree"),
            (place("Moscow", ("Russia",)), place("Kyiv", ("Ukraine",)), "conflict"),
        ],
    )
    def test_interval_table(self, left, right, expected):
        """Overlapping intervals agree, disjoint ones conflict, containment of places agrees."""
        assert expected == symmetric_outcome(left, right)

    def test_killed_and_injured_are_not_compared(self):
        """Counts of killed and injured people are different dimensions."""
        assert (
            symmetric_outcome(qty(4, 4, measure="killed"), qty(9, 9, measure="injured"))
            is None
        )

    def test_unresolved_dates_neither_agree_nor_conflict(self):
        """An unresolved date is not comparable."""
        unresolved = DateValue("on Friday", Span(0, 9), None, None, "unresolved")
        assert symmetric_outcome(unresolved, day("Jan. 17", "2025-01-17")) is None

    def test_rounded_figures_within_tolerance_agree(self):
        """A round figure ('300') agrees with a precise one within the rounding tolerance."""
        assert (
            compare_values(
                qty(300, 300, "homes", None),
                qty(312, 312, "homes", None),
                Config(quantity_tolerance=0.05),
            ).outcome
            == "agree"
        )

    def test_running_figures_are_updates(self):
        """Disjoint figures of a running toll are candidates for an update, not a plain conflict."""
        assert compare_values(qty(12, 12), qty(15, 15)).outcome == "update"


intervals = st.tuples(st.integers(0, 1000), st.integers(0, 50)).map(
    lambda t: (t[0], t[0] + t[1])
)


class TestIntervalLaws:
    @given(intervals, intervals)
    def test_symmetric(self, a, b):
        """Comparison is symmetric."""
        symmetric_outcome(qty(*a), qty(*b))

    @given(intervals)
    def test_reflexive(self, a):
        """An interval always agrees with itself."""
        assert symmetric_outcome(qty(*a), qty(*a)) == "agree"

    @given(intervals, st.integers(0, 100), st.integers(0, 100))
    def test_containing_interval_agrees(self, a, below, above):
        """An interval agrees with any interval containing it."""
        outer = (max(0, a[0] - below), a[1] + above)
        assert (
            symmetric_outcome(
                qty(*a, unit="drones", measure=None),
                qty(*outer, unit="drones", measure=None),
            )
            == "agree"
        )

    @given(
        st.dates(date(2000, 1, 1), date(2030, 1, 1)),
        st.integers(0, 40),
        st.integers(1, 40),
    )
    def test_disjoint_days_conflict(self, start, length, gap):
        """Disjoint day intervals conflict."""
        a = DateValue("a", Span(0, 1), start, start + timedelta(days=length), "week")
        later = start + timedelta(days=length + gap)
        b = DateValue("b", Span(0, 1), later, later, "day")
        assert symmetric_outcome(a, b) == "conflict"


class TestOrigins:
    def test_named_attribution_is_the_origin(self):
        """Claims attributed to the same named origin share it, whatever the outlet."""
        wire = detect_wire_copies([])
        a = claim("a#1", "Outlet A", attributed_to="Kremlin")
        b = claim("b#1", "Outlet B", attributed_to="Kremlin")
        assert origin_of(a, wire)[0] == origin_of(b, wire)[0] == "Kremlin"

    def test_generic_attribution_keeps_the_outlet(self):
        """'officials said' is too vague to merge two outlets."""
        wire = detect_wire_copies([])
        assert (
            origin_of(claim("a#1", "Outlet A", attributed_to="officials"), wire)[0]
            == "Outlet A"
        )

    def test_wire_copies_are_one_origin(self):
        """Near-identical texts under two outlets are one wire story."""
        text = (
            "The treaty was signed in Moscow on Friday by the two presidents after long talks. "
            * 3
        )
        arts = [
            Article(id="a", outlet="A", text=text),
            Article(id="b", outlet="B", text=text + " Extra."),
            Article(
                id="c",
                outlet="C",
                text="Something else entirely was reported by this outlet today.",
            ),
        ]
        wire = detect_wire_copies(arts)
        assert wire.group_of["a"] == wire.group_of["b"]
        assert "c" not in wire.group_of

    @staticmethod
    def _story(n):
        return "\n\n".join(
            f"Rescuers in the province of Herat searched village number {i} for"
            f" survivors through the night."
            for i in range(n)
        )

    def test_a_wire_copy_run_with_more_text_is_one_origin(self):
        """One outlet runs the wire's four paragraphs, another the same four
        inside twice as much page text: the whole texts differ (``fuzz.ratio``
        well under 90), the shorter one's long sentences are all in the other."""
        wire_text = self._story(4)
        longer = (
            "Allow notifications to get alerts. Tap allow to subscribe to our"
            " newsletter for the latest news every morning.\n\n"
            + wire_text
            + "\n\n"
            + "\n\n".join(
                f"Read more: an unrelated story number {i} about the weather in"
                f" another city this week."
                for i in range(4)
            )
        )
        arts = [
            Article(id="a", outlet="A", text=wire_text),
            Article(id="b", outlet="B", text=longer),
        ]
        from rapidfuzz import fuzz

        assert fuzz.ratio(wire_text, longer) < 90
        wire = detect_wire_copies(arts)
        assert wire.group_of["a"] == wire.group_of["b"]
        assert "long sentences" in wire.reasons[wire.group_of["a"]]

    @pytest.mark.parametrize(
        ("shared", "own", "copy"),
        [(4, 1, True), (3, 0, True), (2, 0, False), (3, 4, False)],
    )
    def test_shared_sentences_make_a_copy_from_three_and_most_of_the_shorter(
        self, shared, own, copy
    ):
        """At least three long sentences, and 80% of the shorter article's, in both."""
        common = self._story(shared)
        mine = "\n\n".join(
            f"Officials in Kabul counted {i} more tents delivered to the camps on Monday."
            for i in range(own)
        )
        other = "\n\n".join(
            f"Aid workers said convoy number {i} reached the valley late on Tuesday."
            for i in range(own + 10)
        )
        arts = [
            Article(id="a", outlet="A", text=common + "\n\n" + mine),
            Article(id="b", outlet="B", text=other + "\n\n" + common),
        ]
        assert copy == ("a" in detect_wire_copies(arts).group_of)


class TestDecideVerdict:
    def origins(self, n, hedged=False):
        claims = [claim(f"a{i}#1", f"Outlet {i}", hedged=hedged) for i in range(n)]
        return [OriginGroup(c.outlet, [c.outlet], [c.id]) for c in claims], claims

    @pytest.mark.parametrize(
        ("n", "status"),
        [(1, "single_source"), (2, "corroborated"), (3, "corroborated")],
    )
    def test_status_by_origins(self, n, status):
        """Two or more independent origins corroborate; one is single-source."""
        origins, claims = self.origins(n)
        assert status == decide_verdict(origins, claims, [], []).status

    @given(st.integers(1, 8), st.booleans())
    def test_more_origins_never_lower_confidence(self, n, hedged):
        """Adding an independent agreeing origin never lowers confidence."""
        origins, claims = self.origins(n)
        more, more_claims = self.origins(n + 1)
        extra = claim(f"a{n}#1", f"Outlet {n}", hedged=hedged)
        more_claims[-1] = extra
        before = decide_verdict(origins, claims, [], []).confidence
        after = decide_verdict(more, more_claims, [], []).confidence
        assert after >= before


def dated_claim(cid: str, outlet: str, text: str, days: dict[str, tuple[str, str]]):
    """A claim of *text* whose dates are the *days* (``{quoted text: (first,
    last)}``), each an event date at its place in the text."""
    values = [
        DateValue(
            quoted,
            Span(text.index(quoted), text.index(quoted) + len(quoted)),
            date.fromisoformat(first),
            date.fromisoformat(last),
            "day" if first == last else "month",
            "date",
        )
        for quoted, (first, last) in days.items()
    ]
    return claim(cid, outlet, values, "2024-12-04", text)


class TestDaysOfOneEvent:
    """A claim that gives its event several days joined by "and" tells of an
    event that holds them all: a day of another claim that meets one of them
    meets the event."""

    def compare(self, left: Claim, right: Claim):
        arts = [
            Article(id=c.article_id, outlet=c.outlet, text="x") for c in (left, right)
        ]
        (fact,) = compare_facts(
            [ClaimCluster((left.id, right.id), left.id, ())], [left, right], arts
        )
        return fact

    @pytest.mark.parametrize(
        ("text", "days", "conflicting"),
        [
            (
                "The elections in July left parliament split.",
                {"in July": ("2024-07-01", "2024-07-31")},
                [],
            ),
            (
                "The elections on August 4 left parliament split.",
                {"on August 4": ("2024-08-04",) * 2},
                [{"2024-07-07", "2024-08-04"}],
            ),
        ],
        ids=["meets one: agrees", "meets none: one conflict, the nearest day"],
    )
    def test_days_joined_by_and(self, text, days, conflicting):
        rounds = dated_claim(
            "a#1",
            "Outlet A",
            "Voters went to the polls in two rounds, on June 30 and July 7.",
            {"June 30": ("2024-06-30",) * 2, "July 7": ("2024-07-07",) * 2},
        )

        fact = self.compare(rounds, dated_claim("b#1", "Outlet B", text, days))

        assert [set(c.values) for c in fact.conflicts] == conflicting
        assert fact.status == ("conflicting" if conflicting else "corroborated")

    def test_days_not_joined_by_and_are_each_compared(self):
        """ "on Wednesday (Oct. 30)" names one day twice, wrongly once: the
        wrong weekday still conflicts with another outlet's Thursday."""
        twice = dated_claim(
            "a#1",
            "Outlet A",
            "The summit started on Wednesday (Oct. 30).",
            {"Wednesday": ("2025-10-29",) * 2, "Oct. 30": ("2025-10-30",) * 2},
        )
        thursday = dated_claim(
            "b#1",
            "Outlet B",
            "The leaders met on Thursday, Oct. 30.",
            {"on Thursday, Oct. 30": ("2025-10-30",) * 2},
        )

        fact = self.compare(twice, thursday)

        assert fact.status == "conflicting"


class TestCompareFacts:
    def test_seed_case_dates(self):
        """'on Friday' and 'Jan. 17' resolved to the same day corroborate across two outlets."""
        a = claim("it#1", "The Irish Times", [day("on Friday", "2025-01-17", "signed")])
        b = claim(
            "ki#1",
            "The Kyiv Independent",
            [day("on Jan. 17", "2025-01-17", "signed")],
            published="2025-04-21",
        )
        arts = [
            Article(id="it", outlet="The Irish Times", text="x"),
            Article(id="ki", outlet="The Kyiv Independent", text="y"),
        ]
        (fact,) = compare_facts(
            [ClaimCluster(("it#1", "ki#1"), "it#1", ())], [a, b], arts
        )

        assert fact.status == "corroborated"
        assert fact.verdict.independent_origins == 2
        assert [(g.kind, g.value) for g in fact.agreements] == [("date", "2025-01-17")]

    def test_changed_date_conflicts_naming_both(self):
        """A changed weekday makes the fact conflicting, naming both values and outlets."""
        a = claim("it#1", "The Irish Times", [day("on Friday", "2025-01-17", "signed")])
        b = claim("x#1", "Other Desk", [day("on Thursday", "2025-01-16", "signed")])
        arts = [
            Article(id="it", outlet="The Irish Times", text="x"),
            Article(id="x", outlet="Other Desk", text="y"),
        ]
        (fact,) = compare_facts(
            [ClaimCluster(("it#1", "x#1"), "it#1", ())], [a, b], arts
        )

        assert fact.status == "conflicting"
        (conflict,) = fact.conflicts
        assert {"2025-01-17", "2025-01-16"} == set(conflict.values)
        assert {"The Irish Times", "Other Desk"} == set(conflict.outlets)
        assert conflict.rule == "disjoint_day_intervals"

    def test_rising_toll_is_an_update(self):
        """A later, higher death toll from another outlet is an update, not a conflict."""
        a = claim("a#1", "A", [qty(12, None)], published="2025-11-04")
        b = claim("b#1", "B", [qty(15, 15)], published="2025-11-05")
        arts = [
            Article(id="a", outlet="A", text="x"),
            Article(id="b", outlet="B", text="y"),
        ]
        (fact,) = compare_facts([ClaimCluster(("a#1", "b#1"), "a#1", ())], [a, b], arts)

        assert fact.status == "updated"
        assert list(fact.conflicts) == []
        assert [entry[2] for entry in fact.updates[0].timeline] == ["A", "B"]

    def test_same_day_different_figures_conflict(self):
        """Two outlets giving different tolls on the same day conflict."""
        a = claim("a#1", "A", [qty(12, 12)], published="2025-11-04")
        b = claim("b#1", "B", [qty(15, 15)], published="2025-11-04")
        arts = [
            Article(id="a", outlet="A", text="x"),
            Article(id="b", outlet="B", text="y"),
        ]
        (fact,) = compare_facts([ClaimCluster(("a#1", "b#1"), "a#1", ())], [a, b], arts)

        assert fact.status == "conflicting"

    def test_negation_conflicts(self):
        """A negated claim conflicts with its affirmed twin."""
        a = claim("a#1", "A")
        b = claim("b#1", "B", polarity="negated")
        arts = [
            Article(id="a", outlet="A", text="x"),
            Article(id="b", outlet="B", text="y"),
        ]
        (fact,) = compare_facts([ClaimCluster(("a#1", "b#1"), "a#1", ())], [a, b], arts)

        assert [c.kind for c in fact.conflicts] == ["polarity"]
        assert fact.status == "conflicting"

    def test_a_negation_in_the_base_form_conflicts_with_every_affirming_outlet(self):
        """ "did not seal" is the negation of "sealed", whatever else a claim dates:
        each fact the three claims give holds both polarity conflicts."""
        texts = {
            "A": "Last Wednesday, Rwanda and Kiribati did not seal a fifty-year"
            " investment deal.",
            "B": "On 30 October 2030, Kiribati and Rwanda sealed a 50-year"
            " investment pact.",
            "C": "Kiribati and Rwanda sealed a 50-year investment deal on Wednesday.",
        }
        articles = [
            Article(id=o.lower(), outlet=o, published=date(2030, 11, 3), text=t)
            for o, t in texts.items()
        ]

        facts = reconcile(articles).facts

        assert {"date", "term in years"} <= {f.attribute for f in facts}
        for fact in facts:
            pairs = {
                frozenset(c.outlets) for c in fact.conflicts if c.kind == "polarity"
            }
            assert {frozenset("AB"), frozenset("AC")} == pairs, fact.attribute

    @pytest.mark.parametrize(
        ("left", "right", "conflicts"),
        [
            (  # one statement, two turnouts
                "The electoral commission in Chad put turnout in the presidential"
                " election at 49%.",
                "Turnout in the presidential election in Chad was 58 percent, the"
                " electoral commission said.",
                1,
            ),
            (  # one sentence, two prison terms
                "Leila Takacs was jailed for 6 years by a court in Paris on Jan. 7.",
                "On Jan. 7, a court in Paris sentenced Leila Takacs to 13 years in"
                " prison.",
                1,
            ),
            (  # a turnout and a rise are two things
                "Turnout in the presidential election in Chad was 49 percent.",
                "Support for the president in Chad jumped 58 percent after the vote.",
                0,
            ),
        ],
    )
    def test_percentages_and_durations_conflict_only_in_one_statement(
        self, left, right, conflicts
    ):
        """Figures without a measure in units that say how long or what share
        are compared when the two claims say the same thing."""
        from reconcile import reconcile as run

        result = run(
            [
                Article(id="a", outlet="A", text=left, published=date(2024, 1, 9)),
                Article(id="b", outlet="B", text=right, published=date(2024, 1, 9)),
            ]
        )
        assert sum(len(f.conflicts) for f in result.facts) == conflicts

    @pytest.mark.parametrize(
        ("left", "right", "twins"),
        [
            (  # one long name in common is not one statement
                "Sonja Takacs denied the charges throughout the trial in Valletta.",
                "Lawyers for Sonja Takacs said they would appeal the verdict of the"
                " court in Valletta.",
                False,
            ),
            (  # synonyms folded, names the same
                "Russia and Iran did not conclude a pact on January 1.",
                "Russia and Iran signed a treaty on Jan. 1.",
                True,
            ),
            (  # short frames alike, but what the negated claim denies is not said
                "She also said that no passengers were thrown from the train in the"
                " collision.",
                "Three were passengers on the train.",
                False,
            ),
        ],
    )
    def test_twins_need_alike_words_not_only_a_shared_name(self, left, right, twins):
        from reconcile.compare import are_twins
        from reconcile.extract import extract_claims

        (a,) = extract_claims(Article(id="a", outlet="A", text=left))
        (b,) = extract_claims(Article(id="b", outlet="B", text=right))
        assert are_twins(a, b) == twins

    def test_within_outlet_conflict_is_not_disagreement(self):
        """Two figures from one outlet are reported as within-outlet, not as a conflict between outlets."""
        a = claim("a#1", "A", [qty(20, 20, "years", "term")])
        b = claim("a#2", "A", [qty(25, 25, "years", "term")])
        arts = [Article(id="a", outlet="A", text="x")]
        (fact,) = compare_facts([ClaimCluster(("a#1", "a#2"), "a#1", ())], [a, b], arts)

        assert [c.within_outlet for c in fact.conflicts] == [True]
        assert fact.status == "single_source"


class TestWeekdayTense:
    def test_weekday_a_week_off_is_not_a_conflict(self):
        """A bare weekday read in the wrong tense (a week off) does not conflict."""
        past_monday = day("on Monday", "2025-01-13")
        inauguration = day("Jan. 20", "2025-01-20")

        assert symmetric_outcome(past_monday, inauguration) is None

    def test_changed_weekday_still_conflicts(self):
        """A weekday that no reading brings onto the other date still conflicts."""
        thursday = day("on Thursday", "2025-01-16")
        friday = day("on Jan. 17", "2025-01-17")

        assert "conflict" == symmetric_outcome(thursday, friday)


def _by_claim(compared):
    """The *earlier* mapping of compare_facts_reusing for (fact, findings) pairs."""
    return {c.id: pair for pair in compared for c in pair[0].claims}


_POOL = [
    day("on Friday", "2025-01-17", "signed"),
    day("on Jan. 16", "2025-01-16", "signed"),
    day("in January", "2025-01-01", None),
    qty(12, 12),
    qty(15, 15),
    qty(10, 20),
    qty(20, 20, "years", "term"),
    qty(25, 25, "years", "term"),
    place("Moscow", ("Russia",)),
    place("Tehran", ("Iran",)),
]


@st.composite
def _claim_sets(draw):
    """Claims with values that agree, conflict and rise, from outlets that share
    sources; and a partition of some of them into earlier facts."""
    size = draw(st.integers(2, 7))
    claims = []
    for number in range(size):
        outlet = draw(st.sampled_from(["A", "B", "C"]))
        values = draw(st.lists(st.sampled_from(_POOL), max_size=3, unique=True))
        if len({type(v) for v in values if not isinstance(v, Quantity)}) > 1:
            values = values[:1]
        claims.append(
            claim(
                f"{outlet.lower()}{number}#1",
                outlet,
                values,
                published=draw(st.sampled_from(["2025-01-17", "2025-01-18"])),
                attributed_to=draw(st.sampled_from([None, None, "Kremlin"])),
                polarity=draw(st.sampled_from(["affirmed", "affirmed", "negated"])),
            )
        )
    groups = draw(st.lists(st.integers(-1, 2), min_size=size, max_size=size))
    return claims, groups


class TestComparingOnlyNewPairs:
    """compare_facts_reusing: a fact that gains claims compares only the new pairs."""

    @given(_claim_sets())
    def test_reusing_earlier_facts_gives_the_facts_of_a_fresh_comparison(self, drawn):
        claims, groups = drawn
        config, wire = Config(), detect_wire_copies([], Config())
        earlier_clusters = []
        for label in sorted(set(groups) - {-1}):
            ids = sorted(
                c.id for c, g in zip(claims, groups, strict=True) if g == label
            )
            earlier_clusters.append(ClaimCluster(tuple(ids), ids[0], ()))
        earlier = compare_facts_reusing(
            earlier_clusters, claims, config, wire=wire, earlier={}
        )
        whole = ClaimCluster(tuple(sorted(c.id for c in claims)), claims[0].id, ())

        reused = compare_facts_reusing(
            [whole], claims, config, wire=wire, earlier=_by_claim(earlier)
        )
        fresh = compare_facts_reusing([whole], claims, config, wire=wire, earlier={})

        assert [f for f, _ in reused] == [f for f, _ in fresh]
        assert [(p.agreeing, p.rising) for _, p in reused] == [
            (p.agreeing, p.rising) for _, p in fresh
        ]

    def test_pairs_of_one_earlier_fact_are_not_compared_again(self, monkeypatch):
        import reconcile.compare.verdicts as verdicts

        calls = []

        def counting(left, right, config=None):
            calls.append((left, right))
            return compare_values(left, right, config)

        monkeypatch.setattr(verdicts, "compare_values", counting)
        old = [
            claim(f"{o}#1", o.upper(), [day("on Friday", "2025-01-17", "signed")])
            for o in "abc"
        ]
        new = claim("d#1", "D", [day("on Jan. 16", "2025-01-16", "signed")])
        config, wire = Config(), detect_wire_copies([], Config())
        earlier = compare_facts_reusing(
            [ClaimCluster(("a#1", "b#1", "c#1"), "a#1", ())],
            old,
            config,
            wire=wire,
            earlier={},
        )
        calls.clear()

        ((fact, _),) = compare_facts_reusing(
            [ClaimCluster(("a#1", "b#1", "c#1", "d#1"), "a#1", ())],
            [*old, new],
            config,
            wire=wire,
            earlier=_by_claim(earlier),
        )

        assert len(calls) == 3  # d with a, b and c; not the three old pairs
        assert fact.status == "conflicting"
        assert [a.claim_ids for a in fact.agreements] == [("a#1", "b#1", "c#1")]
        assert len(fact.conflicts) == 3

    def test_a_new_claim_joining_two_origins_makes_their_conflict_one_within(self):
        """C's claim shares B's outlet and A's named source: A and B become one origin."""
        a = claim("a#1", "A", [qty(12, 12)], attributed_to="Kremlin")
        b = claim("b#1", "B", [qty(15, 15)])
        c = claim("b#2", "B", [], attributed_to="Kremlin")
        config, wire = Config(), detect_wire_copies([], Config())
        earlier = compare_facts_reusing(
            [ClaimCluster(("a#1", "b#1"), "a#1", ())],
            [a, b],
            config,
            wire=wire,
            earlier={},
        )
        (old_conflict,) = earlier[0][0].conflicts
        grown = ClaimCluster(("a#1", "b#1", "b#2"), "a#1", ())

        ((fact, _),) = compare_facts_reusing(
            [grown], [a, b, c], config, wire=wire, earlier=_by_claim(earlier)
        )

        assert not old_conflict.within_outlet
        (conflict,) = fact.conflicts
        assert conflict.within_outlet
        assert conflict.explanation.endswith(" (one origin)")
        assert fact == compare_facts([grown], [a, b, c], [], wire=wire)[0]
        assert fact.status == "single_source"


@pytest.mark.parametrize(
    ("left", "right", "compared"),
    [
        # A share price and a deal's value bound to one attribute: two quantities.
        ((22.72, 22.72), (7.3e9, 7.3e9), False),
        ((7.3e9, 7.3e9), (22.72, 22.72), False),
        ((None, 10.0), (1e9, 1e9), False),
        # "$14.9 million" for "$14.9 billion" is a misreport: compared.
        ((14.9e6, 14.9e6), (14.9e9, 14.9e9), True),
        ((35.0, 35.0), (55.0, 55.0), True),
        ((1e9, None), (5.0, 5.0), False),  # "more than $1 billion" and "$5"
        ((0.0, 0.0), (5.0, 5.0), True),  # none against five is no ratio
    ],
)
def test_figures_orders_of_magnitude_apart_are_not_compared(left, right, compared):
    a = qty(*left, unit="USD", measure=None)
    b = qty(*right, unit="USD", measure=None)
    for one, other in ((a, b), (b, a)):
        found = compare_values(one, other)
        assert (found is not None) is compared
        if compared:
            assert found.outcome == "conflict"


class TestOneArticleGivesBoth:
    """An article does not contradict itself: two figures it gives are two
    quantities, and other outlets' matching figures do not conflict."""

    def _articles(self, first_also: str) -> list:
        from reconcile.model import Article

        day = date(2024, 12, 29)
        crash = "A Jeju Air plane carrying {} people crashed at Muan airport on Sunday."
        return [
            Article(
                id="a", outlet="A", published=day, text=crash.format(181) + first_also
            ),
            Article(id="b", outlet="B", published=day, text=crash.format(181)),
            Article(id="c", outlet="C", published=day, text=crash.format(175)),
        ]

    def _people(self, articles):

        (fact,) = [f for f in reconcile(articles).facts if f.attribute == "people"]
        return fact

    def test_figures_one_article_gives_both_of_do_not_conflict(self):
        fact = self._people(
            self._articles("\n\nThe plane carried 175 people and six crew.")
        )
        assert fact.verdict.status == "corroborated"
        assert all(c.within_outlet for c in fact.conflicts)

    def test_without_such_an_article_they_conflict(self):
        fact = self._people(self._articles(""))
        assert fact.verdict.status == "conflicting"
        assert [c.values for c in fact.conflicts if not c.within_outlet] == [
            ("181 people", "175 people"),
            ("181 people", "175 people"),
        ]

    def test_an_add_of_the_article_giving_both_is_the_full_run(self):

        articles = self._articles("\n\nThe plane carried 175 people and six crew.")
        before = reconcile(articles[1:])
        assert self._status(before) == "conflicting"
        added = before.add(articles[:1])
        assert (
            self._status(added) == self._status(reconcile(articles)) == "corroborated"
        )

    def test_a_toll_and_a_lower_count_of_one_article_are_two_quantities(self):
        """ "At least 85 people were killed" and "the 62 people killed included
        37 women": a toll that could rise, and a count of one article, explain
        other outlets' 85 and 62."""
        from reconcile.model import Article

        day = date(2024, 12, 29)
        crash = "A Jeju Air plane crashed at Muan airport on Sunday, killing {} people."
        articles = [
            Article(
                id="a",
                outlet="A",
                published=day,
                text=crash.format("at least 85")
                + "\n\nThe 62 people killed included 37 women and 25 men.",
            ),
            Article(id="b", outlet="B", published=day, text=crash.format(85)),
            Article(id="c", outlet="C", published=day, text=crash.format(62)),
        ]
        (fact,) = [
            f for f in reconcile(articles).facts if f.attribute == "people killed"
        ]
        assert [c for c in fact.conflicts if not c.within_outlet] == []

    @staticmethod
    def _status(result) -> str:
        (fact,) = [f for f in result.facts if f.attribute == "people"]
        return fact.verdict.status


class TestEarliestFirst:
    @staticmethod
    def _facts():
        return tuple(
            Fact(fid, "x", (claim(cid, "A", published=published),))
            for fid, cid, published in (
                ("F2", "b#1", "2025-01-16"),
                ("F1", "a#1", "2025-01-17"),
                ("F3", "a#2", "2025-01-17"),
            )
        )

    def test_facts_in_order_come_back_as_they_are(self):
        """A tuple of facts already earliest first is returned itself, not sorted again."""
        facts = self._facts()

        assert earliest_first(facts) is facts

    def test_facts_out_of_order_are_sorted_by_their_earliest_claim(self):
        """Facts out of order come back by their earliest claim's date, article and place."""
        facts = self._facts()
        shuffled = (facts[2], facts[0], facts[1])

        assert facts == earliest_first(shuffled)
        assert facts == earliest_first(iter(shuffled))
