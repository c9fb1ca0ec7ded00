"""Find actor surfaces in an article: dictionary matches over tokens plus spaCy PERSON names.

The text is tokenised with the same regex as the knowledge base's surface forms, and at each
token the longest n-gram present in the index wins (one dict lookup per candidate length, and
only at tokens that can start an entry). spaCy's PERSON entities add the people the knowledge
base does not know. The result is a list of :class:`Item` in text order, without overlaps.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from tidings.actors.knowledge import TOKEN_RE, Entry, KnowledgeBase, fold
from tidings.actors.spans import SpanIndex

#: Titles that make a bare surname a person ("Mr. Putin").
TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "sheikh", "prince", "gen"})

#: A capitalised word followed by one space, at the end of the searched range.
PREVIOUS_WORD_RE = re.compile(r"(?<![.!?]\s)\b[A-Z][\w'-]*(?= $)")


#: Two to four capitalised words after a space: a name ("Anne Leblanc", "Jean-Marc Dupont").
NAME_RE = re.compile(r" ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3})(?![\w'’-])")
POST_RE = re.compile(r" (?:to|of|for|at) ")
WORD_RE = re.compile(r"\w+")
#: What stands between a name and a role in apposition: ", the", ", a", ", former", ","
APPOSITION_RE = re.compile(r"\s*,\s*(?:(?:the|a|an|former|then)\s+)?")


@dataclass(slots=True)
class Item:
    """A recognised surface: a dictionary entry, or an unknown person name (entry None)."""

    start: int
    end: int
    text: str
    entry: Entry | None  # None = a person name spaCy found that the knowledge base lacks
    candidates: tuple[Entry, ...] = ()  # every meaning of the surface (namesakes), best first

    @property
    def type(self) -> str:
        return self.entry.type if self.entry else "person"


def text_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded token) for every matching token of the text."""
    return [(m.start(), m.end(), fold(m.group())) for m in TOKEN_RE.finditer(text)]


def dictionary_items(text: str, kb: KnowledgeBase) -> list[Item]:
    """Longest-match dictionary lookups, left to right, non-overlapping.

    Hand-kept surfaces match as written; imported names match in any case where the text
    writes them as a name (:func:`written_as_name`). The longer match wins, hand-kept on a tie.
    """
    toks = text_tokens(text)
    words = [t[2] for t in toks]
    lowered = [w.lower() for w in words]
    items: list[Item] = []
    i, n = 0, len(toks)
    while i < n:
        length, entries = _longest(kb.index, kb.first_tokens, kb.max_len, words, i)
        if lowered[i] in kb.name_first_tokens:
            named, name_entries = _longest(
                kb.names,
                kb.name_first_tokens,
                kb.name_max_len,
                lowered,
                i,
                lambda j, k, found: written_as_name(words[j:k], found, kb.particles),
            )
            if named > length:
                length, entries = named, name_entries
        if not length:
            i += 1
            continue
        start, end = toks[i][0], toks[i + length - 1][1]
        candidates = tuple(kb.candidates(tuple(words[i : i + length])))
        items.append(Item(start, end, text[start:end], entries[0], candidates or tuple(entries)))
        i += length
    return items


def _longest(
    index: dict[tuple[str, ...], list[Entry]],
    first_tokens: set[str],
    max_len: int,
    words: list[str],
    i: int,
    accept: Callable[[int, int, list[Entry]], bool] | None = None,
) -> tuple[int, list[Entry]]:
    """(length, entries) of the longest surface of ``index`` starting at word ``i``."""
    if words[i] not in first_tokens:
        return 0, []
    for length in range(min(max_len, len(words) - i), 0, -1):
        entries = index.get(tuple(words[i : i + length]))
        if entries and (accept is None or accept(i, i + length, entries)):
            return length, entries
    return 0, []


def written_as_name(words: list[str], entries: list[Entry], particles: frozenset[str]) -> bool:
    """Whether the text writes these words as a name: every word capitalised (particles such as
    "bin", "al", "de" aside); one word alone must be a capitalised surname or, for an
    organisation, an acronym in capitals ("ANSF", not "Ansf" or "ansf")."""
    letters = [w for w in words if w[:1].isalpha()]
    if not letters:
        return False
    if len(letters) == 1:
        word = letters[0]
        if any(e.type == "person" for e in entries):
            return word[:1].isupper() and not word.isupper()
        return len(word) > 1 and word.isupper()
    return letters[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in particles for w in letters
    )


