"""Attribution: who a sentence says a fact comes from, and how firmly it is stated.

:func:`find_attribution` reads one sentence and returns an :class:`Attribution`:

* ``origin`` — the canonical source the sentence cites, normalised so that two
  outlets citing the same source get the same string:

  - a named person or body, canonicalised by the gazetteer when one is given
    ("Mr Pezeshkian said" -> "Masoud Pezeshkian", "the Kremlin said" ->
    "Kremlin", "Tehran said" -> "Iran": a capital speaks for its state);
  - when a body's spokesperson is named, the person wins ("Kremlin spokesman
    Dmitry Peskov said" -> "Dmitry Peskov");
  - state media as "<Demonym> state media" ("Russian state-controlled media
    reported" -> "Russian state media"; "state TV said" -> "state media");
  - generic sources lower-cased, with a leading state turned into its demonym
    ("the interior ministry" -> "interior ministry", "Russia's Defence Ministry"
    -> "Russian defence ministry", "US officials" -> "American officials",
    "officials" -> "officials");
  - ``None`` for a pronoun ("he said"): the caller resolves it to the previous
    speaker.

  Speech verbs (said, told, reported, claimed, according to, ...) always
  attribute; act verbs (announced, confirmed, declared, denied, ...) attribute
  only a reported clause ("denied that ...", "..., the ministry confirmed."), so
  "the government declared a state of emergency" stays the outlet's own report.

* ``hedged`` — reportedly, allegedly, claimed, is said to, may have, appears to, ...
* ``negated`` — the main statement is denied or negated ("was not signed", "did
  not", "never", "no longer", "denied", "no one was killed"), but not "not only",
  "not least", "no doubt", "whether or not", "pledged not to" or "cannot be
  ruled out" (a hedge).
* ``quote`` — the sentence holds a direct quotation of three or more words;
  ``speaker`` is then the origin of the attribution cue around it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from attrs import frozen

from reconcile.extract.actors import PLACE_TYPES, Gazetteer
from reconcile.lexicon import trigger_lexicon

__all__ = ["Attribution", "find_attribution", "qualifies_source"]


@frozen
class Attribution:
    """Where a sentence's fact comes from, and how it is stated.

    Attributes:
        origin: the canonical origin ("Kremlin", "Russian state media",
            "Ukrainian officials"), or ``None`` when unattributed or a pronoun.
        cue: the attribution phrase as written ("according to the Kremlin").
        hedged: the fact is stated with reserve ("reportedly", "may have").
        negated: the fact is denied or negated.
        quote: the sentence holds a direct quotation of three or more words.
        speaker: the origin of the quotation, when the sentence names it.
    """

    origin: str | None = None
    cue: str | None = None
    hedged: bool = False
    negated: bool = False
    quote: bool = False
    speaker: str | None = None


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SPEECH_VERBS = _words(
    """say says said tell tells told report reports reported claim claims claimed stated add adds
    added noted notes wrote writes insist insists insisted alleged alleges stressed stresses
    explained warn warns warned"""
)
_ACT_VERBS = _words(
    """announce announces announced confirm confirms confirmed declared declares acknowledged
    acknowledges tweeted posted denied denies deny estimated"""
)
_VERBS = "|".join(sorted([*_SPEECH_VERBS, *_ACT_VERBS], key=len, reverse=True))
_CUE = re.compile(
    rf"(?<!\w)(?:(?P<according>according\s+to)\b|(?P<statement>in\s+a\s+statement\s*,)|(?P<verb>{_VERBS})\b)"
)
# An act verb ("announced", "denied") attributes only a clause: "denied that ...", "..., it denied."
_REPORTING_FOLLOWS = re.compile(
    r"(?:[ \t]+[^\s.,;:!?]+){0,3}?[ \t]+that\b|\s*(?:[.,;:!?”\"]|$)"
)
_NOT_REPORTING = re.compile(r"\s+(?:responsibility|the\s+lives|lives)\b")
_CUE_WORDS = frozenset({"according", "statement", *_SPEECH_VERBS, *_ACT_VERBS})
_TOKEN = re.compile(r"\S+")
_ABBREVIATION = re.compile(
    r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Jr|Prof)\."
)
_QUOTE = re.compile(r"“([^”]*)(?:”|$)|\"([^\"]*)\"|‘(.+?)’(?!\w)")
_STATE_MEDIA = re.compile(
    r"(?:(?P<prefix>.+?) )?state(?:-controlled|-run|-owned|-affiliated)?"
    r" (?:media|television|tv|news agency|news agencies|broadcaster|outlets?|news|press)",
    re.IGNORECASE,
)
_MINISTRY_OF = re.compile(
    r"(?P<before>.*?)ministry of (?:the )?(?P<what>[\w-]+(?: affairs)?)$"
)
_HEDGE = re.compile(
    r"(?<!\w)(?:reportedly|allegedly|purportedly|apparently|unconfirmed|unverified|alleged|purported"
    r"|suspected|claimed(?! responsibility| the lives| lives)|claims? that"
    r"|(?:is|are|was|were|been)\s+(?:said|believed|thought|understood|reported)\s+to"
    r"|(?:may|might|could)\s+have|appear(?:s|ed)?\s+to|seem(?:s|ed)?\s+to"
    r"|can(?:not|['’]t|\s+not)\s+be\s+(?:ruled\s+out|excluded))\b"
)
_HEDGE_WORDS = _words(
    """reportedly allegedly purportedly apparently unconfirmed unverified alleged purported suspected
    claimed claim claims said believed thought understood reported may might could appear appears
    appeared seem seems seemed cannot can"""
)
_NOT_GUARD = r"(?!\s+(?:only|just|merely|least|to\b|be\s+ruled\s+out|be\s+excluded))"
#: A relative clause set off by commas ("the victim, who has not been named,
#: died"): what it denies is not what the sentence says.
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|whom|whose|which)\b[^,;:.!?]*,")
_NEGATION = re.compile(
    r"(?<!\w)(?:"
    r"(?:do|does|did|is|was|are|were|has|have|had|will|would|can|could|should|shall|may|might|must|be|been)"
    rf"\s+not\b{_NOT_GUARD}"
    r"|(?:do|does|did|is|was|are|were|has|have|had|wo|would|ca|could|should|must|need|ai)n['’]t\b"
    rf"{_NOT_GUARD}"
    rf"|cannot\b{_NOT_GUARD}"
    r"|never\b(?![\s-]+before)"
    r"|no\s+longer\b"
    r"|no\s+one\b|nobody\b|none\s+of\b"
    r"|den(?:y|ies|ied|ying)\b"
    r"|(?:rejected|dismissed|refuted)\s+(?:the\s+)?(?:claims?|reports?|allegations?|accusations?|suggestions?)\b"
    r"|there\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+no\b(?!\s+doubt)"
    r"|no\s+(?!doubt\b|matter\b|sooner\b|longer\b)(?:[\w-]+\s+){1,3}(?:was|were|is|are|has|have|had)\b"
    r")"
)
_NEGATION_WORDS = _words(
    "not cannot never no nobody none deny denies denied denying rejected dismissed refuted"
)
_PUNCTUATION_TO_SPACE = str.maketrans({c: " " for c in "\"“”‘’'.,;:!?()[]{}—–-/"})

_PRONOUNS = _words("he she they we i it you")
_DETERMINERS = _words("the a an its their his her our")
_LEADING_DROP = _words(
    "the a an its their his her our some several two three many multiple other unnamed anonymous "
    "unidentified senior top unverified unconfirmed"
)
_HONORIFICS = _words("mr mrs ms miss dr sir dame lord lady prof")
_AUX_SKIP = _words(
    "has have had also later earlier previously separately then would will reportedly "
    "subsequently initially first last"
)
_PLACE_PREPOSITIONS = frozenset({"in", "from", "at", "of"})
_ENCLOSING = frozenset({"to", "with", "near", "close"})
_MAX_OPEN_WORDS = 2
_PLAIN_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")
_HEAD_SUFFIXES = ("ists", "ians", "ers")
_NP_STOP = _words(
    """and or but nor so yet as while when whereas although though because if that which who whom
    whose where what how however meanwhile moreover earlier later also then today yesterday both all
    this these those there here not no january february march april may june july august september
    october november december monday tuesday wednesday thursday friday saturday sunday to for with
    by on in at from of into onto over under after before about against between during without
    within through than such just only even still now very is was are were be been being has have
    had do does did will would can could should may might must shall up down out off away back
    said says told reported it one each every any most more less"""
)
_HEADS = _words(
    """officials official sources source witnesses witness police authorities residents spokesman
    spokeswoman spokesperson spokespeople ministry ministries government military army navy media
    agency office analysts experts reports report diplomats diplomat observers rescuers medics doctors
    governor mayor minister ministers president leader leaders command forces service services staff
    council committee prosecutors prosecutor investigators statement officer officers commander
    commanders administration presidency department broadcaster television tv newspaper outlets outlet
    channel network monitors monitor group groups activists organisation organization force guard
    hospital embassy intelligence inspectors operator company parliament lawmakers legislators mps
    deputies court judge spokesmen sources aides aide adviser advisers advisor envoy ambassador
    mission agencies press newspapers bloggers correspondents journalists people presidents institute
    institution centre center secretariat survey authority bureau directorate commission unit team
    teams crews coastguard captain chief chiefs head director spokespeople sources"""
)
_MODIFIERS = _words(
    """state state-controlled state-run state-owned state-affiliated interior defence defense foreign
    health emergency emergencies security local regional senior military intelligence news press
    presidential unnamed anonymous unidentified western government top general air naval border
    federal national official independent unverified unconfirmed multiple several some two three many
    other civil rescue energy finance economy justice public prosecutor's prosecutor-general general's
    foreign-affairs affairs of the prime minister's president's kremlin-backed pro-kremlin russian-backed
    city district provincial municipal armed joint chief chiefs medical fire emergency-services
    human rights ukrainian-installed russian-installed moscow-installed occupation-installed"""
)
_NP_LEX = _HEADS | _MODIFIERS
_TITLE_HEADS = _words(
    """spokesman spokeswoman spokesperson president minister leader governor mayor commander chief
    ambassador envoy adviser advisor aide secretary chancellor premier head director official
    prosecutor general counterpart negotiator captain"""
)
_SPELLING = {
    "defense": "defence",
    "organization": "organisation",
    "tv": "TV",
    "foreign-affairs": "foreign",
}
_TRAILING = ',;:!?”"’)]'
_OPENING = "“‘\"'(["


def find_attribution(text: str, *, gazetteer: Gazetteer | None = None) -> Attribution:
    """The attribution, hedging, negation and quotation of one sentence.

    Args:
        text: one sentence (or clause).
        gazetteer: canonicalises named origins ("Mr Putin" -> "Vladimir Putin",
            "Tehran" -> "Iran", "US officials" -> "American officials"); without
            one, names are kept as written.

    Returns:
        The :class:`Attribution`; the first attribution cue in the sentence wins.

    >>> from reconcile.extract.actors import load_gazetteer
    >>> a = find_attribution("According to the Kremlin, the treaty was not signed.",
    ...                      gazetteer=load_gazetteer())
    >>> a.origin, a.cue, a.negated, a.hedged
    ('Kremlin', 'According to the Kremlin', True, False)
    >>> find_attribution("Russian state-controlled media reported the law.").origin
    'Russian state media'
    """
    subject, cue, hedged, negated, quote = _read_sentence(text)
    origin = _cached_origin(subject, gazetteer) if subject is not None else None
    return Attribution(
        origin=origin,
        cue=cue,
        hedged=hedged,
        negated=negated,
        quote=quote,
        speaker=origin if quote else None,
    )


@lru_cache(maxsize=1024)
def _read_sentence(
    text: str,
) -> tuple[tuple[str, ...] | None, str | None, bool, bool, bool]:
    """What :func:`find_attribution` reads in *text* whatever the gazetteer: the
    first cue's source phrase (its words, unnormalised) and the cue, whether it
    is hedged, negated and holds a quotation. Remembered, as a sentence is read
    again for each of its clauses and for binding each claim's values."""
    lower = _lower(text)
    words = set(lower.translate(_PUNCTUATION_TO_SPACE).split())
    subject, cue = (
        _find_subject(text, lower) if not words.isdisjoint(_CUE_WORDS) else (None, None)
    )
    hedged = not words.isdisjoint(_HEDGE_WORDS) and _HEDGE.search(lower) is not None
    negated = (
        not words.isdisjoint(_NEGATION_WORDS) or "n't" in lower or "n’t" in lower
    ) and _NEGATION.search(_RELATIVE_ASIDE.sub(",", lower)) is not None
    return subject, cue, hedged, negated, _has_quote(text)


