"""Split an article's cleaned text into sentences with exact character spans.

The splitter is a small regex-and-lexicon engine written for news copy (pysbd
is too slow for corpora of 100,000 articles). A sentence ends at ``.``, ``!``,
``?`` or an ellipsis (with any closing quotes or brackets after it) followed by
whitespace and an uppercase letter, a digit or an opening quote, except:

* after a title or other abbreviation ("Mr.", "Gen.", "e.g."), an initial
  ("J. R. R. Tolkien") or a dotted acronym ("U.S. officials"); months, "Inc.",
  "etc.", "p.m." and acronyms end a sentence only before a word that usually
  starts one ("... in the U.S. The talks ...");
* inside a quotation that has not closed yet, so a quote ends a sentence only
  where the quote itself ends (``“... every year.” He added``);
* after an elision (" ... " with a space before it).

A newline ends a sentence, so a headline without a full stop is a sentence of
its own, except inside a quotation that the next line or two of the same
paragraph close (a quote broken across lines by the scraper stays one sentence).
Paragraphs are blocks separated by blank lines.

>>> text = "Mr. Putin met Dr. Pezeshkian on Jan. 17. They signed a pact."
>>> [text[start:end] for start, end in split_sentences(text)]
['Mr. Putin met Dr. Pezeshkian on Jan. 17.', 'They signed a pact.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reconcile.model import Article, Sentence, Span

__all__ = ["segment_sentences", "split_sentences"]

# Word lists read better as strings than as one-word-per-line literals.
# Never end a sentence after these (case matters: "No." but not "no.").
_TITLES = frozenset(
    "Mr Mrs Ms Mx Dr Prof Gen Col Lt Sgt Capt Cpl Maj Adm Cmdr Gov Sen Rep Rev Hon Pres "  # noqa: SIM905
    "Supt Insp Det Fr Sr Jr St Mt No Nos Nr Art Fig Vol Op vs v cf al approx".split()
)
# End a sentence after these only before a usual sentence opener.
_SOFT = frozenset(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec etc Inc Ltd Co Corp Bros Plc LLC Ave".split()  # noqa: SIM905
)
_OPENERS = frozenset(
    "The A An He She It They We I You But And Or So Yet In On At By For From To With "  # noqa: SIM905
    "This That These Those There Here His Her Its Their Our My Your However Meanwhile "
    "When While After Before As If Although Since Some Many Most Both Each Other "
    "According Earlier Later Last Next Still Also Instead Now Then Thus Such".split()
)

_LATIN = frozenset({"e.g", "i.e", "E.g", "I.e"})

# A run of end marks taken whole (possessive, and never from the middle of a
# run): ``(?:\.\.\.|…|[.!?])+`` matched the same strings but backtracked
# exponentially on a long run of dots.
_CANDIDATE = re.compile(r"(?<![.!?…])[.!?…]++[”\"’'»)\]]*+(?=\s)")
_NEXT = re.compile(r"\s+([“\"‘'«(\[]*)(\w*)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_ENDERS = frozenset(".!?…")
_OPENING = "“\"‘'«([{"


def segment_sentences(article: Article) -> tuple[Sentence, ...]:
    """The sentences of an article, in order, with spans into ``article.text``.

    Args:
        article: A loaded article; its cleaned ``text`` is split.

    Returns:
        Sentences whose ``text`` equals ``article.text[span.start:span.end]``,
        with no surrounding whitespace. ``index`` counts sentences and
        ``paragraph`` counts blank-line-separated blocks, both from 0.

    >>> article = Article(id="a", outlet="X", text="Pact signed\\n\\nIt runs 20 years. Iran agreed.")
    >>> [(s.text, s.index, s.paragraph) for s in segment_sentences(article)]
    [('Pact signed', 0, 0), ('It runs 20 years.', 1, 1), ('Iran agreed.', 2, 1)]
    """
    text = article.text
    return tuple(
        Sentence(article.id, text[start:end], Span(start, end), index, paragraph)
        for index, (start, end, paragraph) in enumerate(_iter_sentences(text))
    )


def split_sentences(text: str, *, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence boundaries of *text* as half-open ``(start, end)`` pairs.

    Args:
        text: Any text; newlines always end sentences.
        offset: Added to every position (for text cut out of a larger one).

    Returns:
        Ordered, non-overlapping spans that cover every non-whitespace character
        and start and end on non-whitespace.

    >>> text = "“It will grow stronger every year.” He added that U.S. officials knew."
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['“It will grow stronger every year.”', 'He added that U.S. officials knew.']
    """
    return [(start + offset, end + offset) for start, end, _ in _iter_sentences(text)]