def person_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of spaCy PERSON entities."""
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]


def recognise(text: str, doc: Doc, kb: KnowledgeBase) -> list[Item]:
    """Dictionary items merged with spaCy PERSON names, in text order."""
    items = [i for i in dictionary_items(text, kb) if i.type != "block"]
    ends = {i.end for i in items}
    items = [i for i in items if not _tail_of_proper_name(i, text, ends, kb.not_name_starts)]
    persons = SpanIndex(person_spans(doc))
    items = _plausible_surnames(_outside_longer_names(items, persons, kb), persons, text)
    person_words = {
        w for s, e in persons.spans for w in text[s:e].split() if len(text[s:e].split()) > 1
    }
    known = SpanIndex((i.start, i.end) for i in items)
    by_start = {i.start: i for i in items}
    names: list[Item] = []
    for start, end in persons.spans:
        start, end = _strip_known(start, end, by_start, text)
        if end <= start or not text[start].isupper() or fold(text[start:end]) in kb.not_persons:
            continue
        if _lone_capital_word(text, start, end) and text[start:end] not in person_words:
            continue  # "Draft talking points ...": a capitalised first word, not a name
        if known.overlaps(start, end):
            continue
        names.append(Item(start, end, text[start:end], None))
    items = sorted([*items, *names], key=lambda i: i.start)
    return _repeated_surnames(text, _names_after_roles(text, items, kb.not_name_starts))


def _names_after_roles(text: str, items: list[Item], not_names: frozenset[str]) -> list[Item]:
    """A capitalised name right after an office ("Ambassador to Mexico Anne Leblanc") is a
    person even where spaCy tags it as something else or not at all."""
    added: list[Item] = []
    replaced: set[int] = set()
    for index, item in enumerate(items):
        if item.type != "role":
            continue
        end = item.end
        following = items[index + 1] if index + 1 < len(items) else None
        post = POST_RE.match(text, end)
        if post and following is not None and following.start == post.end():
            end = following.end  # skip "to Mexico"
            following = items[index + 2] if index + 2 < len(items) else None
        match = NAME_RE.match(text, end)
        if match is None or match.group(1).split()[0] in not_names:
            continue
        start, stop = match.start(1), match.end(1)
        if following is not None and following.start < stop:
            shorter_name = following.entry is None and following.start == start
            if not shorter_name or following.end >= stop:
                continue
            replaced.add(id(following))  # spaCy's "Ali Akbar" of "Ali Akbar Hashemi Rafsanjani"
        added.append(Item(start, stop, text[start:stop], None))
    if not added:
        return items
    kept = [i for i in items if id(i) not in replaced]
    return sorted([*kept, *added], key=lambda i: i.start)


def _repeated_surnames(text: str, items: list[Item]) -> list[Item]:
    """A later bare surname of a person named in full earlier ("Sidorov" after "Oleg
    Sidorov") is a person mention even where spaCy does not tag it.

    One pass over the words of the text: each word is looked up in a dict of the surnames
    that start with it ("Ki" for "Ki-moon"), so the cost does not grow with the names known.
    """
    surnames: dict[str, int] = {}
    for item in items:
        words = item.text.split()
        if item.type == "person" and len(words) > 1 and words[-1][:1].isupper():
            surnames.setdefault(words[-1], item.end)
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for surname in surnames:
        first = WORD_RE.match(surname)
        if first is not None and first.end() > 0 and surname[-1:].isalnum():
            by_first_word[first.group()].append(surname)
    if not by_first_word:
        return items
    taken = SpanIndex((i.start, i.end) for i in items)
    added: list[Item] = []
    last_end = 0
    for word in WORD_RE.finditer(text):
        start = word.start()
        for surname in by_first_word.get(word.group(), ()):
            end = start + len(surname)
            if (
                start >= last_end
                and surnames[surname] <= start
                and text.startswith(surname, start)
                and (end == len(text) or not _word_char(text[end]))
                and not taken.overlaps(start, end)
            ):
                added.append(Item(start, end, surname, None))
                last_end = end
                break
    return sorted([*items, *added], key=lambda i: i.start) if added else items


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _plausible_surnames(items: list[Item], persons: SpanIndex, text: str) -> list[Item]:
    """Keep a bare knowledge-base surname ("Trump", "May") only where it names a person.

    It must be a spaCy PERSON entity on its own, follow a role word or title ("Prime Minister
    May", "Mr. Putin"), or repeat a person named in full earlier in the article; a surname
    inside a longer spaCy name ("Wang" in "Wang Wenbin") leaves the name to spaCy.
    """
    exact = set(persons.spans)
    named_before: set[str] = set()
    kept: list[Item] = []
    previous: Item | None = None
    for at, item in enumerate(items):
        entry = item.entry
        if entry is not None and entry.type == "person" and entry.form == "surname":
            before = TOKEN_RE.findall(text[max(0, item.start - 12) : item.start])
            title = bool(before) and before[-1].lower().rstrip(".") in TITLES
            after_role = (
                previous is not None
                and previous.type == "role"
                and not text[previous.end : item.start].strip()
            )
            enclosing = persons.enclosing(item.start, item.end)
            inside_longer = enclosing is not None and enclosing != (item.start, item.end)
            known = any(
                e.person is not None and e.person.name in named_before
                for e in item.candidates or (entry,)
            )
            apposed = _apposed_role(items, at, text)
            if inside_longer or not (
                (item.start, item.end) in exact or title or after_role or known or apposed
            ):
                previous = item
                continue
        if entry is not None and entry.person is not None:
            named_before.add(entry.person.name)
        kept.append(item)
        previous = item
    return kept


def _apposed_role(items: list[Item], at: int, text: str) -> bool:
    """ "Rice, the national security adviser," or "Rice, Chile's foreign minister,": a role
    in apposition right after the name."""
    following = items[at + 1 : at + 3]
    if not following or not APPOSITION_RE.fullmatch(text, items[at].end, following[0].start):
        return False
    if following[0].type == "role":
        return True
    return (
        len(following) == 2
        and following[0].type == "country"
        and following[1].type == "role"
        and text[following[0].end : following[1].start].strip() in {"'s", "’s", ""}
    )


def _lone_capital_word(text: str, start: int, end: int) -> bool:
    """One word at the start of a sentence or line, where every word is capitalised."""
    if " " in text[start:end].strip():
        return False
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘`")
    return not before or before[-1] in ".!?\n"


def _tail_of_proper_name(item: Item, text: str, ends: set[int], not_names: frozenset[str]) -> bool:
    """A one-word seat closing a longer name ("Congress" in "National Democratic Congress")."""
    if item.entry is None or item.entry.form != "seat" or " " in item.text:
        return False
    before = PREVIOUS_WORD_RE.search(text, max(0, item.start - 40), item.start)
    return before is not None and before.end() not in ends and before.group() not in not_names


def _outside_longer_names(items: list[Item], persons: SpanIndex, kb: KnowledgeBase) -> list[Item]:
    """Drop countries and capitals inside a longer person name ("Michael Jordan", "Jordan
    Peterson").

    At the start of the name only given names count: spaCy often runs a country into the
    name after it ("Ambassador to Argentina Carla Mendes").
    """
    spans = SpanIndex((i.start, i.end) for i in items)
    kept = []
    for item in items:
        entry = item.entry
        name = persons.enclosing(item.start, item.end)
        if (
            entry is not None
            and item.type == "country"
            and entry.form in {"name", "capital"}
            and name is not None
            and name[1] - name[0] > item.end - item.start
            and (item.start != name[0] or fold(item.text) in kb.given_names)
            and spans.within(*name) == [(item.start, item.end)]
        ):
            continue
        kept.append(item)
    return kept


def _strip_known(start: int, end: int, by_start: dict[int, Item], text: str) -> tuple[int, int]:
    """Drop leading titles and countries spaCy put inside a PERSON span ("President Putin")."""
    while start in by_start and by_start[start].end < end:
        start = by_start[start].end
        while start < end and not text[start].isalnum():
            start += 1
    return start, end
