"""One expression a stage cannot read never costs the article.

Stages read an article one expression at a time (a time expression, an actor phrase, a quoted
stretch, an event trigger). A stage wraps the reading of each in :func:`expression`: an
exception there is logged, recorded on the article as a
:class:`~tidings.model.SkippedExpression` (counted in the run summary) and the stage goes on
with the next expression. :func:`stage` is the same net around a whole stage, for an error
outside any expression: that stage's annotations of the article are dropped, and the article
is still coded by the others and stored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from tidings.model import Article, SkippedExpression

log = logging.getLogger("tidings")


@contextmanager
def expression(article: Article | None, stage: str, start: int, end: int) -> Iterator[None]:
    """Run the block; on an error, skip the expression at ``[start, end)`` and record why on
    ``article`` (with no article to record it on, the error propagates)."""
    try:
        yield
    except Exception as err:
        if article is None:
            raise
        _record(article, stage, start, end, err)


@contextmanager
def stage(article: Article, name: str, assigns: tuple[str, ...]) -> Iterator[None]:
    """Run a whole stage; on an error, clear what it assigns and record the article-wide skip."""
    try:
        yield
    except Exception as err:
        for attribute in assigns:
            if "." not in attribute:
                getattr(article, attribute).clear()
        _record(article, name, 0, 0, err)  # an empty span: no one expression, the whole stage


def _record(article: Article, stage: str, start: int, end: int, err: Exception) -> None:
    error = f"{type(err).__name__}: {err}"
    words = article.text[start:end]
    what = f"{words[:80]!r} at {start}-{end}" if end > start else "the whole article"
    log.warning("%s stage skipped %s in article %s: %s", stage, what, article.id, error)
    article.skipped_expressions.append(
        SkippedExpression(start, end, words, stage=stage, error=error)
    )