def _lower(text: str) -> str:
    """*text* lower-cased character by character, so offsets stay valid."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _find_subject(text: str, lower: str) -> tuple[tuple[str, ...] | None, str | None]:
    """The words of the source phrase of the first attribution cue, and the cue."""
    for match in _CUE.finditer(lower):
        if match.lastgroup == "verb":
            if _NOT_REPORTING.match(lower, match.end()) or (
                match.group() in _ACT_VERBS
                and not _REPORTING_FOLLOWS.match(lower, match.end())
            ):
                continue
            found = _subject_before(text, match.start())
            if found is not None:
                start, words = found
                return tuple(words), text[start : match.end()]
            if text[: match.start()].rstrip().endswith(tuple(",”\"’'")):
                found = _subject_after(text, match.end())
                if found is not None:
                    end, words = found
                    return tuple(words), text[match.start() : end]
            continue
        found = _subject_after(text, match.end())
        if found is not None:
            end, words = found
            cue_start = match.start()
            return tuple(words), text[cue_start:end]
    return None, None


def _subject_before(text: str, end: int) -> tuple[int, list[str]] | None:
    """The noun phrase ending just before a cue verb ("Russia's defence ministry")."""
    window_start = max(0, end - 160)
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, window_start, end)]
    if window_start and tokens and not text[window_start - 1].isspace():
        tokens = tokens[1:]
    index = len(tokens) - 1
    while index >= 0 and tokens[index][1].lower() in _AUX_SKIP:
        index -= 1
    if index >= 0 and tokens[index][1].endswith(","):
        return _apposition_before(tokens, index)
    phrase: list[tuple[int, str]] = []
    open_words = 0
    while index >= 0 and len(phrase) < 8:
        position, raw = tokens[index]
        if raw[-1] in _TRAILING and not raw.endswith("’s"):
            break
        kind = _kind(raw)
        if (
            kind is None
            and raw in _PLACE_PREPOSITIONS
            and _is_place_tail(phrase, tokens, index)
        ):
            kind = "word"
        if kind is None:
            break
        if kind == "pronoun":
            return (position, [raw]) if not phrase else None
        if kind == "open":
            open_words += 1
            if open_words > _MAX_OPEN_WORDS:
                # No boundary in sight: keep the head and the words known to qualify it.
                while phrase and _kind(phrase[0][1]) == "open":
                    phrase.pop(0)
                break
        phrase.insert(0, (position, raw))
        if kind == "determiner":
            if index > 0 and tokens[index - 1][1].lower() in _ENCLOSING:
                return None  # "sources close to the Kremlin said": not the Kremlin
            break
        index -= 1
    words = [raw for _, raw in phrase]
    return (phrase[0][0], words) if _is_subject(words) else None


def _is_place_tail(
    phrase: list[tuple[int, str]], tokens: list[tuple[int, str]], index: int
) -> bool:
    """Whether "in Kyiv" in "officials in Kyiv said" qualifies a generic source."""
    return (
        bool(phrase)
        and all(raw[:1].isupper() for _, raw in phrase)
        and index > 0
        and is_source_head(tokens[index - 1][1])
    )


def _apposition_before(
    tokens: list[tuple[int, str]], index: int
) -> tuple[int, list[str]] | None:
    """The name in an apposition closed just before the verb ("the chief, Rafael Grossi, said")."""
    words = [tokens[index][1][:-1]]
    start = tokens[index][0]
    for position, raw in reversed(tokens[max(0, index - 5) : index]):
        if raw.endswith(","):
            return (start, words) if _is_name(words) else None
        words.insert(0, raw)
        start = position
    return None


def _is_name(words: list[str]) -> bool:
    return len(words) >= 2 and all(
        w[:1].isupper() and _kind(w) == "word" for w in words
    )


def _subject_after(text: str, start: int) -> tuple[int, list[str]] | None:
    """The noun phrase starting just after a cue ("according to the interior ministry")."""
    phrase: list[tuple[int, str]] = []
    open_words = 0
    stopped_at_comma = False
    tokens = list(_TOKEN.finditer(text, start, min(len(text), start + 160)))
    for match in tokens:
        raw = match.group()
        core = raw.rstrip(_TRAILING)
        if core.endswith(".") and _ABBREVIATION.fullmatch(core) is None:
            core = core[:-1]
        kind = _kind(core) if core else None
        if core == "of" and phrase and is_source_head(phrase[-1][1]):
            kind = "word"  # "the mayor of Puerto Salinar"
        if kind is None or (phrase and kind in ("determiner", "pronoun")):
            break
        if kind == "open" and any(is_source_head(w) for _, w in phrase):
            break  # qualifiers come before the head
        open_words += kind == "open"
        if open_words > _MAX_OPEN_WORDS:
            break
        phrase.append((match.start(), core))
        if kind == "pronoun" or core != raw or len(phrase) >= 8:
            stopped_at_comma = raw.endswith(",")
            break
    while phrase and not _is_subject([raw for _, raw in phrase]):
        phrase.pop()
    if not phrase:
        return None
    words = [raw for _, raw in phrase]
    if stopped_at_comma and any(w.lower() in _TITLE_HEADS for w in words):
        named = _apposition_after(tokens[len(phrase) :])
        if named is not None:
            return named
    return phrase[-1][0] + len(phrase[-1][1]), words


def _apposition_after(tokens: list[re.Match[str]]) -> tuple[int, list[str]] | None:
    """The name after a titled source: "according to the mayor, Rosa Cedeño." -> Rosa Cedeño."""
    words: list[str] = []
    for match in tokens[:4]:
        core = match.group().rstrip(_TRAILING + ".")
        words.append(core)
        if core != match.group():
            return (match.start() + len(core), words) if _is_name(words) else None
    return None


def _kind(raw: str) -> str | None:
    """How a word can take part in a source's noun phrase, or ``None`` if it cannot.

    ``"word"`` for names and known source words, ``"open"`` for other plain
    lower-case words (which may qualify a source: "disaster officials"),
    ``"determiner"`` and ``"pronoun"``.
    """
    if raw[0] in _OPENING:
        return None
    if raw.endswith(".") and _ABBREVIATION.fullmatch(raw) is None:
        return None
    core = raw[:-2] if raw.endswith(("'s", "’s")) else raw
    lower = core.lower()
    if lower in _PRONOUNS:
        return "pronoun"
    if lower in _DETERMINERS:
        return "determiner"
    if lower in _NP_STOP:
        return None
    if core[:1].isupper() or lower in _NP_LEX:
        return "word"
    if _PLAIN_WORD.fullmatch(core):
        return "open"
    return None


_BEFORE_PLACE = re.compile(r"([A-Za-z][\w'’-]*)\s+(?:in|from|of)(?:\s+the)?\s*\Z")


def qualifies_source(text: str) -> bool:
    """Whether a place that follows *text* says where a source is, not where
    something happened: "Officials in" (Poland), "residents of" (Derna).

    >>> qualifies_source("Officials in"), qualifies_source("A court in")
    (True, False)
    """
    match = _BEFORE_PLACE.search(text[-60:])
    if match is None:
        return False
    head = match.group(1).lower()
    # Plural sources only ("a court in Cairo" sentences there), and not the
    # groups that take part in events ("people in Gaza", "forces in Kursk").
    return (
        head.endswith("s")
        and is_source_head(head)
        and head not in trigger_lexicon().participant_groups
    )


def is_source_head(word: str) -> bool:
    """Whether *word* can head a source's noun phrase ("officials", "seismologists").

    >>> is_source_head("officials"), is_source_head("law")
    (True, False)
    """
    lower = word.lower()
    return lower in _HEADS or lower.endswith(_HEAD_SUFFIXES)


def _is_subject(words: list[str]) -> bool:
    if not words:
        return False
    head = words[-1]
    lower = head.lower()
    if lower in _PRONOUNS:
        return len(words) == 1
    if lower in _DETERMINERS or head.endswith(("'s", "’s")):
        return False
    return head[:1].isupper() or is_source_head(head)


@lru_cache(maxsize=4096)
def _cached_origin(words: tuple[str, ...], gazetteer: Gazetteer | None) -> str | None:
    """:func:`_origin`, remembered: news repeats its sources ("officials said")."""
    return _origin(list(words), gazetteer)


def _origin(words: list[str], gazetteer: Gazetteer | None) -> str | None:
    """The normalised origin named by a source's noun phrase."""
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return None
    while words and words[0].lower() in _LEADING_DROP:
        words = words[1:]
    while len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
        words = words[1:]
    if not words:
        return None
    for index, word in enumerate(words[1:-1], start=1):
        if word in _PLACE_PREPOSITIONS:
            located = _located_origin(
                words[:index], word, " ".join(words[index + 1 :]), gazetteer
            )
            if located is not None:
                return located
    if gazetteer is not None and any(w[:1].isupper() for w in words):
        named = _named_origin(words, gazetteer)
        if named is not None:
            return named
    person = _titled_name(words, gazetteer)
    if person is not None:
        return person
    return _generic_origin(words, gazetteer) or " ".join(words)


