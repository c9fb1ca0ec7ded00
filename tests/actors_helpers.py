"""Helpers for the actors tests: code one text at a date and find mentions by their words."""

from __future__ import annotations

from datetime import date

from tidings.model import Article, Mention
from tidings.pipeline import Pipeline


def code(pipeline: Pipeline, text: str, on: str | None = "2019-06-01") -> Article:
    article = Article(text=text, published=date.fromisoformat(on) if on else None)
    return pipeline(article)


def mention(article: Article, text: str, nth: int = 0) -> Mention:
    """The ``nth`` mention whose text is exactly ``text`` (fails the test if absent)."""
    found = [m for m in article.mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} (#{nth}) in {[m.text for m in article.mentions]}"
    return found[nth]


def codes(article: Article) -> dict[str, str]:
    """Mention text -> CAMEO-style code, for the first mention of each text."""
    out: dict[str, str] = {}
    for m in article.mentions:
        out.setdefault(m.text, m.actor.code if m.actor else "?")
    return out
