"""Which person a name stands for when the knowledge base knows several, or the article knows
another: "Rice" in 2005 and in 2015, "Mrs. Clinton", "Rice, the national security adviser".

The article's own evidence comes first, then the date:

1. a full name earlier in the article with the same surname decides ("Susan Rice ... Rice");
   when that person is not among the knowledge base's namesakes, the surname is theirs and
   stays unresolved by the base (a later pass links it to the full mention);
2. an honorific (Mr/Mrs/Ms) keeps the namesakes of that gender;
3. a role beside the name ("National Security Adviser Rice", "Rice, the national security
   adviser,") keeps those who held that office, or at least that sector, on the article date;
4. among the rest, the one holding an office on the article date;
5. several left: if they all belong to one country, the most recent office holder (the country
   is certain, the person likely); otherwise none: an unresolved person keeps its text and no
   country, rather than a wrong person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tidings.actors.knowledge import Entry, Person, Role
from tidings.actors.recognise import Item

#: Honorifics and the gender they give.
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f"}


@dataclass
class NameMemory:
    """Full names (two words or more) of one article, by lower-case surname, in text order."""

    by_surname: dict[str, list[tuple[int, Person | None, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @classmethod
    def of(cls, items: list[Item]) -> NameMemory:
        memory = cls()
        for item in items:
            words = item.text.split()
            if item.type != "person" or len(words) < 2:
                continue
            person = item.entry.person if item.entry is not None else None
            memory.by_surname[words[-1].lower()].append((item.start, person, item.text))
        return memory

    def before(self, surname: str, offset: int) -> tuple[Person | None, str] | None:
        """The latest full name with this surname written before ``offset``."""
        found = [
            (p, t) for start, p, t in self.by_surname.get(surname.lower(), []) if start < offset
        ]
        return found[-1] if found else None


def choose(
    item: Item, on: date | None, honorific: str, role: Entry | None, memory: NameMemory
) -> tuple[Person | None, str]:
    """(person, why) for a name item; person None when the evidence leaves no one person."""
    people = _people(item)
    surname = item.text.split()[-1]
    if len(item.text.split()) == 1:
        earlier = memory.before(surname, item.start)
        if earlier is not None:
            person, full = earlier
            if person is not None and any(p is person for p in people):
                return person, f"{full!r} named earlier in the article"
            return None, f"{full!r}, named earlier in the article, is not in the knowledge base"
    if len(people) == 1:
        return people[0], ""
    why: list[str] = []
    gender = HONORIFIC_GENDER.get(honorific)
    if gender is not None:
        people = _narrowed(people, lambda p: p.gender in (None, gender))
        why.append(f"'{honorific.capitalize()}.' -> {'male' if gender == 'm' else 'female'}")
    if role is not None and len(people) > 1:
        people = _narrowed(people, lambda p: _held(p.role_at(on), role))
        why.append(f"described as {role.name!r}")
    if len(people) > 1 and on is not None:
        people = _narrowed(people, lambda p: _in_office(p.role_at(on)))
        why.append(f"in office on {on}")
    if len(people) == 1:
        return people[0], "; ".join(why) or "the only namesake"
    countries = {(_latest(p, on) or Role(None, None, None)).country for p in people}
    if len(countries) == 1 and None not in countries:
        person = max(
            people, key=lambda p: (_latest(p, on) or Role(None, None, None)).start or date.min
        )
        return person, f"namesakes all of {countries.pop()}: the most recent office holder"
    names = ", ".join(p.name for p in people)
    return None, f"namesakes of different countries ({names}) and nothing in the text decides"


def _people(item: Item) -> list[Person]:
    found: list[Person] = []
    for entry in item.candidates or ((item.entry,) if item.entry else ()):
        if entry.person is not None and entry.person not in found:
            found.append(entry.person)
    return found


def _narrowed(people: list[Person], keep: object) -> list[Person]:
    """The people ``keep`` accepts, or all of them if it accepts none (no evidence)."""
    kept = [p for p in people if keep(p)]  # type: ignore[operator]
    return kept or people


def _held(held: Role | None, role: Entry) -> bool:
    if held is None:
        return False
    return held.role == role.role or (held.role is None and held.sector == role.sector)


def _in_office(held: Role | None) -> bool:
    return held is not None and held.sector not in (None, "ELI")


def _latest(person: Person, on: date | None) -> Role | None:
    """The role held on ``on``, else the last one started before it, else the first."""
    held = person.role_at(on)
    if held is not None or on is None:
        return held
    started = [r for r in person.roles if (r.start or date.min) <= on]
    return max(started, key=lambda r: r.start or date.min) if started else person.first_role()
