"""Dependency-parse helpers shared by the stages that read spaCy's parse (events, quotes, actors).

Each helper answers one question about a word's place in the parse: its subject (also through a
passive's agent, a controlling verb or a coordinated clause), its object, the object of a
preposition, the saying verb whose reported clause it heads. Labels are those of spaCy's English
models (ClearNLP dependency scheme).
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

#: Active subjects (a passive's subject is its theme, see ``NOMINAL_SUBJECTS``).
SUBJECTS = frozenset({"nsubj", "csubj"})
#: Nominal subjects, active and passive.
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "dative", "obj"})
#: Dependents that name who a noun belongs to or what kind it is ("U.S. draft", "China's plan").
MODIFIERS = frozenset({"compound", "amod", "poss", "nmod"})
#: Verbs whose object is also the subject of their complement ("urged X to withdraw").
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "call", "press", "order", "invite", "allow", "force", "tell"}
)
#: Dependencies through which the parser may hang a passive's "by" phrase on its complement.
_STRAY_AGENT_PATH = frozenset({"xcomp", "prep", "pobj"})
#: Words the parser may put between an apposition it misplaced and the verb it is subject of.
_SKIPPABLE_POS = frozenset({"ADV", "PUNCT", "AUX", "PART", "CCONJ"})
_SKIPPABLE_DEPS = frozenset({"conj", "cc", "compound", "dep", "preconj"})


def pobj(prep: Token) -> Token | None:
    """The object of a preposition ("with *China*", "by *attacking*")."""
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def has_prep_child(token: Token, word: str) -> bool:
    """Whether the word governs the preposition ``word`` ("talks *with*")."""
    return any(c.dep_ == "prep" and c.lower_ == word for c in token.children)


def negated(token: Token) -> bool:
    """Whether the word carries a negation ("did *not* meet")."""
    return any(c.dep_ == "neg" for c in token.children)


def verb_lemmas(verb: Token) -> set[str]:
    """The verb's lemma, and its bare form when the lemmatiser misreads a past form
    ("staged" as a form of "stag")."""
    lemmas = {verb.lemma_.lower()}
    form = verb.lower_
    if verb.tag_ in ("VBD", "VBN") and form.endswith("ed"):
        lemmas |= {form[:-1], form[:-2]}
    return lemmas


def direct_object(verb: Token) -> Token | None:
    """The verb's object, else the subject of its passive (what is acted upon)."""
    for child in verb.children:
        if child.dep_ in OBJECTS:
            return child
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def subject(verb: Token) -> tuple[Token | None, bool]:
    """The agent of a verb and whether it was inherited from another clause: its subject, a
    passive's agent, else the controller or the subject of the clause it depends on."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects:  # the nearest before the verb ("CITY, May 2 - X rejected ...": X)
        before = [c for c in subjects if c.i < verb.i]
        return (before[-1] if before else subjects[0]), False
    for child in verb.children:
        if child.dep_ == "agent":
            return pobj(child), False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return stray_agent(verb), False
    head = verb.head
    if head.i == verb.i:
        return appositive_subject(verb), True
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ in OBJECTS), None)
            if obj is not None:
                return obj, True
        return subject(head)[0], True
    if verb.dep_ in ("conj", "advcl", "pcomp"):
        return subject(head)[0], True
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
        return head, True
    return appositive_subject(verb), True


def stray_agent(verb: Token) -> Token | None:
    """The agent of a passive verb whose "by" phrase the parser hung on a noun of the verb's
    complement after another of the noun's phrases ("was invited to address a panel of the
    parliament by X"). A "by" phrase right after its noun is that noun's own agent ("was urged to
    accept the offer by X": X made the offer), as for a nominal object."""
    for by in verb.subtree:
        host = by.head
        if by.lower_ != "by" or by.dep_ != "prep" or host.i == verb.i or host.dep_ != "pobj":
            continue
        if not any(c.dep_ == "prep" and c.i < by.i for c in host.children):
            continue
        head = host
        while head.i != verb.i and head.dep_ in _STRAY_AGENT_PATH:
            if head.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in head.children):
                break  # "was asked to be examined by X": X examines
            head = head.head
        agent = pobj(by)
        if head.i == verb.i and agent is not None and agent.pos_ in ("PROPN", "NOUN"):
            return agent if agent.ent_type_ not in ("DATE", "TIME") else None
    return None


def appositive_subject(verb: Token) -> Token | None:
    """A subject the parser hung as an apposition just before the verb ("with X, Y said")."""
    for i in range(verb.i - 1, max(verb.sent.start, verb.i - 6) - 1, -1):
        token = verb.doc[i]
        if token.dep_ == "appos" and token.pos_ in ("PROPN", "NOUN"):
            return token
        if token.pos_ not in _SKIPPABLE_POS and token.dep_ not in _SKIPPABLE_DEPS:
            return None
    return None


def reporting_verb(
    verb: Token, speech_verbs: Collection[str], through: Collection[str] = ("ccomp", "conj")
) -> Token | None:
    """The saying verb (a lemma of ``speech_verbs``) whose reported clause this verb heads,
    climbing at most three clauses through the dependencies ``through``."""
    current = verb
    for _ in range(3):
        if current.dep_ not in through or current.head is current:
            return None
        current = current.head
        if current.lemma_.lower() in speech_verbs:
            return current
    return None


def paragraph_between(a: Token, b: Token) -> bool:
    """Whether a paragraph break separates the two words."""
    first, last = (a, b) if a.i < b.i else (b, a)
    return any("\n" in word.text_with_ws for word in first.doc[first.i : last.i])
