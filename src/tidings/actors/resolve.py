"""Turn recognised items into resolved actor mentions.

1. **Phrases.** Adjacent items are grouped the way news writes actor descriptions:
   ``[country|org]['s] role+ [of|to|for|in country] [Person]`` ("Russian Ambassador to China
   Andrey Denisov", "the Emir of Kuwait", "Israeli army", "Kremlin spokesman Dmitry Peskov"),
   plus appositions ("Andrey Denisov, Russia's ambassador to China,").
2. **Resolution at the article's date.** A person in the knowledge base gets the role valid on
   ``article.published``; an unknown name gets country and sector from its role phrase; a role
   with a country and no name ("the Emir of Kuwait") is resolved to the office holder at that
   date when the knowledge base has one.
3. **Within-article links** (:mod:`tidings.actors.coref`) then connect surnames, nominals and
   pronouns to these mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tidings.actors.knowledge import Entry, KnowledgeBase, Person, fold
from tidings.actors.recognise import Item
from tidings.model import Actor, Mention

#: Words allowed between the parts of an actor phrase ("former U.S. Secretary of State").
FILLERS = frozenset(
    {
        "former",
        "then",
        "acting",
        "interim",
        "new",
        "outgoing",
        "incoming",
        "senior",
        "top",
        "veteran",
        "longtime",
        "-",
        "ex",
        "then-",
        "current",
        "chief",
    }
)
#: Prepositions after which a capital is a place, not a government ("said in Vladivostok").
LOCATIVES = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "into",
        "around",
        "across",
        "toward",
        "towards",
        "throughout",
        "within",
        "inside",
        "from",
        "via",
        "visit",
        "visited",
        "visiting",
        "arrived",
    }
)
#: Titles that make a bare surname a person ("Mr. Putin").
TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "sheikh", "prince", "gen"})
POST_WORDS = frozenset({"of", "to", "for", "in", "at"})
#: Sectors whose collective bodies are institutions ("the army") rather than groups ("rebels").
INSTITUTION_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "MED"})

#: Mention kinds by surface form of a country entry.
COUNTRY_FORM_KIND = {
    "name": "name",
    "demonym": "demonym",
    "plural": "demonym",
    "capital": "metonym",
    "seat": "metonym",
}


@dataclass
class Phrase:
    """Items that together describe one actor (or one country/organisation on its own)."""

    modifiers: list[Item] = field(default_factory=list)  # country/org before the role
    roles: list[Item] = field(default_factory=list)  # role words and bodies, head last
    post: Item | None = None  # country/org after the role ("of Kuwait", "to China")
    post_word: str = ""
    person: Item | None = None
    definite: bool = False  # "the ..." (a candidate nominal anaphor)
    former: bool = False

    @property
    def items(self) -> list[Item]:
        parts = [*self.modifiers, *self.roles, *([self.post] if self.post else [])]
        return [*parts, *([self.person] if self.person else [])]

    @property
    def head_role(self) -> Item | None:
        return self.roles[-1] if self.roles else None

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end


@dataclass
class Resolved:
    """A mention plus what later linking needs to know about it."""

    mention: Mention
    gender: str | None = None
    person: Person | None = None
    antecedent: Resolved | None = None
    nominal_role: str | None = None  # for "the ambassador": the role it must match


def _gap_words(text: str, start: int, end: int) -> list[str]:
    return [w for w in fold(text[start:end]).lower().replace(",", " , ").split() if w]


def _previous_word(text: str, start: int) -> str:
    words = text[max(0, start - 30) : start].split()
    return fold(words[-1]).lower().strip(".,;:\"'“”(") if words else ""


def build_phrases(text: str, items: list[Item]) -> list[Phrase]:
    """Group items into actor phrases (see the module docstring for the shapes)."""
    phrases: list[Phrase] = []
    i = 0
    while i < len(items):
        phrase = _start_phrase(items[i])
        j = i + 1
        while j < len(items) and _extend(phrase, items[j], text, items[j - 1].end):
            j += 1
        before = _previous_word(text, phrase.start)
        phrase.definite = before == "the"
        phrase.former = before in {"former", "ex"} or any(
            "former" in _gap_words(text, a.end, b.start)
            for a, b in zip(phrase.items, phrase.items[1:], strict=False)
        )
        phrases.append(phrase)
        i = j
    return _attach_appositions(text, phrases)


def _start_phrase(item: Item) -> Phrase:
    if item.type in {"role", "collective"}:
        return Phrase(roles=[item])
    if item.type == "person":
        return Phrase(person=item)
    return Phrase(modifiers=[item])


def _extend(phrase: Phrase, item: Item, text: str, gap_start: int) -> bool:
    """Add ``item`` to the phrase when the words between allow it; False ends the phrase."""
    words = _gap_words(text, gap_start, item.start)
    fillers_only = all(w in FILLERS or w == "'s" for w in words)
    if phrase.person is not None:
        return False
    if not phrase.roles and phrase.post is None:  # country/org so far
        if item.type in {"role", "collective"} and fillers_only and words.count("'s") <= 1:
            phrase.roles.append(item)
            return True
        return False
    head = phrase.head_role
    person_role = head is not None and head.type == "role"
    if phrase.post is None:
        if item.type in {"role", "collective"} and all(w in FILLERS for w in words):
            phrase.roles.append(item)
            return True
        if item.type in {"country", "org"} and len(words) == 1 and words[0] in POST_WORDS:
            phrase.post, phrase.post_word = item, words[0]
            return True
    if item.type == "person" and person_role and not words:
        phrase.person = item
        return True
    return False


def _attach_appositions(text: str, phrases: list[Phrase]) -> list[Phrase]:
    """ "Name, [the] Russian ambassador," : the role phrase describes the name before it."""
    merged: list[Phrase] = []
    for phrase in phrases:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.person is not None
            and not last.roles
            and phrase.person is None
            and phrase.head_role is not None
            and phrase.head_role.type == "role"
            and _gap_words(text, last.end, phrase.start)
            in ([","], [",", "the"], [",", "a"], [",", "an"], [",", "former"], [",", "then"])
        ):
            last.modifiers, last.roles = phrase.modifiers, phrase.roles
            last.post, last.post_word = phrase.post, phrase.post_word
            last.former = last.former or phrase.former
            continue
        merged.append(phrase)
    return merged


class Resolver:
    """Resolves the phrases of one article against the knowledge base at its date."""

    def __init__(self, kb: KnowledgeBase, text: str, on: date | None, dateline: tuple[int, int]):
        self.kb = kb
        self.text = text
        self.on = on
        self.dateline = dateline
        self._readings: dict[str, str] = {}

    # -- countries and organisations ----------------------------------------------------

    def country_of(self, item: Item) -> tuple[str | None, str | None]:
        """(country code, sector) an item stands for; country None if it is only a place."""
        entry = item.entry
        if entry is None:
            return None, None
        if entry.type == "org" and entry.org is not None:
            sector, _ = entry.org.sector_at(self.on)
            return entry.org.country, sector
        if entry.type != "country":
            return None, None
        reading = self.reading(item)
        if reading.startswith("place:"):
            return None, None
        return reading, entry.sector

    def reading(self, item: Item) -> str:
        """The country an ambiguous name means in this article (cue words decide)."""
        entry = item.entry
        assert entry is not None
        ambiguity = self.kb.ambiguous.get(fold(item.text))
        if ambiguity is None:
            return entry.country or ""
        if item.text not in self._readings:
            self._readings[item.text] = ambiguity.decide(self.text)
        return self._readings[item.text]

    def is_locative(self, item: Item) -> bool:
        """A city/capital used as a place: after "in", "at"..., or in the dateline."""
        if self.dateline[0] <= item.start < self.dateline[1]:
            return True
        return _previous_word(self.text, item.start) in LOCATIVES

    def standalone(self, item: Item) -> Resolved | None:
        """A country, seat of power or organisation on its own."""
        entry = item.entry
        assert entry is not None
        if entry.type == "org" and entry.org is not None:
            org = entry.org
            sector, role = org.sector_at(self.on)
            why = f"organisation {org.name!r}"
            if role:
                why += f" ({role} on {self.on})"
            actor = Actor(org.name, org.country, sector, role, org.kind, org.kb_id)
            return Resolved(_mention(item, actor, "name", why))
        country, sector = self.country_of(item)
        if country is None:
            return None
        if entry.form == "capital" and self.is_locative(item):
            return None
        kind = COUNTRY_FORM_KIND.get(entry.form, "name")
        name = self.kb.country_name(country)
        why = {
            "name": f"country name of {name}",
            "demonym": f"adjective/demonym of {name}",
            "plural": f"people of {name}",
            "capital": f"capital standing for the government of {name}",
            "seat": f"seat of power/institution of {name} ({sector})",
        }.get(entry.form, f"name of {name}")
        if fold(item.text) in self.kb.ambiguous:
            why += " (ambiguous name, decided by context cues)"
        actor_kind = (
            "group"
            if entry.form == "plural"
            else ("organisation" if entry.form == "seat" else "country")
        )
        actor = Actor(name, country, sector, None, actor_kind, f"country:{country}")
        return Resolved(_mention(item, actor, kind, why))

    # -- people and roles ----------------------------------------------------------------

    def phrase_country(self, phrase: Phrase) -> tuple[str | None, str | None, Item | None]:
        """(country, sector hint, item) the phrase assigns: first modifier, else "of X"."""
        for item in phrase.modifiers:
            country, sector = self.country_of(item)
            if country:
                return country, sector, item
        if phrase.post is not None and phrase.post_word in {"of", "in"}:
            country, sector = self.country_of(phrase.post)
            if country:
                return country, sector, phrase.post
        return None, None, None

    def phrase_text(self, phrase: Phrase, end: int | None = None) -> str:
        start = phrase.start
        stop = end if end is not None else phrase.end
        return self.text[start:stop]

    def resolve(self, phrase: Phrase) -> list[Resolved]:
        """The mentions a phrase yields (see the module docstring)."""
        if phrase.person is not None:
            out = [self._person(phrase)]
            for item in [*phrase.modifiers, *([phrase.post] if phrase.post else [])]:
                resolved = self.standalone(item)
                if resolved is not None:
                    resolved.mention.why += f"; part of the description of {phrase.person.text!r}"
                    out.append(resolved)
            return out
        head = phrase.head_role
        if head is None:
            return [r for item in phrase.modifiers if (r := self.standalone(item)) is not None]
        country, _, _ = self.phrase_country(phrase)
        if country is None:
            if phrase.definite and head.type == "role" and not phrase.modifiers:
                return [self._nominal(phrase)]
            # no country: the modifiers (e.g. an organisation) still stand on their own
            return [r for item in phrase.modifiers if (r := self.standalone(item)) is not None]
        if head.type == "collective":
            return [self._collective(phrase, country)]
        return [self._role_only(phrase, country)]

    def _person(self, phrase: Phrase) -> Resolved:
        item = phrase.person
        assert item is not None
        head = phrase.head_role if phrase.head_role and phrase.head_role.type == "role" else None
        country, _, country_item = self.phrase_country(phrase)
        described = ""
        if head is not None:
            described = f"role phrase {self.phrase_text(phrase, item.start).strip(' ,')!r}"
        entry = item.entry
        if entry is not None and entry.person is not None:
            return self._known_person(item, entry, phrase, head, country, described)
        gender = head.entry.gender if head and head.entry else None
        if head is not None and head.entry is not None:
            sector = head.entry.sector
            if phrase.former:
                sector = "ELI"
            role = head.entry.role
            if phrase.former and role:
                role = f"former {role}"
            why = f"{described}: {country or 'country unknown'}, {head.entry.role} -> {sector}"
            if country_item is not None:
                why += f" (country from {country_item.text!r})"
            actor = Actor(item.text, country, sector, role, "person")
            return Resolved(_mention(item, actor, "name", why), gender=gender)
        actor = Actor(item.text, None, None, None, "person")
        why = "person name (spaCy NER), not in the knowledge base"
        return Resolved(_mention(item, actor, "name", why))

    def _known_person(
        self,
        item: Item,
        entry: Entry,
        phrase: Phrase,
        head: Item | None,
        country: str | None,
        described: str,
    ) -> Resolved:
        person = entry.person
        assert person is not None
        kind = "name" if entry.form == "name" else "alias"
        role = person.role_at(self.on)
        when = f"on {self.on}" if self.on else "(article undated: latest role)"
        if role is not None:
            why = (
                f"knowledge base: {person.name}, {role.title or role.role} ({role.country}) "
                f"{_period(role.start, role.end)}, valid {when}"
            )
            if country and role.country not in {country, "IGO"} and head is not None:
                why += f"; the text says {described} ({country}), kept the dated role"
            actor = Actor(person.name, role.country, role.sector, role.role, "person", person.kb_id)
            return Resolved(_mention(item, actor, kind, why), gender=person.gender, person=person)
        past = person.last_role_before(self.on) if self.on else None
        if past is not None:
            sector = "ELI"
            label = f"former {past.role}" if past.role else "former office holder"
            if head is not None and not phrase.former and head.entry is not None:
                sector, label = head.entry.sector, head.entry.role  # the text knows better
            why = (
                f"knowledge base: {person.name} held {past.title or past.role} ({past.country}) "
                f"{_period(past.start, past.end)}, no office {when} -> {sector}"
            )
            country = country or past.country
            actor = Actor(person.name, country, sector, label, "person", person.kb_id)
            return Resolved(_mention(item, actor, kind, why), gender=person.gender, person=person)
        first = person.first_role()
        why = f"knowledge base: {person.name}, before any recorded office {when}"
        actor = Actor(
            person.name,
            country or (first.country if first else None),
            head.entry.sector if head is not None and head.entry is not None else None,
            head.entry.role if head is not None and head.entry is not None else None,
            "person",
            person.kb_id,
        )
        return Resolved(_mention(item, actor, kind, why), gender=person.gender, person=person)

    def _role_only(self, phrase: Phrase, country: str) -> Resolved:
        """ "the Emir of Kuwait", "the Chinese foreign minister": an office, maybe its holder."""
        head = phrase.head_role
        assert head is not None and head.entry is not None
        role, sector = head.entry.role, head.entry.sector
        span_start = phrase.roles[0].start if phrase.post is not None else phrase.start
        item = Item(span_start, phrase.end, self.text[span_start : phrase.end], None)
        holder = None
        if role and not phrase.former and country != "IGO":
            holder = self.kb.holder(country, role, self.on)
        if holder is not None:
            held = holder.role_at(self.on)
            period = _period(held.start, held.end) if held else ""
            why = (
                f"office {role} of {self.kb.country_name(country)}, held {period}"
                f" by {holder.name} (knowledge base, on {self.on})"
            )
            actor = Actor(holder.name, country, sector, role, "person", holder.kb_id)
            return Resolved(_mention(item, actor, "role", why), gender=holder.gender, person=holder)
        if phrase.former:
            sector, role = "ELI", f"former {role}"
        name = self.kb.country_name(country)
        why = f"role phrase: {name} ({country}) + {head.text!r} -> {sector}"
        actor = Actor(item.text, country, sector, role, "person")
        return Resolved(_mention(item, actor, "role", why), gender=head.entry.gender)

    def _collective(self, phrase: Phrase, country: str) -> Resolved:
        head = phrase.head_role
        assert head is not None and head.entry is not None
        sector = head.entry.sector
        item = Item(phrase.start, phrase.end, self.text[phrase.start : phrase.end], None)
        why = f"{self.kb.country_name(country)} ({country}) + body {head.text!r} -> {sector}"
        kind = "organisation" if sector in INSTITUTION_SECTORS else "group"
        actor = Actor(item.text, country, sector, None, kind)
        return Resolved(_mention(item, actor, "role", why))

    def _nominal(self, phrase: Phrase) -> Resolved:
        """ "the ambassador": resolved later to the person it refers back to."""
        head = phrase.head_role
        assert head is not None and head.entry is not None
        item = Item(head.start, phrase.end, self.text[head.start : phrase.end], None)
        mention = _mention(item, None, "nominal", "")
        return Resolved(mention, gender=head.entry.gender, nominal_role=head.entry.role)


def _period(start: date | None, end: date | None) -> str:
    return f"from {start or '?'} to {end or 'today'}"


def _mention(item: Item, actor: Actor | None, kind: str, why: str) -> Mention:
    return Mention(item.start, item.end, item.text, actor=actor, kind=kind, why=why)