def _iter_sentences(text: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, paragraph)`` for each sentence of *text*."""
    paragraph = 0
    seen_content = False
    blank_since = False
    for start, line in _lines(text):
        if not line or line.isspace():
            blank_since = seen_content
            continue
        if blank_since:
            paragraph += 1
            blank_since = False
        seen_content = True
        cut = 0
        for boundary in _boundaries(line):
            yield from _trimmed(line, cut, boundary, start, paragraph)
            cut = boundary
        yield from _trimmed(line, cut, len(line), start, paragraph)


#: How many following lines a quotation may run over and still join its sentence.
_QUOTE_LINES = 2


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(start, line)`` for each line of *text*; a line whose quotation the next
    line or two (none of them blank) close is joined with them, newlines kept."""
    lines = text.split("\n")
    position = 0
    i = 0
    while i < len(lines):
        start, line = position, lines[i]
        taken = 1
        if _open_quotes(line) > 0:
            joined = line
            for extra in range(1, _QUOTE_LINES + 1):
                if i + extra >= len(lines) or not lines[i + extra].strip():
                    break
                joined += "\n" + lines[i + extra]
                if _open_quotes(joined) == 0:
                    line, taken = joined, extra + 1
                    break
        for k in range(taken):
            position += len(lines[i + k]) + 1
        i += taken
        yield start, line


def _open_quotes(text: str) -> int:
    """How many quotations *text* opens and does not close (curly marks; straight
    double marks count when their number is odd)."""
    curly = text.count("“") - text.count("”")
    return max(curly, 0) + (text.count('"') % 2)


def _trimmed(
    line: str, a: int, b: int, start: int, paragraph: int
) -> Iterator[tuple[int, int, int]]:
    piece = line[a:b]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield (start + a + lead, start + a + lead + len(stripped), paragraph)


def _boundaries(line: str) -> Iterator[int]:
    """Positions in *line* where one sentence ends and the next may begin."""
    if not any(char in line for char in _ENDERS):
        return
    quotes: list[tuple[int, int]] | None = None
    for match in _CANDIDATE.finditer(line):
        after = _NEXT.match(line, match.end())
        if after is None:
            continue
        marks, word = after.groups()
        if not (marks or (word and (word[0].isupper() or word[0].isdigit()))):
            continue
        if not _ends_sentence(line, match, word):
            continue
        if quotes is None:
            quotes = _quote_regions(line)
        if any(open_at < match.end() <= close_at for open_at, close_at in quotes):
            continue
        yield match.end()


def _ends_sentence(line: str, match: re.Match[str], next_word: str) -> bool:
    mark = match.group(0).rstrip("”\"’'»)]")
    at = match.start()
    if "…" in mark or "..." in mark:
        return at > 0 and not line[at - 1].isspace()
    if mark != ".":
        return True
    word_start = max(line.rfind(" ", 0, at), line.rfind("\t", 0, at)) + 1
    word = line[word_start:at].lstrip(_OPENING)
    if not word:
        return True
    if word in _TITLES or (len(word) == 1 and word.isalpha()):
        return False
    if "." in word and _DOTTED.fullmatch(word):
        return word not in _LATIN and next_word in _OPENERS
    if word in _SOFT:
        return next_word in _OPENERS
    return True


def _quote_regions(line: str) -> list[tuple[int, int]]:
    """``(open, close)`` positions of each closed quotation in *line*."""
    regions: list[tuple[int, int]] = []
    if '"' not in line and "“" not in line:
        return regions
    stack: list[int] = []
    for i, char in enumerate(line):
        if char == "“":
            stack.append(i)
        elif char == "”":
            if stack:
                regions.append((stack.pop(), i))
        elif char == '"':
            opening = i == 0 or line[i - 1].isspace() or line[i - 1] in "([{—–-"
            if opening:
                stack.append(i)
            elif stack:
                regions.append((stack.pop(), i))
    return regions
