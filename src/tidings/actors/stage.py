"""The ``actors`` stage: actor mentions (``article.mentions``) and places (``article.places``).

Everything expensive (knowledge base, surface index, gazetteer) is built once in :func:`create`;
per article the stage does dict lookups over tokens, reads spaCy's PERSON/GPE entities and
dependency labels from the already parsed Doc, and links mentions within the article.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tidings import isolation, layout
from tidings.actors import compiled
from tidings.actors.context import ContextCountries
from tidings.actors.coref import Linker
from tidings.actors.knowledge import KnowledgeBase, build
from tidings.actors.namesakes import NameMemory
from tidings.actors.places import Gazetteer, find_places
from tidings.actors.recognise import recognise
from tidings.actors.resolve import Resolved, Resolver, build_phrases
from tidings.config import PipelineConfig
from tidings.model import Article, Mention


class ActorsStage:
    """Recognise, resolve and link actor mentions; resolve places."""

    name = "actors"
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("mentions", "places")

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer):
        self.kb = kb
        self.gazetteer = gazetteer

    def __call__(self, article: Article, doc: Doc) -> None:
        text = article.analysed_text
        dateline = (article.dateline.start, article.dateline.end) if article.dateline else (0, 0)
        resolver = Resolver(self.kb, text, article.published, dateline)
        items = recognise(text, doc, self.kb)
        resolver.memory = NameMemory.of(items)
        resolved: list[Resolved] = []
        for phrase in build_phrases(text, items):
            with isolation.expression(article, self.name, phrase.start, phrase.end):
                resolved.extend(resolver.resolve(phrase))
        linker = Linker(doc, text, layout.recorded(article, doc))
        resolved = linker.link_names(resolved)
        dateline_country = self._dateline_country(article)
        context = ContextCountries(doc, resolved, items, resolver, dateline_country, linker.layout)
        context.complete(resolved, resolver)
        resolved = linker.acronyms(resolved)
        linker.propagate(resolved)
        # a nominal ("the ambassador") or a body ("the troops") that neither links back nor
        # gets a country from its context is generic: not an actor mention
        # (unnamed sources, witnesses and groups stay: their words are what the text says)
        resolved = [
            r for r in resolved if r.anonymous or not (r.needs_country and r.mention.kind != "name")
        ]
        article.mentions = _numbered(linker.add_pronouns(resolved), article)
        article.places = find_places(article, doc, items, self.gazetteer, resolver)

    def _dateline_country(self, article: Article) -> str | None:
        if not article.dateline_place:
            return None
        found = self.gazetteer.city(article.dateline_place)
        return found.country if found else None


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
    """Build the stage once: knowledge base (with ``config.actors.files``) and gazetteer."""
    return ActorsStage(build(config.actors.files), compiled.shipped()[1])
