"""Turn recognised items into resolved actor mentions.

1. **Phrases.** Adjacent items are grouped the way news writes actor descriptions:
   ``[country|org]['s] role+ [of|to|for|in country] [Person]`` ("Russian Ambassador to China
   Andrey Denisov", "the Emir of Kuwait", "Israeli army", "Kremlin spokesman Dmitry Peskov",
   "China's Commerce Ministry"), appositions ("Andrey Denisov, Russia's ambassador to China,")
   and coordinated modifiers ("US and British forces": "US" shares "forces").
2. **Resolution at the article's date.** A person in the knowledge base gets the role valid on
   ``article.published``; an unknown name gets country and sector from its role phrase; a role
   with a country and no name ("the Emir of Kuwait") is resolved to the office holder at that
   date when the knowledge base has one. Generic roles (spokesman, official, captain) take the
   sector of the body before them ("police spokesman" -> COP).
3. Descriptions without a country ("Foreign Minister Jorge Arreaza", "government forces") are
   marked ``needs_country``; :mod:`tidings.actors.context` gives them the country the
   surrounding sentences are about, and :mod:`tidings.actors.coref` links surnames, nominals
   and pronouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from tidings.actors import namesakes
from tidings.actors.knowledge import Entry, KnowledgeBase, Person, fold
from tidings.actors.recognise import Item
from tidings.model import Actor, Mention

#: Words allowed between the parts of an actor phrase ("former U.S. Secretary of State").
FILLERS = frozenset(
    {"former", "then", "acting", "interim", "new", "outgoing", "incoming", "senior", "top",
     "veteran", "longtime", "-", "ex", "then-", "current", "main", "leading", "prominent",
     "incumbent", "embattled", "deputy", "chief", "his", "her", "its", "their", "junior", "led"}
)  # fmt: skip
#: Prepositions after which a capital is a place, not a government ("said in Vladivostok").
LOCATIVES = frozenset(
    {"in", "at", "near", "outside", "into", "around", "across", "toward", "towards",
     "throughout", "within", "inside", "from", "via", "visit", "visited", "visiting", "arrived"}
)  # fmt: skip
POST_WORDS = frozenset({"of", "to", "for", "in", "at"})
#: Sectors whose collective bodies are institutions ("the army") rather than groups ("rebels").
INSTITUTION_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "MED"})
#: "Russian-backed separatists": the adjective names the backer, not the separatists' country.
BACKER_RE = re.compile(r"\s*-\s*(?:backed|allied|supported|sponsored|funded|brokered|aligned)")
#: Words that end a capitalised name lead before a named body ("In", "The", "A").
LEAD_STOP = frozenset({"The", "A", "An", "In", "On", "At", "By", "But", "And", "For", "Of"})
COORDINATORS = (["and"], [","], ["or"], [",", "and"])
#: Words that end a description ("Israeli attacks on civilians" is not about civilians).
FUNCTION_WORDS = frozenset(
    {"on", "in", "of", "to", "for", "with", "against", "by", "at", "from", "and", "or", "the",
     "a", "an", "that", "who", "which", "as", "is", "was", "are", "were", "has", "have", "had"}
)  # fmt: skip

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
    shared: Phrase | None = None  # "US" in "US and British forces" shares "forces"
    lead: int | None = None  # start of a capitalised name before a named body
    backer: Item | None = None  # "Russian" in "Russian-backed separatists"
    partner: Phrase | None = None  # "Estonian PM X" for "and Defence Minister Y"

    @property
    def items(self) -> list[Item]:
        parts = [*self.modifiers, *self.roles, *([self.post] if self.post else [])]
        return [*parts, *([self.person] if self.person else [])]

    @property
    def head_role(self) -> Item | None:
        return self.roles[-1] if self.roles else None

    @property
    def start(self) -> int:
        return self.lead if self.lead is not None else self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end


@dataclass
class Resolved:
    """A mention plus what later passes need to know about it."""

    mention: Mention
    gender: str | None = None
    person: Person | None = None
    antecedent: Resolved | None = None
    nominal_role: str | None = None  # "the ambassador": the role it must match
    needs_country: bool = False  # a description whose country the context must give
    single_role: str | None = None  # an office to look up once the country is known
    backer: bool = False  # "Russian" in "Russian-backed": not the country of what follows
    anonymous: bool = False  # "a security source", "witnesses": kept even without a country
    homelands: tuple[str, ...] = ()  # an ethnic or religious group: the countries it lives in


#: Titles that give a person's gender ("Mrs. Currie").
TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m"}


def _title_gender(text: str, start: int) -> str | None:
    return TITLE_GENDER.get(_previous_word(text, start).rstrip("."))


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
        phrase = _start_phrase(items[i], text, items[i - 1].end if i else 0)
        j = i + 1
        while j < len(items) and _extend(phrase, items[j], text, items[j - 1].end):
            j += 1
        before = _previous_word(text, phrase.start)
        phrase.definite = before == "the"
        phrase.former = before in {"former", "ex"} or (
            "former" in text[phrase.start : phrase.end].lower()
            and any("former" in _gap_words(text, a.end, b.start) for a, b in pairwise(phrase.items))
        )
        phrases.append(phrase)
        i = j
    phrases = _share_heads(text, _attach_appositions(text, phrases))
    return _link_backers_and_partners(text, phrases)


def _start_phrase(item: Item, text: str, floor: int) -> Phrase:
    if item.type in {"role", "collective"}:
        phrase = Phrase(roles=[item])
        if item.entry is not None and item.entry.named:
            phrase.lead = _name_lead(text, floor, item.start)
        return phrase
    if item.type == "person":
        return Phrase(person=item)
    return Phrase(modifiers=[item])


def _name_lead(text: str, floor: int, start: int) -> int | None:
    """Start of the capitalised words right before ``start`` ("Electoral" Commission)."""
    lead = None
    for match in reversed(list(re.finditer(r"\S+", text[floor:start]))):
        word = match.group()
        if not word[:1].isupper() or word in LEAD_STOP or not word.replace("-", "").isalpha():
            break
        lead = floor + match.start()
    return lead


def _extend(phrase: Phrase, item: Item, text: str, gap_start: int) -> bool:
    """Add ``item`` to the phrase when the words between allow it; False ends the phrase."""
    words = _gap_words(text, gap_start, item.start)
    if phrase.person is not None:
        return False
    if not phrase.roles and phrase.post is None:  # country/org so far
        if BACKER_RE.match(text, gap_start):
            return False
        if item.type in {"country", "org"} and not words:  # "Palestinian U.N. Ambassador"
            phrase.modifiers.append(item)
            return True
        fillers_only = all(w in FILLERS or w == "'s" for w in words) and words.count("'s") <= 1
        named = item.entry is not None and item.entry.named
        raw = text[gap_start : item.start].split()
        capitalised = all(w[:1].isupper() for w in raw)
        last = phrase.modifiers[-1]
        adjectival = last.type == "org" or (last.entry is not None and last.entry.form == "demonym")
        after_org = (
            adjectival
            and len(raw) <= 2
            and all(w.replace("-", "").isalpha() and w.islower() for w in raw)
            and not FUNCTION_WORDS.intersection(raw)
        )  # "UN humanitarian chief", "Russian civilian advisers"
        if item.type in {"role", "collective"} and (
            fillers_only or (named and capitalised) or after_org
        ):
            phrase.roles.append(item)
            return True
        return False
    head = phrase.head_role
    person_role = head is not None and head.type == "role"
    if phrase.post is None:
        if item.type in {"role", "collective"} and all(w in FILLERS for w in words):
            phrase.roles.append(item)
            return True
        possessed = text[item.end : item.end + 2] in {"'s", "’s"}  # "of Israel's ally"
        if (
            item.type in {"country", "org"}
            and len(words) == 1
            and words[0] in POST_WORDS
            and not possessed
        ):
            phrase.post, phrase.post_word = item, words[0]
            return True
    if item.type == "person" and person_role and not words:
        phrase.person = item
        return True
    return False


def _attach_appositions(text: str, phrases: list[Phrase]) -> list[Phrase]:
    """ "Name, [the] Russian ambassador,": the role phrase describes the name before it."""
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


def _share_heads(text: str, phrases: list[Phrase]) -> list[Phrase]:
    """Coordinated modifiers share the head that follows: "French and Egyptian warships"."""
    for left, right in zip(reversed(phrases[:-1]), reversed(phrases[1:]), strict=True):
        bare = left.person is None and not left.roles and left.post is None
        target = right.shared or right
        if (
            bare
            and left.modifiers
            and all(m.type == "country" for m in left.modifiers)
            and target.head_role is not None
            and target.person is None
            and target.modifiers
            and _gap_words(text, left.end, right.start) in COORDINATORS
        ):
            left.shared = target
    return phrases


def _link_backers_and_partners(text: str, phrases: list[Phrase]) -> list[Phrase]:
    """ "Russian-backed separatists" is one actor backed by another; "Estonian Prime Minister
    Juri Ratas and Defence Minister Juri Luik" share a country."""
    for left, right in pairwise(phrases):
        if (
            not left.roles
            and left.person is None
            and len(left.modifiers) == 1
            and right.roles
            and not right.modifiers
            and (match := BACKER_RE.match(text, left.end)) is not None
            and not text[match.end() : right.start].strip()
        ):
            right.backer, right.lead = left.modifiers[0], left.start
        if (
            left.person is not None
            and right.person is not None
            and right.roles
            and not right.modifiers
            and _gap_words(text, left.end, right.start) == ["and"]
        ):
            right.partner = left
    return phrases


