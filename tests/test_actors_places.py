"""Places: gazetteer resolution of cities, countries used as locations and the dateline."""

from __future__ import annotations

from datetime import date

from actors_helpers import code
from tidings.model import Article, Span


def test_city_resolves_to_country_coordinates_and_geonames_id(actors_pipeline):
    article = code(actors_pipeline, "President Vladimir Putin said in Vladivostok that talks help.")
    place = next(p for p in article.places if p.text == "Vladivostok")
    assert place.country == "RUS" and place.geonames_id == 2013348
    assert 43 < place.latitude < 44 and 131 < place.longitude < 132
    assert place.id.startswith("p")


def test_country_used_as_a_location_is_a_place(actors_pipeline):
    article = code(actors_pipeline, "The battery was installed in South Korea last week.")
    assert [(p.text, p.country, p.feature) for p in article.places] == [
        ("South Korea", "KOR", "country")
    ]


def test_dateline_place(actors_pipeline):
    text = "NAIROBI, May 3 - Kenyan police dispersed the crowd."
    article = Article(
        text=text,
        published=date(2021, 5, 3),
        dateline=Span(0, 16, text[:16]),
        dateline_place="Nairobi",
    )
    actors_pipeline(article)
    assert any(p.text == "NAIROBI" and p.country == "KEN" for p in article.places)
    assert "NAIROBI" not in {m.text for m in article.mentions}  # a place, not the government
