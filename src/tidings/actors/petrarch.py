"""Import the PETRARCH2 actor and agent dictionaries (MIT) into tidings' actor data.

PETRARCH2's actor files (format: ``dictionaries.rst`` beside them) hold groups of phrases that
share CAMEO codes, each code with an optional date restriction::

    CONDOLEEZZA_RICE_  # CountryInfo.txt
    +SECRETARY_OF_STATE_CONDOLEEZZA_RICE
        [USAELI 720101-010120]
        [USAGOV 050126-090120]

Dates are ``yymmdd`` (years up to 30 are 20yy, as PETRARCH reads them) or ``yyyymmdd``; ``>d``
is from d, ``<d`` until d, a code without a date is the default once the dated ones are over.
Each group becomes people and organisations: a phrase with an organisation word
(``cameo.yaml``) or of one word is an organisation, others are people; person phrases sharing
a surname are one person, the others in the group are people with the same codes. Codes are
mapped to ISO 3166 alpha-3 and tidings sectors with ``data/actors/cameo.yaml``. Groups that only
name a country (``AFGHANISTAN_ [AFG]`` and its cities) are left out: countries are tidings'
own data. The agents file (role nouns) becomes ``agents.csv``.

The output (``people.csv`` in the columns of the hand-kept people file, ``organisations.csv``,
``agents.csv`` and the MIT notice) is written to ``data/actors/petrarch/``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pycountry
import yaml

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENTS_FILE = "Phoenix.agents.txt"
CODE_RE = re.compile(r"\[([^\]]*)\]")
DATE_RE = re.compile(r"\d{6,8}")
PEOPLE_COLUMNS = ["name", "aliases", "gender", "country", "sector", "role", "title", "start", "end"]
ORGANISATION_COLUMNS = ["name", "aliases", "country", "sector", "kind", "start", "end", "source"]
AGENT_COLUMNS = ["word", "plural", "sector"]


@dataclass(frozen=True)
class DatedCode:
    """A CAMEO code valid from ``start`` to ``end`` (None: open); ``default`` if undated."""

    code: str
    start: date | None = None
    end: date | None = None
    default: bool = False


@dataclass
class Group:
    """Phrases sharing codes, as written in a dictionary file."""

    phrases: list[str]
    codes: list[DatedCode]
    comment: str
    where: str


@dataclass
class Converted:
    """A person or organisation ready to be written."""

    kind: str  # person | organisation
    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str | None, str | None, date | None, date | None]] = field(
        default_factory=list
    )
    where: str = ""


# -- reading ---------------------------------------------------------------------------------


def petrarch_date(text: str) -> date:
    """``yymmdd`` (years up to 30 are 20yy) or ``yyyymmdd``."""
    if len(text) >= 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    year = int(text[:2])
    return date(year + (2000 if year <= 30 else 1900), int(text[2:4]), int(text[4:6]))


def parse_code(inside: str) -> DatedCode | None:
    """The text between brackets ("USAGOV 050126-090120") as a dated code; None if unreadable."""
    parts = inside.split(None, 1)
    if not parts:
        return None
    code, rest = parts[0], (parts[1] if len(parts) > 1 else "").strip()
    dates = DATE_RE.findall(rest)
    try:
        if not rest:
            return DatedCode(code, default=True)
        if rest.startswith(">") and dates:
            return DatedCode(code, start=petrarch_date(dates[0]))
        if rest.startswith("<") and dates:
            return DatedCode(code, end=petrarch_date(dates[0]))
        if "-" in rest and len(dates) == 2:
            start, end = petrarch_date(dates[0]), petrarch_date(dates[1])
            return DatedCode(code, start, end) if start <= end else None  # as PETRARCH: skipped
    except ValueError:
        return None
    return None


def read_groups(path: Path) -> Iterator[Group]:
    """The groups of an actor file. Phrases without codes join the codes that follow them
    (PETRARCH's own reading); a phrase after a group with codes starts a new group."""
    phrases: list[str] = []
    codes: list[DatedCode] = []
    comment, where = "", ""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            body, _, note = raw.rstrip("\n").partition("#")
            if not body.strip():
                comment = comment or note
                continue
            found = [c for c in (parse_code(m) for m in CODE_RE.findall(body)) if c]
            phrase = CODE_RE.sub("", body).strip()
            if body[:1] in "\t " and not phrase:  # a date-restriction line
                codes.extend(found)
                continue
            if not body.startswith("+") and codes:  # a new primary phrase
                yield Group(phrases, codes, comment, where)
                phrases, codes, comment = [], [], ""
            if not phrases:
                where = f"{path.name}:{number}"
            phrases.append(phrase.lstrip("+").strip())
            codes.extend(found)
            comment = comment or note
    if phrases and codes:
        yield Group(phrases, codes, comment, where)


# -- codes ------------------------------------------------------------------------------------


class CameoCodes:
    """CAMEO actor codes to (country, sector), from ``cameo.yaml``."""

    def __init__(self, table: dict[str, Any]):
        self.countries: dict[str, str] = table["countries"]
        self.unions = set(table["unions"])
        self.no_country = set(table["no_country"])
        self.sectors: dict[str, str] = table["sectors"]
        self.type_sectors: dict[str, str] = table["type_sectors"]
        self.igos: dict[str, str] = table["igos"]
        self.branches = set(table["government_branches"])
        self.iso = {c.alpha_3 for c in pycountry.countries}

    def split(self, code: str) -> tuple[str | None, str | None]:
        """(ISO 3166 alpha-3 or IGO or None, sector or None) of a CAMEO code."""
        head, elements = code[:3], [code[i : i + 3] for i in range(3, len(code), 3)]
        if head == "IGO":
            joined = "".join(elements)
            family = next((v for k, v in self.igos.items() if joined.startswith(k)), None)
            if family is None and "UNO" in elements:
                family = "UNO"
            return "IGO", family or self._sector(elements)
        if head in self.unions and elements and elements[0] in self.iso:
            return elements[0], self._sector(elements[1:])
        if head in self.iso:
            return head, self._sector(elements)
        if head in self.countries:
            return self.countries[head], self._sector(elements)
        if head in self.type_sectors:  # NGOHLH is an NGO working on health: NGO
            return None, self.type_sectors[head]
        if head in self.no_country or head not in self.sectors:
            return None, self._sector(elements)
        return None, self.sectors[head]

    def _sector(self, elements: list[str]) -> str | None:
        """The first sector element; a branch of government after GOV is more precise
        (USAGOVLEG, a congressional committee, is LEG)."""
        found = [self.sectors[e] for e in elements if e in self.sectors]
        if found[:1] == ["GOV"] and len(found) > 1 and found[1] in self.branches:
            return found[1]
        return found[0] if found else None


# -- phrases and names ------------------------------------------------------------------------


def phrase_words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", phrase.strip()) if w]


def display_name(words: list[str], particles: set[str]) -> str:
    """ "OSAMA BIN LADEN" -> "Osama bin Laden"; initials and Mc/Mac kept readable."""
    out = []
    for position, word in enumerate(words):
        lower = word.lower()
        if position and lower in particles:
            out.append(lower)
            continue
        out.append("-".join(_capitalised(part, particles) for part in word.split("-")))
    return " ".join(out)


def _capitalised(part: str, particles: set[str]) -> str:
    if not part:
        return part
    if "." in part:  # initials: "H.D."
        return part.upper()
    lower = part.lower()
    if lower in particles and lower in {"al", "el"}:
        return lower
    if "'" in part:
        return "'".join(p[:1].upper() + p[1:].lower() for p in part.split("'"))
    if lower.startswith("mc") and len(lower) > 2:
        return "Mc" + lower[2].upper() + lower[3:]
    return lower[:1].upper() + lower[1:]


class Converter:
    """Groups to people and organisations (see the module docstring)."""

    def __init__(self, table: dict[str, Any]):
        self.codes = CameoCodes(table)
        self.organisation_words = set(table["organisation_words"])
        self.title_words = set(table["title_words"])
        self.particles = set(table["particles"])

    def convert(self, group: Group) -> list[Converted]:
        codes = self._codes(group.codes)
        if not codes or all(country and not sector for country, sector, *_ in codes):
            return []  # a country's own names and places, or no usable code
        people: list[Converted] = []
        organisation: Converted | None = None
        by_surname: dict[str, Converted] = {}
        for phrase in group.phrases:
            words = phrase_words(phrase)
            if not words or not any(w[:1].isalpha() for w in words):
                continue
            if self._is_organisation(words, group):
                name = display_name(words, self.particles)
                if organisation is None:
                    organisation = Converted("organisation", name, codes=codes, where=group.where)
                elif name not in organisation.aliases and name != organisation.name:
                    organisation.aliases.append(name)
                continue
            self._add_person(words, codes, group, people, by_surname)
        return [*([organisation] if organisation else []), *people]

    def _add_person(
        self,
        words: list[str],
        codes: list[tuple[str | None, str | None, date | None, date | None]],
        group: Group,
        people: list[Converted],
        by_surname: dict[str, Converted],
    ) -> None:
        name_words = self._untitled(words)
        if not name_words:
            return
        name = display_name(name_words, self.particles)
        surname = name_words[-1].upper()
        known = by_surname.get(surname)
        if known is None and len(name_words) == 1 and people:
            known = people[0]  # "SECRETARY_RICE" in Condoleezza Rice's group
        if known is None:
            person = Converted("person", name, codes=codes, where=group.where)
            people.append(person)
            by_surname[surname] = person
        elif name != known.name and name not in known.aliases:
            known.aliases.append(name)

    def _untitled(self, words: list[str]) -> list[str]:
        """The words after leading titles ("SECRETARY OF STATE RICE" -> "RICE")."""
        at = 0
        while at < len(words) and words[at].upper() in self.title_words:
            at += 1
        return words[at:]

    def _is_organisation(self, words: list[str], group: Group) -> bool:
        """An organisation word makes an organisation; one word alone is an organisation's
        acronym unless the group is about people (leaders' entries, former officials)."""
        named = self._untitled(words) or words
        if any(w.upper().strip(",.") in self.organisation_words for w in named):
            return True
        people = "CountryInfo" in group.comment or any("ELI" in c.code for c in group.codes)
        if len(words) == 1:
            return not people
        return bool({c.code[:3] for c in group.codes} & {"NGO", "NGM", "MNC"})

    def _codes(
        self, dated: list[DatedCode]
    ) -> list[tuple[str | None, str | None, date | None, date | None]]:
        """(country, sector, start, end) per code; a default starts when the dated ones end."""
        ends = [c.end for c in dated if c.end is not None and not c.default]
        last_end = max(ends) if ends and all(c.end for c in dated if not c.default) else None
        out = []
        for code in dated:
            if code.code in {"---", ""}:
                continue
            country, sector = self.codes.split(code.code)
            if country is None and sector is None:
                continue
            start = code.start
            if code.default:  # from the day after the last dated code
                start = last_end + timedelta(days=1) if last_end else None
            end = None if code.default else code.end
            if end is not None:
                end += timedelta(days=1)  # PETRARCH's ranges include their last day
            out.append((country, sector, start, end))
        return out


# -- writing ----------------------------------------------------------------------------------


def convert_folder(source: Path, out: Path, table_path: Path) -> dict[str, int]:
    """Convert the dictionaries in ``source`` into ``out``; counts of what was written."""
    table = yaml.safe_load(table_path.read_text(encoding="utf-8"))
    converter = Converter(table)
    people: list[Converted] = []
    organisations: list[Converted] = []
    for name in ACTOR_FILES:
        for group in read_groups(source / name):
            for item in converter.convert(group):
                (people if item.kind == "person" else organisations).append(item)
    out.mkdir(parents=True, exist_ok=True)
    _write_people(out / "people.csv", people)
    _write_organisations(out / "organisations.csv", organisations)
    agents = read_agents(source / AGENTS_FILE, converter.codes)
    _write_rows(out / "agents.csv", AGENT_COLUMNS, agents)
    notice = (source / "LICENSE").read_text(encoding="utf-8")
    (out / "LICENSE").write_text(
        "The files in this folder are converted by tidings (scripts/import_petrarch_actors.py)\n"
        "from the PETRARCH2 actor and agent dictionaries (openeventdata/petrarch2,\n"
        "petrarch2/data/dictionaries/), which carry this licence:\n\n" + notice,
        encoding="utf-8",
    )
    return {"people": len(people), "organisations": len(organisations), "agents": len(agents)}


def _write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _write_people(path: Path, people: list[Converted]) -> None:
    rows = []
    for person in people:
        codes_text = [f"{c or ''}{s or ''}" for c, s, *_ in person.codes]
        for number, (country, sector, start, end) in enumerate(person.codes):
            rows.append(
                {
                    "name": person.name,
                    "aliases": ";".join(person.aliases) if number == 0 else "",
                    "gender": "",
                    "country": country or "",
                    "sector": sector or "",
                    "role": "",
                    "title": codes_text[number],
                    "start": start.isoformat() if start else "",
                    "end": end.isoformat() if end else "",
                }
            )
    _write_rows(path, PEOPLE_COLUMNS, rows)


def _write_organisations(path: Path, organisations: list[Converted]) -> None:
    rows = []
    for org in organisations:
        for number, (country, sector, start, end) in enumerate(org.codes):
            rows.append(
                {
                    "name": org.name,
                    "aliases": ";".join(org.aliases) if number == 0 else "",
                    "country": country or "",
                    "sector": sector or "",
                    "kind": "organisation",
                    "start": start.isoformat() if start else "",
                    "end": end.isoformat() if end else "",
                    "source": org.where if number == 0 else "",
                }
            )
    _write_rows(path, ORGANISATION_COLUMNS, rows)


def read_agents(path: Path, codes: CameoCodes) -> list[dict[str, str]]:
    """Role nouns with their plural and sector: ``FOREIGN_MINISTER [~GOV]``; ``{...}`` gives
    the plural (``{}``: none); ``!PERSON!`` markers expand to their lists."""
    markers: dict[str, list[str]] = {}
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            body = raw.split("#", 1)[0].strip()
            if not body or body.startswith("<"):
                continue
            if body.startswith("!") and "=" in body:
                marker, _, values = body.partition("=")
                markers[marker.strip()] = [v.strip() for v in values.split(",") if v.strip()]
                continue
            rows.extend(_agent_rows(body, markers, codes))
    return rows


def _agent_rows(
    body: str, markers: dict[str, list[str]], codes: CameoCodes
) -> Iterator[dict[str, str]]:
    code = CODE_RE.search(body)
    if code is None or "~" not in code.group(1):
        return
    element = code.group(1).replace("~", "").strip()[:3]
    sector = codes.sectors.get(element) or codes.type_sectors.get(element)
    if sector is None:
        return
    head = body[: code.start()]
    plural_match = re.search(r"\{([^}]*)\}", head)
    phrase = re.sub(r"\{[^}]*\}", "", head).strip()
    marker = re.search(r"![A-Z]+!", phrase)
    forms = (
        [phrase.replace(marker.group(), v) for v in markers.get(marker.group(), [])]
        if marker
        else [phrase]
    )
    for form in forms:
        word = " ".join(phrase_words(form)).lower()
        if not word:
            continue
        plural = "" if marker else _agent_plural(word, plural_match)
        yield {"word": word, "plural": plural, "sector": sector}


def _agent_plural(word: str, given: re.Match[str] | None) -> str:
    if given is not None:
        return " ".join(phrase_words(given.group(1))).lower()
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("ss", "sh", "ch", "x")) else "s")