class Resolver:
    """Resolves the phrases of one article against the knowledge base at its date."""

    def __init__(self, kb: KnowledgeBase, text: str, on: date | None, dateline: tuple[int, int]):
        self.kb = kb
        self.text = text
        self.on = on
        self.dateline = dateline
        self._readings: dict[str, str] = {}
        self.memory = namesakes.NameMemory()  # the article's full names (stage sets it)

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
        before = _previous_word(self.text, item.start)
        if before in {"a", "an"}:  # "in a Berlin restaurant"
            return True
        after = self.text[item.end : item.end + 2]
        if before == "the" and after[:1] == " " and after[1:].islower():  # "the Beijing office"
            return True
        return before in LOCATIVES

    def standalone(self, item: Item) -> Resolved | None:
        """A country, seat of power or organisation on its own."""
        entry = item.entry
        assert entry is not None
        backer = BACKER_RE.match(self.text, item.end) is not None
        if entry.type == "org" and entry.org is not None:
            org = entry.org
            sector, role = org.sector_at(self.on)
            why = f"organisation {org.name!r}"
            if role:
                why += f" ({role} on {self.on})"
            actor = Actor(org.name, org.country, sector, role, org.kind, org.kb_id)
            return Resolved(_mention(item, actor, "name", why), backer=backer)
        country, sector = self.country_of(item)
        if country is None:
            return None
        if entry.form == "capital" and self.is_locative(item):
            return None
        kind = COUNTRY_FORM_KIND.get(entry.form, "name")
        name = self.kb.country_name(country)
        if entry.form == "plural":
            sector = "CVL"
        why = {
            "name": f"country name of {name}",
            "demonym": f"adjective/demonym of {name}",
            "plural": f"people of {name} (civilians)",
            "capital": f"capital standing for the government of {name}",
            "seat": f"seat of power/institution of {name} ({sector})",
        }.get(entry.form, f"name of {name}")
        if fold(item.text) in self.kb.ambiguous:
            why += " (ambiguous name, decided by context cues)"
        if backer:
            why += " (backer of what follows)"
        actor_kind = {"plural": "group", "seat": "organisation"}.get(entry.form, "country")
        actor = Actor(name, country, sector, None, actor_kind, f"country:{country}")
        return Resolved(_mention(item, actor, kind, why), backer=backer)

    def _standalone_all(self, items: list[Item]) -> list[Resolved]:
        return [r for item in items if (r := self.standalone(item)) is not None]

    # -- phrases -------------------------------------------------------------------------

    def phrase_country(self, phrase: Phrase) -> tuple[str | None, Item | None]:
        """(country, item) the phrase assigns: its first modifier, else "of/in X"."""
        for item in phrase.modifiers:
            country, _ = self.country_of(item)
            if country:
                return country, item
        post = phrase.post
        # "of X", or "in X" for a country's own people ("rebels in Darfur") but not a city's
        # visitors ("opposition leaders in Berlin")
        if (
            post is not None
            and post.entry is not None
            and (
                phrase.post_word == "of"
                or (phrase.post_word == "in" and post.entry.form != "capital")
            )
        ):
            country, _ = self.country_of(post)
            if country:
                return country, post
        return None, None

    def sector_of(self, phrase: Phrase, head: Item) -> str | None:
        """The head's sector; a generic head takes that of the body or group before it; what
        belongs to an IGO has the IGO's own sector ("U.N. forces", "EU envoy": UNO, EUR)."""
        assert head.entry is not None
        country, item = self.phrase_country(phrase)
        org = item.entry.org if item is not None and item.entry is not None else None
        if country == "IGO" and org is not None and org.sector in self.kb.igo_families:
            return org.sector
        if not head.entry.generic:
            return head.entry.sector
        for body in reversed(phrase.roles[:-1]):
            if body.entry is not None and body.type == "collective":
                return body.entry.sector
        for item in reversed(phrase.modifiers):
            _, sector = self.country_of(item)
            if item.type == "org" and sector:
                return sector
        return head.entry.sector

    def resolve(self, phrase: Phrase) -> list[Resolved]:
        """The mentions a phrase yields (see the module docstring)."""
        if phrase.person is not None:
            return self._person_phrase(phrase)
        if phrase.shared is not None:
            return self._shared(phrase, phrase.shared)
        head = phrase.head_role
        if head is None:
            return self._standalone_all(phrase.modifiers)
        country, country_item = self.phrase_country(phrase)
        post = phrase.post
        extras = [post] if post is not None and post is not country_item else []
        end = phrase.roles[-1].end if extras else phrase.end
        modifiers_used = country is not None or not phrase.modifiers
        if not modifiers_used:  # e.g. an organisation without a country: it stands alone
            return self._standalone_all([*phrase.modifiers, *extras])
        if country is None and head.type == "role" and phrase.definite and head.entry:
            return [self._nominal(phrase, end), *self._standalone_all(extras)]
        if country is None and not self._context_worthy(phrase, head):
            return self._standalone_all(extras)
        if head.type == "collective":
            main = self._collective(phrase, country, end)
        else:
            main = self._role_only(phrase, country, end)
        return [main, *self._standalone_all(extras)]

    def _context_worthy(self, phrase: Phrase, head: Item) -> bool:
        """A description without a country that the context may complete."""
        entry = head.entry
        if entry is not None and entry.anonymous:
            return True  # "diplomats said": a mention, with or without a country
        if entry is None or not entry.contextual:
            return False
        if entry.named and " " not in entry.name and phrase.lead is None:
            return False  # "took office", "the commission": no name, no country
        if len(phrase.roles) > 1 and entry.generic:  # "a police spokesman"
            return True
        return head.text[:1].isupper() or phrase.definite or head.type == "collective"

    def _person_phrase(self, phrase: Phrase) -> list[Resolved]:
        """The person, plus what describes them: the body they speak for ("Russian Foreign
        Ministry" in "Russian Foreign Ministry spokeswoman Maria Zakharova"), or else the
        countries and organisations named ("U.S." in "U.S. President Donald Trump")."""
        person = phrase.person
        assert person is not None
        out = [self._person(phrase)]
        bodies = [i for i, r in enumerate(phrase.roles) if r.type == "collective"]
        described = list(phrase.modifiers)
        if bodies:
            body = Phrase(
                modifiers=phrase.modifiers,
                roles=phrase.roles[: bodies[-1] + 1],
                lead=phrase.lead,
                former=phrase.former,
            )
            country, _ = self.phrase_country(body)
            if country is not None or self._context_worthy(body, body.roles[-1]):
                out.append(self._collective(body, country, body.end))
                described = []
        for item in [*described, *([phrase.post] if phrase.post else [])]:
            resolved = self.standalone(item)
            if resolved is not None:
                resolved.mention.why += f"; part of the description of {person.text!r}"
                out.append(resolved)
        return out

    def _shared(self, phrase: Phrase, shared: Phrase) -> list[Resolved]:
        """ "US and British forces": "US" takes the head ("forces") of the phrase it joins."""
        virtual = Phrase(modifiers=phrase.modifiers, roles=shared.roles, former=shared.former)
        country, _ = self.phrase_country(virtual)
        if country is None or shared.head_role is None:
            return self._standalone_all(phrase.modifiers)
        if shared.head_role.type == "collective":
            main = self._collective(virtual, country, phrase.end)
        else:
            main = self._role_only(virtual, country, phrase.end)
        main.mention.why += f" (coordinated with {self.text[shared.start : shared.end]!r})"
        return [main]

    def _person(self, phrase: Phrase) -> Resolved:
        item = phrase.person
        assert item is not None
        head = phrase.head_role if phrase.head_role and phrase.head_role.type == "role" else None
        country, country_item = self.phrase_country(phrase)
        entry = item.entry
        unknown = "person name (spaCy NER), not in the knowledge base"
        if entry is not None and entry.person is not None:
            honorific = _previous_word(self.text, item.start).rstrip(".")
            role = head.entry if head is not None else None
            person, reason = namesakes.choose(item, self.on, honorific, role, self.memory)
            if person is not None:
                chosen = next(e for e in (entry, *item.candidates) if e.person is person)
                resolved = self._known_person(item, chosen, phrase, head, country)
                if reason:
                    resolved.mention.why = f"{reason}: {resolved.mention.why}"
                return resolved
            unknown = f"person not resolved by the knowledge base: {reason}"
        if head is None or head.entry is None:
            actor = Actor(item.text, None, None, None, "person")
            why = unknown
            return Resolved(
                _mention(item, actor, "name", why), gender=_title_gender(self.text, item.start)
            )
        sector, role = self.sector_of(phrase, head), head.entry.role
        if phrase.former:
            sector, role = "ELI", f"former {role}"
        parts = [*phrase.modifiers, *phrase.roles, *([phrase.post] if phrase.post else [])]
        described = self.text[min(i.start for i in parts) : max(i.end for i in parts)]
        why = f"role phrase {described!r}: {role} -> {sector}"
        if country_item is not None:
            why += f", {country} from {country_item.text!r}"
        elif phrase.partner is not None:
            country, partner_item = self.phrase_country(phrase.partner)
            partner = phrase.partner.person
            if partner_item is not None:
                why += f", {country} shared with {partner_item.text!r} (coordinated)"
            elif partner is not None and partner.entry is not None and partner.entry.person:
                known = partner.entry.person.role_at(self.on)
                if known is not None and known.country != "IGO":
                    country = known.country
                    why += f", {country} shared with {partner.text!r} (coordinated)"
        actor = Actor(item.text, country, sector, role, "person")
        return Resolved(
            _mention(item, actor, "name", why),
            gender=head.entry.gender or _title_gender(self.text, item.start),
            needs_country=country is None,
        )

    def _known_person(
        self, item: Item, entry: Entry, phrase: Phrase, head: Item | None, country: str | None
    ) -> Resolved:
        person = entry.person
        assert person is not None
        kind = "name" if entry.form == "name" else "alias"
        role = person.role_at(self.on)
        if role is not None and role.sector == "ELI" and country and head and not phrase.former:
            role = None  # out of office in the base, in a new one in the text ("U.N. envoy X")
        when = f"on {self.on}" if self.on else "(article undated: latest role)"
        if role is not None:
            why = (
                f"knowledge base: {person.name}, {role.title or role.role} ({role.country}) "
                f"{_period(role.start, role.end)}, valid {when}"
            )
            if country and role.country not in {country, "IGO"} and head is not None:
                why += f"; the text's description says {country}, kept the dated role"
            actor = Actor(person.name, role.country, role.sector, role.role, "person", person.kb_id)
            return Resolved(_mention(item, actor, kind, why), gender=person.gender, person=person)
        past = person.last_role_before(self.on) if self.on else None
        described = head is not None and head.entry is not None and not phrase.former
        if past is not None:
            sector: str | None = "ELI"
            label: str | None = f"former {past.role}" if past.role else "former office holder"
            if described and head is not None and head.entry is not None:
                sector, label = self.sector_of(phrase, head), head.entry.role  # the text knows
            why = (
                f"knowledge base: {person.name} held {past.title or past.role} ({past.country}) "
                f"{_period(past.start, past.end)}, no office {when} -> {sector}"
            )
            actor = Actor(
                person.name, country or past.country, sector, label, "person", person.kb_id
            )
            return Resolved(_mention(item, actor, kind, why), gender=person.gender, person=person)
        first = person.first_role()
        why = f"knowledge base: {person.name}, before any recorded office {when}"
        sector = self.sector_of(phrase, head) if head is not None else None
        actor = Actor(
            person.name,
            country or (first.country if first else None),
            sector,
            head.entry.role if head is not None and head.entry is not None else None,
            "person",
            person.kb_id,
        )
        return Resolved(_mention(item, actor, kind, why), gender=person.gender, person=person)

    def _role_only(self, phrase: Phrase, country: str | None, end: int) -> Resolved:
        """ "the Emir of Kuwait", "the Chinese foreign minister": an office, maybe its holder."""
        head = phrase.head_role
        assert head is not None and head.entry is not None
        role, sector = head.entry.role, self.sector_of(phrase, head)
        item = Item(phrase.start, end, self.text[phrase.start : end], None)
        if phrase.former:
            sector, role = "ELI", f"former {role}"
        actor = Actor(item.text, country, sector, role, "person")
        resolved = Resolved(
            _mention(item, actor, "role", f"role phrase: {head.text!r} -> {sector}"),
            gender=head.entry.gender,
            needs_country=country is None,
            single_role=None if phrase.former else role,
            anonymous=head.entry.anonymous,
        )
        if country is not None:
            self.assign_country(resolved, country, f"{country} from the phrase")
        return resolved

    def _collective(self, phrase: Phrase, country: str | None, end: int) -> Resolved:
        head = phrase.head_role
        assert head is not None and head.entry is not None
        sector = self.sector_of(phrase, head)
        item = Item(phrase.start, end, self.text[phrase.start : end], None)
        kind = "organisation" if sector in INSTITUTION_SECTORS else "group"
        actor = Actor(item.text, country, sector, None, kind)
        why = f"body {head.text!r} -> {sector}"
        if country is not None:
            why = f"{self.kb.country_name(country)} ({country}) + {why}"
        if phrase.backer is not None:
            why += f"; backed by {phrase.backer.text!r}, not of that country"
        if head.entry.homelands and country is None:
            why += f"; a group living in {', '.join(head.entry.homelands)}"
        mention = _mention(item, actor, "role", why)
        return Resolved(
            mention,
            needs_country=country is None,
            anonymous=head.entry.anonymous,
            homelands=head.entry.homelands,
        )

    def _nominal(self, phrase: Phrase, end: int) -> Resolved:
        """ "the ambassador": resolved later to the person it refers back to."""
        head = phrase.head_role
        assert head is not None and head.entry is not None
        item = Item(phrase.start, end, self.text[phrase.start : end], None)
        actor = Actor(item.text, None, self.sector_of(phrase, head), head.entry.role, "person")
        return Resolved(
            _mention(item, actor, "nominal", f"role phrase: {head.text!r}"),
            gender=head.entry.gender,
            nominal_role=head.entry.role,
            single_role=head.entry.role,
        )

    def assign_country(self, resolved: Resolved, country: str, reason: str) -> None:
        """Complete a description with its country; an office then names its holder."""
        mention = resolved.mention
        actor = mention.actor
        assert actor is not None
        actor.country = country
        resolved.needs_country = False
        holder = None
        if resolved.single_role and country != "IGO":
            holder = self.kb.holder(country, resolved.single_role, self.on)
        if holder is not None:
            held = holder.role_at(self.on)
            period = _period(held.start, held.end) if held else ""
            actor.name, actor.kb_id = holder.name, holder.kb_id
            resolved.person, resolved.gender = holder, holder.gender
            mention.why += (
                f"; {reason}; the office of {resolved.single_role} of "
                f"{self.kb.country_name(country)} was held {period} by {holder.name} "
                f"(knowledge base, on {self.on})"
            )
        else:
            mention.why += f"; {reason}"


def _period(start: date | None, end: date | None) -> str:
    return f"from {start or '?'} to {end or 'today'}"


def _mention(item: Item, actor: Actor | None, kind: str, why: str) -> Mention:
    return Mention(item.start, item.end, item.text, actor=actor, kind=kind, why=why)
