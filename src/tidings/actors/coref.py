"""Within-article links: surnames, nominals ("the ambassador") and pronouns to full mentions.

Conservative by design. A later mention is linked only when

* **surname/alias**: its words are the last word(s) of an earlier person's full name
  ("Denisov" -> "Andrey Denisov"), or it is the same knowledge-base person;
* **nominal**: "the <role>" and an earlier person in the last few sentences holds that role
  ("the ambassador" -> "Andrey Denisov");
* **it**: "it" as the subject of a speech verb (``data/quotes/cues.yaml``), after an
  organisation or government that was the subject of the same or the previous sentence ("The
  Kremlin gave its account. It said ...");
* **pronoun**: he/him/his/himself, she/her/hers/herself outside quotation marks, and a person of
  compatible gender was mentioned in this or the previous few sentences. People earlier in the
  same sentence come first if one of them is its main subject (else they are probably inside
  reported content: "Merkel told Putin that ..., he said"); among the candidates the most
  recent subject of a main verb (the speaker, in "X told reporters that Y agreed ... he said")
  wins, then the most recent subject of any clause, then the most recent person.

Linked mentions carry the antecedent's Actor and ``antecedent`` = the id of the full mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from tidings.actors.resolve import Resolved
from tidings.actors.spans import SpanIndex
from tidings.layout import Layout
from tidings.model import Mention
from tidings.quotes import lexicon as speech
from tidings.syntax import NOMINAL_SUBJECTS

PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
PRONOUN_RE = re.compile(r"\b(?:[Hh](?:e|im|is|imself|er|ers|erself)|[Ss]he)\b")
IT_RE = re.compile(r"\b[Ii]t\b")
#: How many sentences back a pronoun or nominal may look for its antecedent.
WINDOW_SENTENCES = 6
ACRONYM_RE = re.compile(r" \(([A-Z][A-Za-z]{1,7})\)")
WORD_RE = re.compile(r"\w+")
#: Role words that match any more specific role containing them ("the minister").
GENERIC_ROLES = frozenset({"minister", "official", "leader"})


class Linker:
    """Links the resolved mentions of one article to each other."""

    def __init__(self, doc: Doc, text: str, layout: Layout):
        self.doc = doc
        self.text = text
        self.layout = layout

    def sentence(self, offset: int) -> int:
        return self.layout.sentence_of(offset)

    def in_quote(self, start: int) -> bool:
        return self.layout.quote_at(start) is not None

    def subject_rank(self, resolved: Resolved) -> int:
        """2: subject of its sentence's main verb ("Peskov told reporters that ..."),
        1: subject of a clause ("... that Putin agreed"), 0: not a subject."""
        mention = resolved.mention
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return 0
        token = span.root
        if token.dep_ in {"appos", "compound", "conj"}:
            token = token.head
        if token.dep_ not in NOMINAL_SUBJECTS:
            return 0
        return 2 if token.head.dep_ == "ROOT" else 1

    def link_names(self, resolved: list[Resolved]) -> list[Resolved]:
        """Link surnames and nominals to earlier full mentions, in place; text order.

        A nominal with nothing to refer back to keeps ``needs_country`` so the context may
        still place it ("the president" in an article about one country).
        """
        resolved.sort(key=lambda r: r.mention.start)
        people: list[Resolved] = []
        names = _NameIndex()
        for current in resolved:
            if current.nominal_role is not None:
                current.needs_country = not self._link_nominal(current, people)
            elif _is_person(current):
                _link_alias(current, names)
            if _is_person(current):
                people.append(current)
                names.add(current)
        return resolved

    def acronyms(self, resolved: list[Resolved]) -> list[Resolved]:
        """ "the New Patriotic Party (NPP)": later "NPP" is an alias of that mention (of the
        nearest introduction before it when the same letters are introduced twice)."""
        introduced: dict[str, list[tuple[int, Resolved]]] = defaultdict(list)
        taken = [(r.mention.start, r.mention.end) for r in resolved]
        for r in resolved:
            actor = r.mention.actor
            match = ACRONYM_RE.match(self.text, r.mention.end)
            if match is None or actor is None or actor.kind == "person":
                continue
            introduced[match.group(1)].append((match.start(1), _root(r)))
            taken.append((match.start(1), match.end(1)))
        if not introduced:
            return resolved
        occupied = SpanIndex(taken)
        added: list[Resolved] = []
        for word in WORD_RE.finditer(self.text):
            intros = introduced.get(word.group())
            start, end = word.span()
            if not intros or start <= intros[0][0] or occupied.overlaps(start, end):
                continue
            at = bisect_right([offset for offset, _ in intros], start) - 1
            origin = intros[at][1]
            mention = Mention(
                start,
                end,
                word.group(),
                actor=None,
                kind="alias",
                why=f"acronym of {origin.mention.text!r}, introduced in brackets",
            )
            added.append(Resolved(mention, antecedent=origin))
        return sorted([*resolved, *added], key=lambda x: x.mention.start)

    @staticmethod
    def propagate(resolved: list[Resolved]) -> None:
        """Give every linked mention a copy of its full mention's (completed) actor."""
        for current in resolved:
            if current.antecedent is not None:
                root = _root(current)
                actor = root.mention.actor
                current.mention.actor = replace(actor) if actor else None
                current.needs_country = False

    def add_pronouns(self, resolved: list[Resolved]) -> list[Resolved]:
        """The mentions plus a pronoun mention for every he/she/it that resolves; text order."""
        people = [r for r in resolved if _is_person(r) and r.mention.actor]
        bodies = [r for r in resolved if _is_body(r)]
        out = [*resolved, *self._pronouns(people), *self._it(bodies)]
        out.sort(key=lambda r: r.mention.start)
        return out

    def _link_nominal(self, current: Resolved, people: list[Resolved]) -> bool:
        mention = current.mention
        here = self.sentence(mention.start)
        for earlier in reversed(people):
            if here - self.sentence(earlier.mention.start) > WINDOW_SENTENCES:
                break
            root = _root(earlier)
            role = root.mention.actor.role if root.mention.actor else None
            wanted = current.nominal_role or ""
            if role and (role == wanted or (wanted in GENERIC_ROLES and wanted in role)):
                current.antecedent = root
                current.person, current.gender = root.person, root.gender
                mention.why = f"'{mention.text}' refers back to {root.mention.text!r} ({role})"
                return True
        return False

    def _tokens(self, pattern: re.Pattern[str]) -> Iterator[Token]:
        """The Doc's tokens at the regex matches (cheaper than walking every token)."""
        for match in pattern.finditer(self.text):
            span = self.doc.char_span(match.start(), match.end())
            if span is not None and len(span) == 1:
                yield span[0]

    def _before(
        self, mentions: list[Resolved], starts: list[int], offset: int, window: int
    ) -> list[Resolved]:
        """The mentions (sorted by start) ending before ``offset`` in its sentence or the
        ``window`` sentences before it, in text order; only that stretch is looked at."""
        here = self.sentence(offset)
        found: list[Resolved] = []
        for at in range(bisect_left(starts, offset) - 1, -1, -1):
            candidate = mentions[at]
            if here - self.sentence(candidate.mention.start) > window:
                break
            if candidate.mention.end <= offset:
                found.append(candidate)
        found.reverse()
        return found

    def _it(self, bodies: list[Resolved]) -> list[Resolved]:
        """ "The Kremlin gave its account. It said ...": a subject "it" refers to the body that
        was the subject of the same or the previous sentence."""
        found: list[Resolved] = []
        subjects = [b for b in bodies if self.subject_rank(b)]
        starts = [b.mention.start for b in subjects]
        for token in self._tokens(IT_RE):
            if token.dep_ not in NOMINAL_SUBJECTS or self.in_quote(token.idx):
                continue
            if token.head.lemma_ not in speech.shared().speech_verbs:  # not "it is", "it includes"
                continue
            candidates = self._before(subjects, starts, token.idx, 1)
            if not candidates:
                continue
            root = _root(candidates[-1])
            actor = root.mention.actor
            assert actor is not None
            mention = Mention(
                token.idx,
                token.idx + len(token.text),
                token.text,
                actor=replace(actor),
                kind="pronoun",
                why=_it_why(token, root),
                confidence=0.6,
            )
            found.append(Resolved(mention, None, None, antecedent=root))
        return found

    def _pronouns(self, people: list[Resolved]) -> list[Resolved]:
        found: list[Resolved] = []
        if not people:
            return found
        ranks = {id(p): self.subject_rank(p) for p in people}
        starts = [p.mention.start for p in people]
        for token in self._tokens(PRONOUN_RE):
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None or self.in_quote(token.idx):
                continue
            here = self.sentence(token.idx)
            candidates = [
                p
                for p in self._before(people, starts, token.idx, WINDOW_SENTENCES)
                if (p.gender or _root(p).gender) in (None, gender)
            ]
            if not candidates:
                continue
            same = [p for p in candidates if self.sentence(p.mention.start) == here]
            before = [p for p in candidates if self.sentence(p.mention.start) < here]
            # the same sentence first when its main subject is a candidate ("Trump, himself,");
            # people inside reported content ("Merkel told Putin that ..., he said") are not
            # the reporter
            main_here = bool(same) and max(ranks[id(p)] for p in same) == 2
            pool = same if main_here or not before else before
            best = max(ranks[id(p)] for p in pool)
            subject_candidates = [p for p in pool if ranks[id(p)] == best] if best else []
            chosen = (subject_candidates or pool)[-1]
            root = _root(chosen)
            if root.mention.actor is None:
                continue
            distance = here - self.sentence(chosen.mention.start)
            reason = "subject" if subject_candidates else "person"
            why = (
                f"'{token.text}' -> {root.mention.text!r}: most recent compatible {reason} "
                f"({distance} sentence{'s' if distance != 1 else ''} back)"
            )
            mention = Mention(
                token.idx,
                token.idx + len(token.text),
                token.text,
                actor=replace(root.mention.actor),
                kind="pronoun",
                why=why,
                confidence=0.8 if subject_candidates else 0.6,
            )
            found.append(Resolved(mention, gender, root.person, antecedent=root))
        return found


