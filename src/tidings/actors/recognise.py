"""Find actor surfaces in an article: dictionary matches over tokens plus spaCy PERSON names.

The text is tokenised with the same regex as the knowledge base's surface forms, and at each
token the longest n-gram present in the index wins (one dict lookup per candidate length, and
only at tokens that can start an entry). spaCy's PERSON entities add the people the knowledge
base does not know. The result is a list of :class:`Item` in text order, without overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from tidings.actors.knowledge import TOKEN_RE, Entry, KnowledgeBase, fold


@dataclass(slots=True)
class Item:
    """A recognised surface: a dictionary entry, or an unknown person name (entry None)."""

    start: int
    end: int
    text: str
    entry: Entry | None  # None = a person name spaCy found that the knowledge base lacks

    @property
    def type(self) -> str:
        return self.entry.type if self.entry else "person"


def text_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded token) for every matching token of the text."""
    return [(m.start(), m.end(), fold(m.group())) for m in TOKEN_RE.finditer(text)]


def dictionary_items(text: str, kb: KnowledgeBase) -> list[Item]:
    """Longest-match dictionary lookups, left to right, non-overlapping."""
    toks = text_tokens(text)
    words = [t[2] for t in toks]
    items: list[Item] = []
    i, n = 0, len(toks)
    while i < n:
        if words[i] not in kb.first_tokens:
            i += 1
            continue
        for length in range(min(kb.max_len, n - i), 0, -1):
            entries = kb.index.get(tuple(words[i : i + length]))
            if entries:
                start, end = toks[i][0], toks[i + length - 1][1]
                items.append(Item(start, end, text[start:end], entries[0]))
                i += length
                break
        else:
            i += 1
    return items


def person_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of spaCy PERSON entities."""
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]


def recognise(text: str, doc: Doc, kb: KnowledgeBase) -> list[Item]:
    """Dictionary items merged with spaCy PERSON names, in text order."""
    items = [i for i in dictionary_items(text, kb) if i.type != "block"]
    persons = person_spans(doc)
    items = [i for i in items if not _part_of_longer_name(i, persons, items)]
    for start, end in persons:
        start, end = _strip_known(start, end, items, text)
        if end <= start or not text[start].isupper():
            continue
        if any(i.start < end and start < i.end for i in items):
            continue
        items.append(Item(start, end, text[start:end], None))
    items.sort(key=lambda i: i.start)
    return items


def _part_of_longer_name(item: Item, persons: list[tuple[int, int]], items: list[Item]) -> bool:
    """A country or capital inside a longer person name ("Jordan" in "Michael Jordan")."""
    if item.entry is None or item.type != "country" or item.entry.form not in {"name", "capital"}:
        return False
    for start, end in persons:
        if start <= item.start and item.end <= end and end - start > item.end - item.start:
            return not any(o is not item and start <= o.start and o.end <= end for o in items)
    return False


def _strip_known(start: int, end: int, items: list[Item], text: str) -> tuple[int, int]:
    """Drop leading titles and countries spaCy put inside a PERSON span ("President Putin")."""
    moved = True
    while moved:
        moved = False
        for item in items:
            if item.start == start and item.end < end:
                start = item.end
                while start < end and not text[start].isalnum():
                    start += 1
                moved = True
    return start, end
