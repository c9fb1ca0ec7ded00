"""Load the imported actor base (``data/actors/petrarch/``, converted from PETRARCH2) into the
knowledge base, below the hand-kept files.

* People and organisations go to the case-insensitive name index (:meth:`KnowledgeBase.add_name`)
  unless a hand-kept entry already has their name or one of their aliases: hand-kept entries win.
* ``closures.csv`` (hand-kept) ends offices that the dictionaries leave open: they stop around
  2015, so "GOV from 2009" must be told when it ended.
* Role nouns (``agents.csv``) are added only where they bring a word tidings does not know
  ("smuggler", "farm worker"), and only with a country named beside them ("Turkish farm
  workers"): alone they are too vague to be actors.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from tidings.actors.knowledge import (
    Entry,
    KnowledgeBase,
    KnowledgeError,
    Organisation,
    Person,
    Role,
    fold,
    parse_date,
    read_people_csv,
    tokens,
)

PERSON_PRIORITY = 18
SURNAME_PRIORITY = 14
ORGANISATION_PRIORITY = 22
AGENT_PRIORITY = 1
PLURAL_ENDINGS = ("men", "people", "folk")
INITIALS_RE = re.compile(r"(?:[A-Z]\.)+|[A-Z]")


def load(kb: KnowledgeBase, folder: Path) -> None:
    """Add the imported people, organisations and role nouns in ``folder`` to ``kb``."""
    if not folder.is_dir():
        raise KnowledgeError(f"{folder}: the imported actor base is missing")
    taken = _hand_kept_surfaces(kb)
    described = {  # the words of hand-kept countries, organisations, roles and bodies
        w.lower() for key, entries in kb.index.items() for w in key
        if any(e.type != "person" for e in entries)
    }  # fmt: skip
    closures = _closures(folder.parent / "closures.csv")
    for person in read_people_csv(folder / "people.csv"):
        if not _names(person.name, person.aliases) & taken:
            _add_person(kb, _closed(person, closures), described)
    for org in _organisations(folder / "organisations.csv"):
        if not _names(org.name, org.aliases) & taken:
            _add_organisation(kb, org, described)
    _add_agents(kb, folder / "agents.csv")


def _names(name: str, aliases: list[str]) -> set[str]:
    """The multi-word surfaces of an actor, folded and lower-cased."""
    return {fold(s).lower() for s in [name, *aliases] if len(tokens(s)) > 1}


def _described(surface: str, described: set[str]) -> bool:
    """Whether every word of a surface is one tidings' own data already gives a meaning."""
    words = [w.lower() for w in tokens(surface) if w[:1].isalnum()]
    return not words or all(w in described for w in words)


def _hand_kept_surfaces(kb: KnowledgeBase) -> set[str]:
    surfaces = set(kb.people)
    for person in kb.people.values():
        surfaces |= _names(person.name, person.aliases)
    for org in kb.organisations.values():
        surfaces |= _names(org.name, org.aliases)
    return surfaces


def _add_person(kb: KnowledgeBase, person: Person, described: set[str]) -> None:
    words = person.name.split()
    if _described(person.name, described):
        return  # "American Vice-President": an office, resolved phrase by phrase
    kb.people.setdefault(fold(person.name).lower(), person)
    initials = next((i for i, w in enumerate(words) if not INITIALS_RE.fullmatch(w)), 0)
    if initials and len(words) - initials > 1:  # "H.D. Deve Gowda" is written "Deve Gowda"
        person.aliases.append(" ".join(words[initials:]))
    first = person.first_role()
    country = first.country if first else None
    form = "name" if len(words) > 1 else "surname"  # "Abdullah" alone is only a surname
    kb.add_name(
        person.name, Entry("person", form, person.name, country, person=person, priority=18)
    )
    for alias in person.aliases:
        if _described(alias, described):
            continue
        form = "alias" if len(tokens(alias)) > 1 else "surname"
        priority = PERSON_PRIORITY if form == "alias" else SURNAME_PRIORITY
        kb.add_name(
            alias, Entry("person", form, person.name, country, person=person, priority=priority)
        )


def _add_organisation(kb: KnowledgeBase, org: Organisation, described: set[str]) -> None:
    """Its names, except those made only of words tidings describes on its own ("American
    Vice-President", "United States Congress": country + role, resolved phrase by phrase)."""
    entry = Entry("org", "name", org.name, org.country, org.sector, org=org, priority=22)
    added = False
    for surface in [org.name, *org.aliases]:
        if not _described(surface, described):
            kb.add_name(surface, entry)
            added = True
    if added:
        kb.organisations.setdefault(fold(org.name).lower(), org)


def _organisations(path: Path) -> list[Organisation]:
    """Organisations from rows of (name, aliases, country, sector, kind, start, end, source):
    the undated row gives the default code, dated rows dated ones; a row with a source starts
    a new organisation."""
    found: list[Organisation] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path}:{line}"
            role = Role(
                row["country"] or None,
                row["sector"] or None,
                None,
                start=parse_date(row["start"], where),
                end=parse_date(row["end"], where),
            )
            if row["source"] or not found or found[-1].name != row["name"]:
                aliases = [a for a in row["aliases"].split(";") if a]
                org = Organisation(row["name"], f"org:petrarch:{line}", None, None, aliases=aliases)
                found.append(org)
            org = found[-1]
            if role.start is None and role.end is None:
                org.country, org.sector = role.country, role.sector
            else:
                org.roles.append(role)
    for org in found:
        if org.country is None and org.sector is None and org.roles:
            latest = max(org.roles, key=lambda r: r.start or date.min)
            org.country, org.sector = latest.country, latest.sector
    return found


def _closures(path: Path) -> dict[str, date]:
    """Name -> the day its open-ended imported offices ended (hand-kept facts)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["name"] and not r["name"].startswith("#")]
    return {
        fold(r["name"]).lower(): parse_date(r["end"], f"{path}: {r['name']}") or date.max
        for r in rows
    }


def _closed(person: Person, closures: dict[str, date]) -> Person:
    end = closures.get(fold(person.name).lower())
    if end is None:
        return person
    roles = [
        replace(r, end=end)
        if r.end is None and r.sector != "ELI" and (r.start or date.min) < end
        else r
        for r in person.roles
    ]
    return replace(person, roles=roles)


def _add_agents(kb: KnowledgeBase, path: Path) -> None:
    """Role nouns whose words tidings does not know yet, as roles needing a named country."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    known = {w.lower() for key in kb.index for w in key}
    bodies = {
        key[-1].lower()
        for key, entries in kb.index.items()
        if any(e.type == "collective" for e in entries)
    }
    for row in rows:
        word, plural, sector = row["word"], row["plural"], row["sector"]
        words = tokens(word)
        if all(w.lower() in known for w in words):
            continue  # "foreign minister": tidings' own words already describe it
        body = Entry(
            "collective", "word", word, None, sector, priority=AGENT_PRIORITY, contextual=False
        )
        # "electoral commission" is a body like "commission", "fishermen" a group (a plural
        # the dictionary spells out); "smuggler" is a person
        group = words[-1].lower() in bodies or words[-1].lower().endswith(PLURAL_ENDINGS)
        single = (
            body
            if group
            else Entry(
                "role", "word", word, None, sector, word, priority=AGENT_PRIORITY, contextual=False
            )
        )
        for surface in (word, word.capitalize(), word.title()):
            if not kb.index.get(tuple(tokens(surface))):
                kb.add(surface, single)
        for surface in (plural, plural.capitalize(), plural.title()) if plural else ():
            if not kb.index.get(tuple(tokens(surface))):
                kb.add(surface, body)
