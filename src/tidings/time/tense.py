"""The tense of the clause a time expression sits in, read from the spaCy parse.

"said on Friday" is past, "will meet on Friday" future: the tagger uses this to pick which
Friday (or which April, or which year for "Dec. 28") is meant.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

Tense = Literal["past", "present", "perfect", "future"]

FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall", "would", "'d", "may", "might", "could"})
PAST_TAGS = frozenset({"VBD"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
#: Verbs whose infinitive complement lies ahead of them ("plans to meet Friday").
PROSPECTIVE = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "set",
        "intend",
        "agree",
        "decide",
        "hope",
        "want",
        "aim",
        "promise",
        "threaten",
        "vow",
        "pledge",
        "prepare",
        "due",
        "likely",
        "slate",
    }
)
#: Dependencies through which a non-finite verb takes its tense from its head.
CLIMB_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "dep"})


def tokens_of(doc: Doc, start: int, end: int) -> DocSpan | None:
    """The tokens covering the characters ``[start, end)``; None for an empty or blank range."""
    if end <= start:
        return None
    try:
        span = doc.char_span(start, end, alignment_mode="expand")
    except (IndexError, ValueError):  # a range that starts and ends inside whitespace
        return None
    if span is None or (len(span) == 1 and span[0].is_space):
        return None
    return span


def governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb (or auxiliary) a character range depends on, walking up the parse."""
    span = tokens_of(doc, start, end)
    if span is None:
        return None
    token = span.root
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def verb_tense(verb: Token) -> Tense | None:
    """Past, present or future for a verb, looking through infinitives to the finite verb."""
    for _ in range(4):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
            return "future"
        if any(a.lower_ == "going" for a in auxes) or (
            verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children)
        ):
            return "future"
        if verb.tag_ in PAST_TAGS or any(a.tag_ in PAST_TAGS for a in auxes):
            return "past"
        if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
            return "perfect"  # "has threatened a strike on May 17": past act, present relevance
        if verb.tag_ == "VBN" and not auxes:
            return "past"  # a participle: "the plan announced Friday"
        if verb.tag_ in PRESENT_TAGS or any(a.tag_ in PRESENT_TAGS for a in auxes):
            return "present"
        infinitive = verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes)
        head = verb.head
        if infinitive and head.lemma_.lower() in PROSPECTIVE:
            pluperfect = any(c.lower_ == "had" for c in head.children if c.dep_ == "aux")
            if not pluperfect:  # "had been due to expire Friday" is over
                return "future"  # "planned to leave on Thursday", "is set to resume Monday"
        if verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def clause_tense(doc: Doc | None, start: int, end: int) -> Tense | None:
    """The tense governing the characters ``[start, end)``, or None when it cannot be told."""
    if doc is None:
        return None
    verb = governing_verb(doc, start, end)
    return verb_tense(verb) if verb is not None else None