def _located_origin(
    head: list[str], preposition: str, place: str, gazetteer: Gazetteer | None
) -> str | None:
    """A source qualified by a place: "officials in Kyiv" -> "Ukrainian officials"."""
    if gazetteer is None:
        if preposition == "of":
            return None
        return " ".join((_origin(head, None) or "", preposition, place)).strip()
    canonical = gazetteer.canonical(place)
    if canonical is None or gazetteer.type_of(canonical) not in PLACE_TYPES:
        return None
    head = [w.lower() if w.lower() in _NP_LEX or is_source_head(w) else w for w in head]
    return _origin([_demonym(place, gazetteer) or canonical, *head], gazetteer)


def _named_origin(words: list[str], gazetteer: Gazetteer) -> str | None:
    """A gazetteer name for the phrase, the person named at its end, or the body at its start."""
    phrase = " ".join(words)
    found = gazetteer.canonical(phrase)
    if found is not None and not gazetteer.is_demonym(phrase):
        return _speaking_for(found, gazetteer)
    for index in range(1, len(words)):
        if words[index][:1].isupper():
            found = gazetteer.canonical(" ".join(words[index:]))
            if found is not None and gazetteer.type_of(found) == "person":
                return found
    for index in range(len(words) - 1, 0, -1):
        if all(w.lower() in _NP_LEX for w in words[index:]):
            found = gazetteer.canonical(" ".join(words[:index]))
            if found is not None and gazetteer.type_of(found) in (
                "organization",
                "body",
            ):
                return found  # "Kremlin spokesman", "Tass news agency"
    return None


