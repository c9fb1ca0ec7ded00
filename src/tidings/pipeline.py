"""Build the spaCy pipeline once and run the named stages, in order, over each Article.

A stage is any object with a ``name``, a ``__call__(article, doc)`` that reads and adds
annotations on the :class:`~tidings.model.Article`, and a contract naming the Article attributes
it touches: ``requires`` (must have been assigned before it runs), ``reads`` (used when present:
if a stage of the pipeline assigns it, that stage must run first) and ``assigns`` (what it
writes; ``"events.date"`` names a field of the items of ``events``). Stages never call each
other. They are looked up by name in :data:`~tidings.config.STAGES` (module paths, imported
lazily); each module provides ``create(config) -> Stage``, reading the options section named
after the stage. A pipeline whose order breaks a contract fails when it is built.
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from typing import ClassVar, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from tidings import isolation, nlp
from tidings.chunking import MAX_PIECE_CHARS, join_pieces, pipe_chunked, split_article
from tidings.config import DEFAULT_STAGES, STAGES, PipelineConfig
from tidings.layout import Layout
from tidings.model import Article

__all__ = ["DEFAULT_STAGES", "STAGES", "Pipeline", "PipelineConfig", "Stage", "StageOrderError"]


#: Called after each piece of an article is coded: the article, characters coded so far.
Progress = Callable[[Article, int], None]


class Stage(Protocol):
    name: str
    requires: ClassVar[tuple[str, ...]]
    reads: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, article: Article, doc: Doc) -> None: ...


class StageOrderError(ValueError):
    """A pipeline whose stages do not provide what a later stage needs."""


class Pipeline:
    """The spaCy model plus the tidings stages, loaded once and reused."""

    #: A longer article is coded in pieces of at most this many characters.
    piece_chars: int = MAX_PIECE_CHARS

    def __init__(self, config: PipelineConfig | None = None, *, nlp_model: Language | None = None):
        self.config = config or PipelineConfig()
        self.nlp = nlp_model or nlp.load(self.config.model)
        self.stages: list[Stage] = [create_stage(name, self.config) for name in self.config.stages]
        check_order(self.stages)

    def parse(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """One Doc per text; texts of any length (long ones are parsed in pieces, joined)."""
        return pipe_chunked(self.nlp, texts, batch_size=batch_size)

    def annotate(self, article: Article, doc: Doc) -> Article:
        """Run every stage over an already parsed article (annotations are replaced). A stage
        that fails on this article leaves its annotations empty and the others run: the error
        is logged and recorded in ``article.skipped_expressions``."""
        article.clear_annotations()
        article.layout = Layout.of(article.analysed_text, doc)
        for stage in self.stages:
            with isolation.stage(article, stage.name, stage.assigns):
                stage(article, doc)
        return article

    def process(
        self,
        articles: Iterable[Article],
        batch_size: int = 32,
        progress: Progress | None = None,
    ) -> Iterator[Article]:
        """Parse and annotate articles, streaming (memory stays flat for any corpus size); a
        long article is coded in pieces (:func:`~tidings.chunking.split_article`), so its cost
        grows linearly with its length and its memory with its annotations only. After each
        piece, ``progress(article, characters coded so far)`` is called if given."""
        pending: deque[tuple[Article, list[tuple[int, Article]]]] = deque()

        def texts() -> Iterator[str]:
            for article in articles:
                pieces = split_article(article, self.piece_chars)
                pending.append((article, pieces))
                for _, piece in pieces:
                    yield piece.analysed_text

        done = 0  # pieces of the oldest pending article annotated so far
        for doc in self.parse(texts(), batch_size=batch_size):
            article, pieces = pending[0]
            offset, piece = pieces[done]
            self.annotate(piece, doc)
            done += 1
            if progress is not None:
                progress(article, offset + len(piece.text))
            if done == len(pieces):
                pending.popleft()
                done = 0
                yield join_pieces(article, pieces)

    def __call__(self, article: Article) -> Article:
        return next(self.process([article]))


def provided_by_reading() -> frozenset[str]:
    """Article attributes every stage may rely on: all but the stages' annotations (the
    ``layout`` among them: the pipeline records it before the first stage)."""
    return frozenset(f.name for f in fields(Article)) - set(Article.ANNOTATIONS)


def check_order(stages: Sequence[Stage]) -> None:
    """Fail, naming the attribute, if a stage needs what no earlier stage assigns."""
    known = {f.name for f in fields(Article)}
    available = set(provided_by_reading())
    assigned_by = {name: stage.name for stage in stages for name in stage.assigns}
    for stage in stages:
        for name in (*stage.requires, *stage.reads, *stage.assigns):
            if name.split(".")[0] not in known:
                raise StageOrderError(
                    f"stage {stage.name!r} declares article.{name}, which the Article does not have"
                )
        for name in (*stage.requires, *stage.reads):
            if name in available:
                continue
            provider = assigned_by.get(name)
            if provider is not None and provider != stage.name:
                raise StageOrderError(
                    f"stage {stage.name!r} reads article.{name}, which {provider!r} assigns "
                    f"after it runs: put {provider!r} before {stage.name!r}"
                )
            if name in stage.requires:
                raise StageOrderError(
                    f"stage {stage.name!r} requires article.{name}, which no stage before it "
                    f"assigns (stages: {', '.join(s.name for s in stages)})"
                )
        available.update(stage.assigns)


def create_stage(name: str, config: PipelineConfig) -> Stage:
    """Instantiate the stage registered under ``name``."""
    try:
        module_path = STAGES[name]
    except KeyError:
        raise ValueError(f"unknown stage {name!r}; known: {', '.join(STAGES)}") from None
    return importlib.import_module(module_path).create(config)
