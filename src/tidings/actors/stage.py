"""The ``actors`` stage: actor mentions (``article.mentions``) and places (``article.places``).

Everything expensive (knowledge base, surface index, gazetteer) is built once in :func:`create`;
per article the stage does dict lookups over tokens, reads spaCy's PERSON/GPE entities and
dependency labels from the already parsed Doc, and links mentions within the article.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.actors.coref import Linker
from tidings.actors.knowledge import TOKEN_RE, KnowledgeBase, build
from tidings.actors.places import Gazetteer, find_places
from tidings.actors.recognise import Item, person_spans, recognise
from tidings.actors.resolve import TITLES, Resolved, Resolver, build_phrases
from tidings.model import Article, Mention
from tidings.pipeline import PipelineConfig


class ActorsStage:
    """Recognise, resolve and link actor mentions; resolve places."""

    name = "actors"

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer):
        self.kb = kb
        self.gazetteer = gazetteer

    def __call__(self, article: Article, doc: Doc) -> None:
        text = article.analysed_text
        dateline = (article.dateline.start, article.dateline.end) if article.dateline else (0, 0)
        resolver = Resolver(self.kb, text, article.published, dateline)
        items = recognise(text, doc, self.kb)
        items = _plausible_surnames(items, doc, text)
        resolved: list[Resolved] = []
        for phrase in build_phrases(text, items):
            resolved.extend(resolver.resolve(phrase))
        linked = Linker(doc, text).link(resolved)
        article.mentions = _numbered(linked, article)
        article.places = find_places(article, doc, items, self.gazetteer, resolver)


def _plausible_surnames(items: list[Item], doc: Doc, text: str) -> list[Item]:
    """Keep a bare knowledge-base surname ("Trump", "May") only where it names a person.

    It must be a spaCy PERSON entity on its own, follow a role word or title ("Prime Minister
    May", "Mr. Putin"), or repeat a person named in full earlier in the article.
    """
    persons = set(person_spans(doc))
    named_before: set[str] = set()
    kept: list[Item] = []
    previous: Item | None = None
    for item in items:
        entry = item.entry
        if entry is not None and entry.type == "person" and entry.form == "surname":
            before = TOKEN_RE.findall(text[max(0, item.start - 12) : item.start])
            title = bool(before) and before[-1].lower().rstrip(".") in TITLES
            after_role = (
                previous is not None
                and previous.type == "role"
                and not text[previous.end : item.start].strip()
            )
            inside_longer = any(
                s <= item.start and item.end <= e and (s, e) != (item.start, item.end)
                for s, e in persons
            )
            known = entry.person is not None and entry.person.name in named_before
            exact = (item.start, item.end) in persons
            if inside_longer or not (exact or title or after_role or known):
                previous = item
                continue
        if entry is not None and entry.person is not None:
            named_before.add(entry.person.name)
        kept.append(item)
        previous = item
    if len(kept) == len(items):
        return kept
    # dropped surnames inside longer names leave room for spaCy's full name
    covered = [(i.start, i.end) for i in kept]
    for start, end in persons:
        if not any(a < end and start < b for a, b in covered) and text[start : start + 1].isupper():
            kept.append(Item(start, end, text[start:end], None))
    kept.sort(key=lambda i: i.start)
    return kept


def _numbered(linked: list[Resolved], article: Article) -> list[Mention]:
    """Mentions in text order with ids m1, m2...; antecedents point at ids; text verbatim."""
    mentions: list[Mention] = []
    for number, resolved in enumerate(linked, start=1):
        resolved.mention.id = f"m{number}"
    for resolved in linked:
        mention = resolved.mention
        mention.text = article.text[mention.start : mention.end]
        if resolved.antecedent is not None:
            mention.antecedent = resolved.antecedent.mention.id
        mentions.append(mention)
    return mentions


def create(config: PipelineConfig) -> ActorsStage:
    """Build the stage once: knowledge base (with ``config.actor_files``) and gazetteer."""
    return ActorsStage(build(config.actor_files), Gazetteer())
