"""Build the spaCy pipeline once and run the named stages, in order, over each Article.

A stage is any object with a ``name`` and a ``__call__(article, doc)`` that reads and adds
annotations on the :class:`~tidings.model.Article`; stages never call each other. Stages are
looked up by name in :data:`STAGES` (module paths, imported lazily); each module provides
``create(config) -> Stage``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from tidings import nlp
from tidings.chunking import pipe_chunked
from tidings.model import Article

#: Stage name -> module providing ``create(config)``. Order here is not run order.
STAGES: dict[str, str] = {
    "actors": "tidings.actors.stage",
    "time": "tidings.time.stage",
    "quotes": "tidings.quotes.stage",
    "events": "tidings.events.stage",
    "dating": "tidings.time.dating",
}
DEFAULT_STAGES: tuple[str, ...] = ("actors", "time", "quotes", "events", "dating")


class Stage(Protocol):
    name: str

    def __call__(self, article: Article, doc: Doc) -> None: ...


@dataclass
class PipelineConfig:
    """Everything that changes what the pipeline produces."""

    model: str | None = None  # spaCy model name; None = default resolution
    stages: tuple[str, ...] = DEFAULT_STAGES
    actor_files: tuple[Path, ...] = ()  # user dictionaries (--actors)
    options: dict[str, Any] = field(default_factory=dict)


class Pipeline:
    """The spaCy model plus the tidings stages, loaded once and reused."""

    def __init__(self, config: PipelineConfig | None = None, *, nlp_model: Language | None = None):
        self.config = config or PipelineConfig()
        self.nlp = nlp_model or nlp.load(self.config.model)
        self.stages: list[Stage] = [create_stage(name, self.config) for name in self.config.stages]

    def parse(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """One Doc per text; texts of any length (long ones are parsed in pieces, joined)."""
        return pipe_chunked(self.nlp, texts, batch_size=batch_size)

    def annotate(self, article: Article, doc: Doc) -> Article:
        """Run every stage over an already parsed article (annotations are replaced)."""
        article.clear_annotations()
        for stage in self.stages:
            stage(article, doc)
        return article

    def process(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Article]:
        """Parse and annotate articles, streaming (memory stays flat for any corpus size)."""
        pending: list[Article] = []

        def texts() -> Iterator[str]:
            for article in articles:
                pending.append(article)
                yield article.analysed_text

        for doc in self.parse(texts(), batch_size=batch_size):
            yield self.annotate(pending.pop(0), doc)

    def __call__(self, article: Article) -> Article:
        return next(self.process([article]))


def create_stage(name: str, config: PipelineConfig) -> Stage:
    """Instantiate the stage registered under ``name``."""
    try:
        module_path = STAGES[name]
    except KeyError:
        raise ValueError(f"unknown stage {name!r}; known: {', '.join(STAGES)}") from None
    return importlib.import_module(module_path).create(config)
