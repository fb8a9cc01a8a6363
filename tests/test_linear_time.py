"""Linear time on any text (issue 16, item 2).

* Every pattern of ``benchmarks/pathological.py`` (runs of dots, ``?!``, ``…``,
  spaces, "on Friday, ", weekdays, month-days, "5 ", " — a", random text)
  completes at 100 KB within a generous 30 s, in a subprocess, so a regression
  to exponential or quadratic time fails instead of hanging the suite.
* The one-pass rewrites give exactly what the old, quadratic code gave: each is
  checked against a reference copy of it on generated text.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.extract import claims
from reconcile.extract.claims import event_role, split_clauses
from reconcile.model import Actor, DateValue, Quantity, Span, Value
from reconcile.segment import _CANDIDATE, split_sentences

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "pathological", ROOT / "benchmarks" / "pathological.py"
)
assert _spec is not None and _spec.loader is not None
pathological = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pathological)


@pytest.mark.parametrize("pattern", list(pathological.PATTERNS))
def test_each_pathological_pattern_completes_at_100_kb(pattern: str) -> None:
    seconds = pathological._measure(pattern, 100, 30.0, ROOT)
    assert seconds is not None, f"{pattern!r} at 100 KB did not finish in 30 s"


def test_a_run_of_dots_before_a_letter_splits_as_before() -> None:
    text = "It ended" + "." * 5000 + "A new one began. Then more."
    assert [text[a:b] for a, b in split_sentences(text)][-1] == "Then more."


# --------------------------------------------------------------- reference copies
# The code as it was before the one-pass rewrites (quadratic or exponential on
# hostile text, but the meaning the rewrites must keep).

_OLD_CANDIDATE = re.compile(r"(?:\.\.\.|…|[.!?])+[”\"’'»)\]]*(?=\s)")
_OLD_CLAUSE = re.compile(
    r";\s+|,\s+(?:as|while|whereas|but|even as|meanwhile)\s+|\s+(?:—|--|–)\s+(?=[a-z])",
    re.IGNORECASE,
)
_OLD_VALUE = re.compile(
    r"\s+(?:meant|intended|designed|set|due|expected)\s+to\s+|,\s+(?:which|that)\s+(?:will|would)\s+"
    r"|,?\s+and\s+(?=(?:[a-z]{3,}ed|hurt|left|sent|gave)\s)",
    re.IGNORECASE,
)


def _old_is_statement(fragment: str) -> bool:
    return (
        len(claims._WORD.findall(fragment)) >= claims._MIN_WORDS
        and claims._VERB_CUE.search(fragment) is not None
    )


def _old_has_figure(fragment: str) -> bool:
    return (
        len(claims._WORD.findall(fragment)) >= 2
        and claims._FIGURE.search(fragment) is not None
    )


def _old_split_at(text, pieces, boundary, keep):  # type: ignore[no-untyped-def]
    out = []
    for start, end in pieces:
        cursor = start
        for match in boundary.finditer(text, start, end):
            left, right = (cursor, match.start()), (match.end(), end)
            if keep(text[left[0] : left[1]]) and keep(text[right[0] : right[1]]):
                out.append(left)
                cursor = match.end()
        out.append((cursor, end))
    return [claims._trim(text, a, b) for a, b in out if text[a:b].strip()]


def _old_split_clauses(text: str) -> list[tuple[int, int]]:
    pieces = _old_split_at(text, [(0, len(text))], _OLD_CLAUSE, _old_is_statement)
    return _old_split_at(text, pieces, _OLD_VALUE, _old_has_figure)


def _old_event_role(text: str, position: int) -> str | None:
    before = list(claims._ROLE_WORD.finditer(text, 0, position))
    if before:
        return claims._ROLE_OF_STEM[before[-1].group(1).lower()]
    after = claims._ROLE_WORD.search(text, position)
    return None if after is None else claims._ROLE_OF_STEM[after.group(1).lower()]


def _old_drop_overlaps(values: list[Value]) -> list[Value]:
    kept: list[Value] = []
    for value in values:
        if all(
            value.span.end <= k.span.start or value.span.start >= k.span.end
            for k in kept
        ):
            kept.append(value)
        elif isinstance(value, DateValue):
            kept = [
                k
                for k in kept
                if k.span.end <= value.span.start or k.span.start >= value.span.end
            ]
            kept.append(value)
    return sorted(kept, key=lambda v: (v.span.start, v.span.end))


_PIECES = [
    "Iran", "signed", "a", "pact", "as", "while", "even as", "—", "--", "–", ";",
    ",", " ", "  ", "\t", "\xa0", "meant", "to", "which", "will", "and", "killed",
    "hurt", "5", "5,000", "Friday", "five", "the", "people", "ratified", "sign",
    "ed", "was", "said", "treaty", "Mr.", "U.S.", ".", "...", "…", "?", "!", "”",
    '"', "“", "A", "The", "x_", "é",
]  # fmt: skip
hostile_text = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=300)
@given(hostile_text)
def test_split_clauses_matches_the_reference(text: str) -> None:
    assert split_clauses(text) == _old_split_clauses(text)


@settings(max_examples=300)
@given(hostile_text, st.data())
def test_event_role_matches_the_reference(text: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(text)))
    assert event_role(text, position) == _old_event_role(text, position)


@settings(max_examples=300)
@given(hostile_text)
def test_sentence_candidates_match_the_reference(text: str) -> None:
    found = [(m.start(), m.end()) for m in _OLD_CANDIDATE.finditer(text)]
    assert [(m.start(), m.end()) for m in _CANDIDATE.finditer(text)] == found


def _value(kind: int, start: int, length: int) -> Value:
    span = Span(start, start + length)
    if kind == 0:
        return DateValue(text="d" * length, span=span)
    if kind == 1:
        return Quantity(text="q" * length, span=span, low=1.0, high=1.0)
    return Actor(text="a" * length, span=span, canonical="A", type="person")


values = st.lists(
    st.builds(_value, st.integers(0, 2), st.integers(0, 40), st.integers(0, 8)),
    max_size=25,
).map(lambda vs: sorted(vs, key=lambda v: (v.span.start, v.span.end)))


@settings(max_examples=300)
@given(values)
def test_drop_overlaps_matches_the_reference(found: list[Value]) -> None:
    kept = claims._drop_overlaps(found)
    reference = _old_drop_overlaps(found)
    assert [id(v) for v in kept] == [id(v) for v in reference]