def _speaking_for(canonical: str, gazetteer: Gazetteer) -> str:
    """A place speaks for the state it stands for; bodies and people speak for themselves."""
    if gazetteer.type_of(canonical) in ("city", "region"):
        return gazetteer.stands_for(canonical) or canonical
    return canonical


def _titled_name(words: list[str], gazetteer: Gazetteer | None) -> str | None:
    """The capitalised name after the last title word ("... spokesman Ivan Petrov")."""
    for index in range(len(words) - 2, -1, -1):
        if words[index].lower() in _TITLE_HEADS:
            tail = words[index + 1 :]
            if tail and all(
                w[:1].isupper() and not w.endswith(("'s", "’s")) for w in tail
            ):
                name = " ".join(tail)
                return (
                    gazetteer.canonical(name) if gazetteer is not None else None
                ) or name
            return None
    return None


def _generic_origin(words: list[str], gazetteer: Gazetteer | None) -> str | None:
    """A lower-cased generic source, its leading state as a demonym ("Russian defence ministry")."""
    first, rest = words[0], words[1:]
    lead = (
        _demonym(first, gazetteer)
        if first[:1].isupper() and not is_source_head(first)
        else None
    )
    if lead is None:
        lead, rest = "", words
    if not rest or any(w[:1].isupper() and w.lower() not in _NP_LEX for w in rest):
        return None  # a name inside: keep the phrase as written
    body = " ".join(_SPELLING.get(w.lower(), w.lower()) for w in rest)
    ministry = _MINISTRY_OF.fullmatch(body)
    if ministry is not None:
        what = ministry.group("what").replace(" affairs", "")
        body = f"{ministry.group('before')}{_SPELLING.get(what, what)} ministry"
    state_media = _STATE_MEDIA.fullmatch(body)
    if state_media is not None:
        prefix = state_media.group("prefix")
        body = "state media" if prefix is None else f"{prefix} state media"
    return f"{lead} {body}".strip()


def _demonym(word: str, gazetteer: Gazetteer | None) -> str | None:
    """A capitalised leading word as a demonym: "Russia's" -> "Russian", "US" -> "American"."""
    core = word[:-2] if word.endswith(("'s", "’s")) else word
    if gazetteer is None:
        return None if core.lower() in _NP_LEX else word
    canonical = gazetteer.canonical(core)
    if canonical is None:
        return None
    if gazetteer.type_of(canonical) in ("city", "region"):
        canonical = gazetteer.stands_for(canonical) or canonical
    if gazetteer.type_of(canonical) not in ("country", "region"):
        return None
    return gazetteer.demonym(canonical) or canonical


def _has_quote(text: str) -> bool:
    """Whether *text* holds a direct quotation of three or more words."""
    for match in _QUOTE.finditer(text):
        quoted = match.group(1) or match.group(2) or match.group(3) or ""
        if len(quoted.split()) >= 3:
            return True
    closing = text.find("”")
    return (
        closing > 0 and "“" not in text[:closing] and len(text[:closing].split()) >= 3
    )
