r"""Page furniture: what a scraped page holds besides the report, and its removal.

Newsletter and subscription prompts, "* indicates required", navigation labels
("Skip to content", "READ MORE", "Editors' Picks"), share and follow prompts,
audio and cookie notices, photo captions (any line with a credit such as
"Photograph: ... via Getty Images", with people placed "(left)" or ", second
from left,", or with a caption's date: "..., Monday, Oct. 9."), links and
e-mail addresses, bylines, date stamps, author bios and sign-offs, and teasers
of other stories.

:func:`looks_like_furniture` judges one line on its own; :func:`remove_furniture`
cleans a whole body with rules that also look at the neighbouring lines
(repeated captions, sign-offs at the end, a teaser's heading) and returns the
runs of kept characters, so every span of the cleaned text maps back exactly.

>>> remove_furniture("Skip to content\nIran and Russia signed a pact.\nREAD MORE\n")[0]
'Iran and Russia signed a pact.'
"""

from __future__ import annotations

import itertools
import re

__all__ = ["Run", "looks_like_furniture", "remove_furniture"]

Run = tuple[int, int, int]
"""A run of characters kept from the raw text: ``(clean_start, raw_start, length)``."""

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"

# A whole line that is nothing but a prompt or a navigation label.
_FULL_PROMPT = re.compile(
    r"""(?:
      subscribe(?:\ (?:now|today|here))? | sign\ (?:up|in)(?:\ (?:now|here|today|for\ free))?
    | log\ ?in | register | skip\ to\ (?:main\ )?content | skip\ (?:to\ )?navigation
    | edit\ (?:post|this\ (?:post|page|article))
    | read\ more | more\ news | news\ feed | editors?['’]?s?['’]?\ picks? | most\ (?:read|popular|viewed|shared)
    | trending(?:\ now)? | top\ stories | latest(?:\ news|\ stories)? | breaking\ news
    | related(?:\ (?:stories|articles|content|coverage|topics|news))? | recommended(?:\ for\ you)?
    | you\ (?:may|might)\ also\ like | don['’]t\ miss | see\ also | also\ read | further\ reading
    | in\ other\ news
    | advertisement | advert | ad | sponsored(?:\ content)? | promoted(?:\ content)? | paid\ (?:post|content)
    | (?:story|article)\ continues\ below(?:\ (?:the\ )?advertisement)? | continue\ reading(?:\ below)?
    | share(?:\ this(?:\ (?:article|story|post|page))?)? | share\ on\ \w+ | tweet | e-?mail | print
    | copy\ link | comments? | show\ comments | leave\ a\ comment | \d+\ comments?
    | pre-?order(?:\ (?:now|today))? | listen | back\ to\ top | menu | search | close | home | loading
    | successfu?l+y\ subscribed | you['’]re\ (?:all\ )?(?:signed\ up|subscribed) | all\ rights\ reserved
    | follow(?:\ us)? | watch | video | gallery | view\ gallery
    )[\s.!:›»>→|-]*""",
    re.IGNORECASE | re.VERBOSE,
)

