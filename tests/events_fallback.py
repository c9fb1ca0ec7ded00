"""A deliberately tiny actor tagger so the events tests do not depend on the actors stage.

Test-only: country names and demonyms from spaCy GPE/NORP entities looked up in pycountry (plus
a few common short forms), and people whose entity follows a demonym ("German Chancellor Angela
Merkel"). The shipped pipeline uses ``tidings.actors``; this only lets events tests build
Articles with mentions from sentences written for them.
"""

from __future__ import annotations

from collections.abc import Callable

import pycountry
from spacy.tokens import Doc

from tidings import nlp as nlp_models
from tidings.config import PipelineConfig
from tidings.events.stage import create
from tidings.model import Actor, Article, Event, Mention, Quote

_SHORT = {
    "u.s.": "USA",
    "us": "USA",
    "united states": "USA",
    "america": "USA",
    "american": "USA",
    "russia": "RUS",
    "russian": "RUS",
    "china": "CHN",
    "chinese": "CHN",
    "britain": "GBR",
    "british": "GBR",
    "uk": "GBR",
    "north korea": "PRK",
    "north korean": "PRK",
    "south korea": "KOR",
    "south korean": "KOR",
    "iran": "IRN",
    "iranian": "IRN",
    "german": "DEU",
    "french": "FRA",
    "japanese": "JPN",
    "israeli": "ISR",
    "syrian": "SYR",
    "turkish": "TUR",
    "ukrainian": "UKR",
    "indian": "IND",
    "pakistani": "PAK",
    "egyptian": "EGY",
    "vietnam": "VNM",
    "syria": "SYR",
    "palestinian": "PSE",
    "venezuela": "VEN",
    "turkey": "TUR",
}
_IGO = {
    "nato",
    "un",
    "united nations",
    "eu",
    "european union",
    "un security council",
    "security council",
}


def country_code(name: str) -> str | None:
    key = name.lower().removeprefix("the ").strip()
    if key in _SHORT:
        return _SHORT[key]
    if key in _IGO:
        return "IGO"
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None


class FallbackActors:
    """Mentions for GPE/NORP/ORG entities that name a country or IGO, and demonym-led people."""

    name = "actors"

    def __call__(self, article: Article, doc: Doc) -> None:
        for n, ent in enumerate(doc.ents):
            code = None
            kind = "country"
            if ent.label_ in ("GPE", "NORP", "ORG"):
                code = country_code(ent.text)
            elif ent.label_ == "PERSON":
                before = [t for t in doc[max(ent.start - 4, ent.sent.start) : ent.start]]
                codes = [country_code(t.text) for t in before if t.ent_type_ == "NORP"]
                code = next((c for c in codes if c), None)
                kind = "person"
            if code is None:
                continue
            sector = "IGO" if code == "IGO" else None
            article.mentions.append(
                Mention(
                    ent.start_char,
                    ent.end_char,
                    article.text[ent.start_char : ent.end_char],
                    id=f"m{n}",
                    actor=Actor(name=ent.text, country=code, sector=sector, kind=kind),
                    kind="name",
                )
            )


def fallback_coder() -> Callable[..., list[Event]]:
    """Code a sentence with spaCy, this tagger and the events stage; quotes may be given."""
    nlp = nlp_models.load()
    actors = FallbackActors()
    stage = create(PipelineConfig())

    def run(text: str, quotes: list[Quote] | None = None) -> list[Event]:
        article = Article(text=text)
        doc = nlp(article.analysed_text)
        actors(article, doc)
        article.quotes = quotes or []
        stage(article, doc)
        return article.events

    return run


def dyad(event: Event) -> tuple[list[str], str, list[str]]:
    """Source countries, type, target countries."""
    return (
        [p.actor.country for p in event.sources],
        event.type,
        [p.actor.country for p in event.targets],
    )