class _NameIndex:
    """The people mentioned so far, by the words that may stand for them later: every proper
    prefix and suffix of the full name ("Denisov", "Andrey" for "Andrey Denisov") and the
    knowledge-base person. Lookups cost the same however many people came before."""

    def __init__(self) -> None:
        self.count = 0
        self.by_words: dict[tuple[str, ...], tuple[int, Resolved]] = {}
        self.by_person: dict[int, tuple[int, Resolved]] = {}

    def add(self, resolved: Resolved) -> None:
        self.count += 1
        root = _root(resolved)
        full = tuple(root.mention.text.split())
        for size in range(1, len(full)):
            self.by_words[full[:size]] = (self.count, root)
            self.by_words[full[-size:]] = (self.count, root)
        if root.person is not None:
            self.by_person[id(root.person)] = (self.count, root)

    def antecedent(self, current: Resolved) -> Resolved | None:
        """The most recent earlier person the current mention may stand for: the same
        knowledge-base person, or (for a name the knowledge base does not place) a person whose
        full name starts or ends with the current mention's words."""
        found = []
        if current.person is not None and id(current.person) in self.by_person:
            found.append(self.by_person[id(current.person)])
        actor = current.mention.actor
        if actor is not None and actor.country is None:
            part = self.by_words.get(tuple(current.mention.text.split()))
            if part is not None:
                found.append(part)
        return max(found, key=lambda pair: pair[0])[1] if found else None


def _link_alias(current: Resolved, names: _NameIndex) -> None:
    """ "Denisov" after "Andrey Denisov": an alias of the earlier full mention."""
    mention = current.mention
    root = names.antecedent(current)
    if root is None:
        return
    if current.person is not None and root.person is current.person and mention.kind == "name":
        return  # a repeated full name is its own full mention
    current.antecedent = root
    mention.kind = "alias"
    current.person = root.person
    current.gender = current.gender or root.gender
    mention.why = f"alias of {root.mention.text!r} earlier in the article"


def _is_body(resolved: Resolved) -> bool:
    """An organisation or a government standing in for its country ("the Kremlin")."""
    actor = resolved.mention.actor
    if actor is None or actor.kind == "person" or not actor.country:
        return False
    return actor.kind == "organisation" or resolved.mention.kind == "metonym"


def _is_person(resolved: Resolved) -> bool:
    actor = resolved.mention.actor
    return actor is not None and actor.kind == "person"


def _it_why(token: Token, root: Resolved) -> str:
    return f"'{token.text}' -> {root.mention.text!r}: the body that was the subject just before"


def _root(resolved: Resolved) -> Resolved:
    while resolved.antecedent is not None:
        resolved = resolved.antecedent
    return resolved