# A line opening with one of these is a prompt, if it is short.
_LEAD_PROMPT = re.compile(
    r"""(?:
      \*\s*indicates\ required | enter\ (?:your\ |a\ valid\ |a\ correct\ |correct\ )?e-?mail
    | please,?\ enter\ (?:a\ )?(?:correct|valid) | (?:your\ )?e-?mail\ address\b
    | thank\ you\ for\ (?:signing\ up|subscribing|registering|your\ interest)
    | thanks\ for\ (?:signing\ up|subscribing) | we['’]ve\ sent\ you\ an?\ (?:confirmation|verification)
    | (?:please\ )?check\ your\ (?:inbox|e-?mail) | sign\ up\ (?:to|for|now|today|here)\b
    | subscribe\ (?:to|for|now|today)\b | (?:get|receive)\ (?:our|the)\ .{0,40}newsletter
    | (?:read\ more|related|see\ also|also\ read|more\ news|watch|listen|read)\s*[:|›»]
    | share\ (?:this|on|via)\b | follow\ (?:us|[\w'’ ]{1,40}?)\ on\ (?:twitter|x|facebook|instagram|telegram|linkedin|tiktok|youtube|threads|bluesky|google\ news|whatsapp)\b
    | join\ (?:us|our\ [\w ]{1,30}?)\ on\b | download\ (?:our|the)\ (?:free\ )?app\b
    | this\ (?:audio|article\ audio)\ (?:is|was)\ (?:created|generated|produced)
    | listen\ to\ (?:this|the)\ (?:article|story)\b | \d+\s*min(?:ute)?s?\ listen\b
    | (?:we|this\ (?:site|website))\ uses?\ cookies | (?:accept|manage|reject)\ (?:all\ )?cookies
    | cookie\ (?:policy|settings|preferences|consent|notice) | ©|copyright\s+(?:©|\(c\)|\d{4})
    | \((?:additional\ )?(?:reporting|writing|editing)\ by\b
    | be\ among\ the\ first\ to | support\ (?:our|independent)\ journalism
    | become\ a\ (?:member|subscriber|patron)\b | donate\ (?:now|today)\b
    | pre-?order\ (?:now|today|your|a\ copy)\b
    | this\ (?:article|story|report|piece)\ (?:was|is|has\ been)\ (?:supplied|provided|distributed|syndicated|originally\ published|produced)\b
    | this\ is\ a\ (?:developing|breaking)\ (?:story|news\ (?:story|update))\b
    | (?:the\ |an?\ )?(?:earlier|previous)\ (?:\w+\ )?(?:story|version)\ (?:appears|follows|is)\ below\b
    | an?\ (?:post|photo|video)\ shared\ by\b
    | (?:this\ )?(?:story|article)\ (?:will\ be|has\ been|was)\ updated\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Anywhere in a short line.
_ANY_PROMPT = re.compile(
    r"\b\d+\s*min(?:ute)?s?\s+read\b|\b(?:sign(?:ing)?\s+up|subscrib\w*)\b.*\bnewsletters?\b"
    r"|(?:additional\s+)?reporting\s+by\b.*;\s*editing\s+by\b|\bpre-?order\s+now\b"
    # links, addresses and the page talking to its reader
    r"|(?<!\]\()\bhttps?://\S|(?<![(/])\bwww\.\w|\b[\w.+-]+@[\w-]+\.[a-z]{2,}\b|\bclick\s+here\b"
    r"|\bcheck\s+back\b.*\bupdates?\b|\b(?:allow|enable|turn\s+on)\s+(?:push\s+)?notifications\b"
    # a copyright notice after a story's tags ("Asia (Copyright 2025 The Associated Press.")
    r"|(?-i:\bCopyright\s+(?:©\s*|\(c\)\s*)?\d{4}\s+[A-Z])|©\s*\d{4}\b",
    re.IGNORECASE,
)
#: A word each alternative of _ANY_PROMPT holds: an ASCII line holding none
#: (lower-cased) cannot match it.
_ANY_PROMPT_WORDS = (
    "min",
    "newsletter",
    "editing",
    "order",
    "://",
    "www",
    "@",
    "click",
    "check",
    "notifications",
    "copyright",
    "©",
)


#: The letters that ``re.IGNORECASE`` matches to an ASCII letter but that
#: ``str.lower`` does not turn into it: dotted and dotless I, long S, Kelvin sign.
_TO_ASCII_LETTER = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})


def _any_prompt(line: str) -> bool:
    """Whether _ANY_PROMPT matches anywhere in *line*.

    The line, lower-cased, is first looked over for the words of
    :data:`_ANY_PROMPT_WORDS` (few lines of reporting hold one): trying
    _ANY_PROMPT's alternatives at every position of every sentence took three
    quarters of the furniture test.

    >>> _any_prompt("Sign up for our newsletter"), _any_prompt("Iran signed a pact")
    (True, False)
    """
    lower = (line if line.isascii() else line.translate(_TO_ASCII_LETTER)).lower()
    if not any(word in lower for word in _ANY_PROMPT_WORDS):
        return False
    return _ANY_PROMPT.search(line) is not None


# A photo credit: the mark of a caption.
_CREDIT_LABEL = re.compile(
    r"\b(?:Photograph|Photo|Picture|Image|Illustration|Credit|Photo\s+credit|Video|Graphic)s?\s*:\s*\S"
)
_CREDIT_AGENCY = re.compile(
    r"(?:/|\bvia\s)\s*Getty\s+Images|Getty\s+Images\s*\)?\s*$|\bAP\s+Photo\b|\b(?:REUTERS|AFP)/"
    r"|/\s*(?:AFP|Reuters|REUTERS|AP|EPA(?:-EFE)?|Anadolu|Bloomberg|TASS|Sputnik|Xinhua|Shutterstock"
    r"|Alamy|PA\s+Wire|Pool|Handout)\b"
)
_CREDIT_PARENS = re.compile(
    r"\([^()]*\b(?:Handout|Press\s+(?:Office|Service)|Getty|Shutterstock|Pool\s+photo|Photo\s+by)\b[^()]*\)\s*\.?\s*$"
)

# Who stands where in a photo: "Trump (left) and Xi (right)", "Kim E-bae,
# left, and fellow executives", "Martinez, fourth from left,". Reporting never
# places people so; a caption does. ("(R)" is left out: "Sen. Smith (R)".)
_POSITION = re.compile(
    r"\((?:left|right|cent(?:re|er)|top|bottom|L|(?:second|third|fourth|fifth)\s+(?:from\s+)?(?:left|right))\)"
    r"|,\s+(?:left|right|cent(?:re|er)|(?:second|third|fourth|fifth)\s+(?:from\s+)?(?:left|right)),"
    # "Giorgia Meloni, pictured on Monday.": a photo's subject and when it was taken
    r"|,\s+pictured\s+(?:on|in|at|with|during|after|before|here)\b",
    re.IGNORECASE,
)

# A caption's date: AP captions end a sentence with ", Monday, Oct. 9." (where
# reporting writes "on Monday"); galleries open one with "Sun., Oct. 8:".
_CAPTION_DATE = re.compile(
    r",\s+" + _WEEKDAY + r",\s+" + _MONTH + r"\s+\d{1,2}(?:,\s+\d{4})?\.?\s*$"
    r"|^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.,\s+"
    + _MONTH
    + r"\s+\d{1,2}:\s",
    re.IGNORECASE,
)

_BYLINE = re.compile(
    r"[Bb][Yy]:?\s+(?:[A-Z]|the\s)"
    # "From staff and wire reports", "From wire reports"
    r"|From\s+(?:(?:staff|wire|news|agency)\s+(?:and\s+)?)+reports\s*$"
)
#: A video teaser: a title and its running time ("Death toll rises in Missouri
#: Amtrak derailment 00:19"); reporting gives a time of day with "a.m." or a
#: zone, or ends its sentence.
_RUNNING_TIME = re.compile(r"([A-Za-z]+)\s+\d{1,2}:\d{2}(?::\d{2})?$")
#: Words before a time of day ("held at 14:30"): no running time follows them.
_BEFORE_A_TIME = frozenset(
    {"at", "by", "to", "from", "until", "till", "before", "after", "around", "about"}
)
_STAMP = re.compile(
    # the stamp, after the author's name ("Umer Jamshaid Published September 27")
    r"(?:[—–-]\s*)?(?:[A-Z][\w.'’-]+\s+){0,3}"
    r"(?:updated|published|posted|last\s+updated)\s*:?\s*(?:on\s+|at\s+)?(?:\d|"
    + _MONTH
    + "|"
    + _WEEKDAY
    + r"|\w+\s+ago)",
    re.IGNORECASE,
)
#: A time of day ("7:19") and an all-number date ("2025.10.30").
_CLOCK = r"\d{1,2}[:.]\d{2}\b"
_NUMERIC_DATE = r"\d{4}([./-])\d{1,2}\1\d{1,2}\b"
_DATELINE = re.compile(
    r"(?:(?:updated|published|posted|last\s+updated|on|at)\b\s*:?\s*|[,|·•–—-]\s*|"
    + _WEEKDAY
    + r",?\s*|"
    + _MONTH
    # Longest first, so a search takes "7:19" whole, not "7".
    + r",?\s*|"
    + _NUMERIC_DATE
    + r"\s*|"
    + _CLOCK
    + r"\s*|\d{1,4}(?:st|nd|rd|th)?\b,?\s*|[ap]\.?m\b\.?\s*"
    r"|(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|et|pt|msk|eet|eest)\b\s*|[+-]\d{2}:?\d{2}\b\s*)+",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+(?:is|was)\s+(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){0,5}?"
    r"(?:contributor|correspondent|reporter|journalist|editor|writer|columnist|producer|"
    r"photographer|analyst|author|presenter|news\s+desk)s?\b(?:\s+(?:to|for|at|with|of|in|based|covering|who|and)\b|\s*[.,]?$)"
)
_CONTRIBUTOR = re.compile(
    r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+is\s+an?\s+(?:[\w'’-]+\s+){0,3}?contributor\s+to\b"
)
_NAME = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|den|da|du|le|la|bin|al|el|di|dos))+"
)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MARKUP_PREFIX = re.compile(r"(?:#{1,6}\s+|>\s*|[-*+•]\s+)+")
_GLUE = re.compile(r"[a-z][.!?][A-Z]")
_DIGIT = re.compile(r"\d")
_TRUNCATED = re.compile(r"\w(?:…|\.\.\.)$")
_END_PUNCT = frozenset(".!?:;\"”’')…")
#: What an update stamp says was added ("with latest information.").
_UPDATE_NOTE = re.compile(
    r"\bwith\s+(?:the\s+)?(?:latest|new|more|additional|further|updated)\s+"
    r"(?:information|details|reporting|developments)\.?\s*$",
    re.IGNORECASE,
)
#: A note in brackets, a whole line, about the story itself ("(Apart from the
#: headline, NDTV staff have not edited this story; it comes from a syndicated
#: feed.)"): the page speaks of its report, it reports nothing.
_EDITORIAL_NOTE = re.compile(
    r"\([^()]*\b(?:this|the)\s+(?:story|article|report|piece|headline)\b[^()]*\)\.?",
    re.IGNORECASE,
)
_SKIP_TO_CONTENT = re.compile(r"skip\s+to\s+(?:main\s+)?content\W*", re.IGNORECASE)


def looks_like_furniture(line: str) -> bool:
    """Whether one line (or sentence) is page furniture rather than reporting.

    The test is context-free: newsletter and subscription prompts, navigation
    labels ("READ MORE", "Editors' Picks"), share and follow prompts, audio and
    cookie notices, advertisements, photo captions (any line holding a credit
    such as "Photograph:" or "/AFP via Getty Images"), bylines, date-only lines
    and author bios ("X is a contributor to ..."). :func:`remove_furniture` adds
    rules that need the surrounding lines (repeats, sign-offs, teasers).

    Args:
        line: One line of scraped text.

    Returns:
        ``True`` if the line should not be read as part of the report.

    >>> looks_like_furniture("* indicates required")
    True
    >>> looks_like_furniture("Putin shakes hands with Pezeshkian. Photograph: Jane Roe/AFP via Getty Images")
    True
    >>> looks_like_furniture("Russia and Iran signed a strategic partnership agreement on Friday.")
    False
    """
    return _furniture_kind(line.strip()) is not None


def _furniture_kind(line: str) -> str | None:
    if not line:
        return None
    if _has_credit(line) or _POSITION.search(line) or _CAPTION_DATE.search(line):
        return "caption"
    words = line.count(" ") + 1
    if words <= 25:
        if (
            _FULL_PROMPT.fullmatch(line)
            or _LEAD_PROMPT.match(line)
            or _any_prompt(line)
        ):
            return "prompt"
        if (_BYLINE.match(line) or _STAMP.match(line)) and line[-1] not in _END_PUNCT:
            return "byline"
        if _STAMP.match(line) and _UPDATE_NOTE.search(line):
            return "byline"  # "— Updated at 6:15 p.m. CDT with latest information."
        running = _RUNNING_TIME.search(line)
        if running and running.group(1).lower() not in _BEFORE_A_TIME:
            return "teaser"
        if _EDITORIAL_NOTE.fullmatch(line):
            return "prompt"  # "(NDTV staff have not edited this story; ...)"
        if _DIGIT.search(line) and (
            _DATELINE.fullmatch(line) or _stamp_with_names(line)
        ):
            return "byline"
    if words <= 40 and (_CONTRIBUTOR.match(line) or _BIO.match(line)):
        return "bio"
    if _IMAGE.fullmatch(line):
        return "image"
    return None


#: A time of day or an all-number date in a stamp ("7:19 p.m.", "2025.10.30").
_STAMP_FIGURE = re.compile(_NUMERIC_DATE + "|" + _CLOCK)
#: Words that join the names beside a stamp ("Europe 1 with AFP").
_STAMP_JOINERS = frozenset({"with", "and", "by", "from"})
#: Most words of names beside a stamp.
_STAMP_NAME_WORDS = 5


def _stamp_with_names(line: str) -> bool:
    """Whether *line* is a time stamp beside the names of its outlet or author
    and nothing else: "Europe 1 with AFP 7:19 p.m., January 19, 2023, updated at
    7:22 p.m., January 19, 2023"; "2025.10.30 15:19 (Updated 2025.10.30) |
    Jiang Fufei". The stamp holds a time of day or an all-number date; the rest
    is at most :data:`_STAMP_NAME_WORDS` capitalised words (and "with", "and",
    "by", "from")."""
    stamps = [m.group() for m in _DATELINE.finditer(line) if m.group().strip()]
    if not any(_STAMP_FIGURE.search(stamp) for stamp in stamps):
        return False
    rest = _DATELINE.sub(" ", line).translate(_STAMP_BRACKETS).split()
    return 0 < len(rest) <= _STAMP_NAME_WORDS and all(
        word[0].isupper() or word.lower() in _STAMP_JOINERS for word in rest
    )


_STAMP_BRACKETS = str.maketrans("()[]|·•", "       ")


def _has_credit(line: str) -> bool:
    """Whether a line holds a photo credit (cheap substring tests first)."""
    return (
        (":" in line and _CREDIT_LABEL.search(line) is not None)
        or (
            ("/" in line or "Getty" in line or "AP Photo" in line)
            and _CREDIT_AGENCY.search(line) is not None
        )
        or (line.endswith((")", ").")) and _CREDIT_PARENS.search(line) is not None)
    )


def _is_name(line: str) -> bool:
    """A short line of two to four capitalised words: an author sign-off, maybe."""
    return 1 <= line.count(" ") <= 3 and _NAME.fullmatch(line) is not None


def _is_heading(line: str) -> bool:
    return line[-1] not in _END_PUNCT


class _Line:
    """One non-blank line (or a piece of a glued line) of the body."""

    __slots__ = ("block", "drop", "end", "kind", "start", "text")

    def __init__(self, text: str, start: int, block: int) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.block = block
        self.kind = _furniture_kind(text)
        self.drop = self.kind is not None


def remove_furniture(body: str) -> tuple[str, tuple[Run, ...]]:
    """Remove page furniture from a scraped body, keeping a map back to it.

    The body is read line by line. A line is dropped when
    :func:`looks_like_furniture` says so, and also when it is: the copy of the
    line just before it (a caption printed twice); a short name on its own that
    repeats or closes the article (an author sign-off), or a bio line closing it;
    a short label between two prompts (a newsletter's name); part of a teaser of
    another story (a heading over a paragraph cut off with "…"); or banner text
    above a "Skip to content" line. Furniture glued to the next sentence
    ("...confirmation email.Russia and Iran ...") is cut off at the glue. Markdown
    headings, quote marks, bullets, images and link targets are removed.

    Kept lines are stripped of surrounding whitespace; lines of one paragraph are
    joined by ``"\\n"`` and paragraphs by ``"\\n\\n"``.

    Args:
        body: The body text, with ``"\\n"`` newlines.

    Returns:
        The cleaned text and its kept runs ``(clean_start, raw_start, length)``:
        ``text[c:c + n] == body[r:r + n]`` for each run. Characters of the
        cleaned text outside every run are inserted newlines.

    >>> text, kept = remove_furniture("Skip to content\\nA treaty was signed.\\nREAD MORE\\n")
    >>> text, kept
    ('A treaty was signed.', ((0, 16, 20),))
    """
    lines = _split_lines(body)
    _mark_context(lines)
    return _assemble(body, lines)


def _split_lines(body: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    start = 0
    length = len(body)
    while start <= length:
        end = body.find("\n", start)
        if end < 0:
            end = length
        raw = body[start:end]
        text = raw.strip()
        if not text:
            if lines and lines[-1].block == block:
                block += 1
        else:
            offset = start + len(raw) - len(raw.lstrip())
            lines.extend(_unglue(text, offset, block))
        start = end + 1
    return lines


def _unglue(text: str, offset: int, block: int) -> list[_Line]:
    """Cut furniture off a line where a sentence runs into the next without a space."""
    cuts = [match.start() + 2 for match in _GLUE.finditer(text)]
    whole = _Line(text, offset, block)
    if not cuts:
        return [whole]
    bounds = [0, *cuts, len(text)]
    pieces = [
        _Line(text[a:b], offset + a, block) for a, b in itertools.pairwise(bounds)
    ]
    if all(piece.drop == pieces[0].drop for piece in pieces):
        return [whole]
    merged: list[_Line] = []
    for piece in pieces:
        if merged and not piece.drop and not merged[-1].drop:
            merged[-1] = _Line(merged[-1].text + piece.text, merged[-1].start, block)
        else:
            merged.append(piece)
    return merged


def _mark_context(lines: list[_Line]) -> None:
    """Apply the rules that need a line's neighbours, in order."""
    _drop_banner(lines)
    _drop_repeats(lines)
    _drop_teasers(lines)
    _drop_prompt_labels(lines)
    _drop_sign_offs(lines)


def _drop_banner(lines: list[_Line]) -> None:
    """Banner text above a "Skip to content" line near the top of the page."""
    for i, line in enumerate(lines[:10]):
        if _SKIP_TO_CONTENT.fullmatch(line.text):
            for earlier in lines[:i]:
                earlier.drop = True
            return


#: A caption printed twice around its credit: at most this many lines between
#: the copies, each shorter than this many words.
_CREDIT_LINES = 4
_CREDIT_WORDS = 5


def _drop_repeats(lines: list[_Line]) -> None:
    """The second copy of a line printed twice, and names that stand alone twice.

    A line printed again after a few short lines is a caption around its
    credit ("A water tower stands ...", "Gene J. Puskar", "/", "AP", "A water
    tower stands ..."): both copies and the credit between them go.
    """
    for before, line in itertools.pairwise(lines):
        if line.text == before.text:
            line.drop = True
    for i, line in enumerate(lines):
        for j in range(i + 2, min(i + 2 + _CREDIT_LINES, len(lines))):
            if lines[j].text == line.text:
                if all(
                    lines[k].text.count(" ") < _CREDIT_WORDS for k in range(i + 1, j)
                ):
                    for k in range(i, j + 1):
                        lines[k].drop = True
                break
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    for line in lines:
        if counts[line.text] > 1 and _is_name(line.text):
            line.drop = True


def _drop_teasers(lines: list[_Line]) -> None:
    """A teaser of another story: a paragraph cut off with an ellipsis."""
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if line.drop or (following is not None and following.block == line.block):
            continue
        if not _TRUNCATED.search(line.text):
            continue
        heading = lines[i - 1] if i and lines[i - 1].block == line.block else None
        if heading is not None and _is_heading(heading.text):
            line.drop = heading.drop = True
        elif following is None or following.kind is not None:
            line.drop = True


def _drop_prompt_labels(lines: list[_Line]) -> None:
    """A short label between two prompts of one block (a newsletter's name)."""
    for before, line, after in zip(lines, lines[1:], lines[2:], strict=False):
        if (
            before.kind == after.kind == "prompt"
            and before.block == line.block == after.block
            and line.text.count(" ") < 8
            and _is_heading(line.text)
        ):
            line.drop = True


def _drop_sign_offs(lines: list[_Line]) -> None:
    """Author names and bios after the last line of reporting."""
    for line in reversed(lines):
        if not (line.drop or _is_name(line.text) or _BIO.match(line.text)):
            return
        line.drop = True


def _segments(line: _Line) -> list[tuple[int, int]]:
    """The raw ranges of a kept line, without Markdown markup."""
    text, start = line.text, line.start
    prefix = _MARKUP_PREFIX.match(text) if text[0] in "#>-*+•" else None
    skip = prefix.end() if prefix else 0
    if "](" not in text:
        return [(start + skip, line.end)] if skip < len(text) else []
    segments: list[tuple[int, int]] = []
    for match in _LINK.finditer(text, skip):
        segments.append((start + skip, start + match.start()))
        if not match.group(0).startswith("!"):
            segments.append((start + match.start(1), start + match.end(1)))
        skip = match.end()
    segments.append((start + skip, line.end))
    return _trim(line.text, start, segments)


def _trim(
    text: str, start: int, segments: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Drop empty segments and whitespace at the ends of the line they make up."""
    kept = [(a, b) for a, b in segments if b > a]
    while kept and text[kept[0][0] - start : kept[0][1] - start].isspace():
        kept.pop(0)
    while kept and text[kept[-1][0] - start : kept[-1][1] - start].isspace():
        kept.pop()
    if kept:
        first = text[kept[0][0] - start : kept[0][1] - start]
        kept[0] = (kept[0][1] - len(first.lstrip()), kept[0][1])
        last = text[kept[-1][0] - start : kept[-1][1] - start]
        kept[-1] = (kept[-1][0], kept[-1][0] + len(last.rstrip()))
    return kept


def _assemble(body: str, lines: list[_Line]) -> tuple[str, tuple[Run, ...]]:
    parts: list[str] = []
    runs: list[list[int]] = []
    size = 0
    block = -1
    for line in lines:
        if line.drop:
            continue
        segments = _segments(line)
        if not segments:
            continue
        separator = "" if block < 0 else "\n" if line.block == block else "\n\n"
        block = line.block
        for start, end in segments:
            piece = body[start:end]
            if runs:
                last = runs[-1]
                gap_start = last[1] + last[2]
                if body[gap_start:start] == separator:
                    last[2] += len(separator) + len(piece)
                    parts.append(separator)
                    parts.append(piece)
                    size += len(separator) + len(piece)
                    separator = ""
                    continue
            parts.append(separator)
            size += len(separator)
            runs.append([size, start, len(piece)])
            parts.append(piece)
            size += len(piece)
            separator = ""
    return "".join(parts), tuple((c, r, n) for c, r, n in runs)
