"""Within-article links: surnames, nominals ("the ambassador") and pronouns to full mentions.

Conservative by design. A later mention is linked only when

* **surname/alias**: its words are the last word(s) of an earlier person's full name
  ("Denisov" -> "Andrey Denisov"), or it is the same knowledge-base person;
* **nominal**: "the <role>" and an earlier person in the last few sentences holds that role
  ("the ambassador" -> "Andrey Denisov");
* **pronoun**: he/him/his/himself, she/her/hers/herself outside quotation marks, and a person of
  compatible gender was mentioned in this or the previous few sentences. People earlier in the
  same sentence come first; among the candidates the most recent *subject* (the speaker, in
  "X said ... he said") wins, failing that the most recent person.

Linked mentions carry the antecedent's Actor and ``antecedent`` = the id of the full mention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc

from tidings.actors.resolve import Resolved
from tidings.model import Mention

PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: How many sentences back a pronoun or nominal may look for its antecedent.
WINDOW_SENTENCES = 6
QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"\n]*\"|``[^'\n]*''")
#: Role words that match any more specific role containing them ("the minister").
GENERIC_ROLES = frozenset({"minister", "official", "leader"})


class Linker:
    """Links the resolved mentions of one article to each other."""

    def __init__(self, doc: Doc, text: str):
        self.doc = doc
        self.text = text
        self.sentence_starts = [s.start_char for s in doc.sents]
        self.quotes = [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)]

    def sentence(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset) - 1

    def in_quote(self, start: int) -> bool:
        return any(a < start < b for a, b in self.quotes)

    def is_subject(self, resolved: Resolved) -> bool:
        mention = resolved.mention
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ in SUBJECT_DEPS:
            return True
        return root.dep_ in {"appos", "compound", "conj"} and root.head.dep_ in SUBJECT_DEPS

    def link_names(self, resolved: list[Resolved]) -> list[Resolved]:
        """Link surnames and nominals to earlier full mentions, in place; text order.

        A nominal with nothing to refer back to keeps ``needs_country`` so the context may
        still place it ("the president" in an article about one country).
        """
        resolved.sort(key=lambda r: r.mention.start)
        people: list[Resolved] = []
        for current in resolved:
            if current.nominal_role is not None:
                current.needs_country = not self._link_nominal(current, people)
            elif _is_person(current):
                self._link_alias(current, people)
            if _is_person(current):
                people.append(current)
        return resolved

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
        """The mentions plus a pronoun mention for every he/she... that resolves; text order."""
        people = [r for r in resolved if _is_person(r) and r.mention.actor]
        out = [*resolved, *self._pronouns(people)]
        out.sort(key=lambda r: r.mention.start)
        return out

    def _link_alias(self, current: Resolved, people: list[Resolved]) -> None:
        mention = current.mention
        words = mention.text.split()
        for earlier in reversed(people):
            root = _root(earlier)
            same_person = current.person is not None and current.person is root.person
            full = root.mention.text.split()
            # "Denisov" for "Andrey Denisov"; "Mobutu" for "Mobutu Sese Seko"
            part = len(words) < len(full) and words in (full[-len(words) :], full[: len(words)])
            if not (same_person or (part and mention.actor and mention.actor.country is None)):
                continue
            if same_person and mention.kind == "name":
                return  # a repeated full name is its own full mention
            current.antecedent = root
            mention.kind = "alias"
            current.person = root.person
            current.gender = current.gender or root.gender
            mention.why = f"alias of {root.mention.text!r} earlier in the article"
            return

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

    def _pronouns(self, people: list[Resolved]) -> list[Resolved]:
        found: list[Resolved] = []
        if not people:
            return found
        subjects = {id(p) for p in people if self.is_subject(p)}
        for token in self.doc:
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None or self.in_quote(token.idx):
                continue
            here = self.sentence(token.idx)
            candidates = [
                p
                for p in people
                if p.mention.end <= token.idx
                and here - self.sentence(p.mention.start) <= WINDOW_SENTENCES
                and (p.gender or _root(p).gender) in (None, gender)
            ]
            if not candidates:
                continue
            same = [p for p in candidates if self.sentence(p.mention.start) == here]
            pool = same or candidates  # a person in the same sentence comes first
            subject_candidates = [p for p in pool if id(p) in subjects]
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


def _is_person(resolved: Resolved) -> bool:
    actor = resolved.mention.actor
    return actor is not None and actor.kind == "person"


def _root(resolved: Resolved) -> Resolved:
    while resolved.antecedent is not None:
        resolved = resolved.antecedent
    return resolved
