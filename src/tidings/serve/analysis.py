"""Event analysis endpoints: ``GET /dyads`` (a network), ``/aggregates`` (any grouping of the
query API) and ``/places`` (a map), each with the event filters.

(No ``from __future__ import annotations``: the parameter models are made at import time and
FastAPI reads the annotations as objects.)
"""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from tidings.serve.common import MAX_PAGE, json_response, query_model, split, store_of
from tidings.store.query import GROUP_ALIASES, GROUP_KEYS, MEASURES, EventFilter, places_sql

GroupKey = Literal[tuple([*GROUP_ALIASES, *GROUP_KEYS])]  # type: ignore[valid-type]
Measure = Literal[tuple(MEASURES)]  # type: ignore[valid-type]

router = APIRouter(tags=["analysis"])


class _Network(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Literal["actor", "country"] = Field(
        "country", description="Pairs of countries, or of actors (country + sector codes)."
    )
    limit: int = Field(500, ge=0, le=MAX_PAGE, description="Rows per page.")


class _Grouping(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    by: list[GroupKey] = Field(["dyad", "month"], max_length=6, description="Group keys.")
    measures: list[Measure] = Field(
        ["count", "goldstein"], min_length=1, max_length=12, description="Measures."
    )
    limit: int = Field(MAX_PAGE, ge=0, le=MAX_PAGE, description="Rows per page.")


class _Map(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    limit: int = Field(MAX_PAGE, ge=0, le=MAX_PAGE, description="Places per page.")


DyadsQuery = query_model(EventFilter, "DyadsQuery", _Network)
AggregatesQuery = query_model(EventFilter, "AggregatesQuery", _Grouping)
PlacesQuery = query_model(EventFilter, "PlacesQuery", _Map)


@router.get("/dyads")
def dyads(request: Request, query: Annotated[DyadsQuery, Query()]) -> Response:
    """Source-target pairs with event counts and Goldstein sums/means (for networks)."""
    filters, limit, offset = split(query)
    level = filters.pop("level")
    keys = ("source", "target") if level == "actor" else ("source_country", "target_country")
    table = store_of(request).aggregate(
        by=keys,
        measures=["count", "goldstein", "goldstein_mean", "articles"],
        limit=limit,
        offset=offset,
        **filters,
    )
    rows = [
        {"source": row.pop(keys[0]), "target": row.pop(keys[1]), **row} for row in table.to_pylist()
    ]
    return json_response({"level": level, "limit": limit, "offset": offset, "items": rows})


@router.get("/aggregates")
def aggregates(request: Request, query: Annotated[AggregatesQuery, Query()]) -> Response:
    """Events grouped by the ``by`` keys with the chosen ``measures``."""
    filters, limit, offset = split(query)
    by, measures = filters.pop("by"), filters.pop("measures")
    table = store_of(request).aggregate(
        by=by, measures=measures, limit=limit, offset=offset, **filters
    )
    return json_response(
        {
            "by": by,
            "measures": measures,
            "limit": limit,
            "offset": offset,
            "items": table.to_pylist(),
        }
    )


@router.get("/places")
def places(request: Request, query: Annotated[PlacesQuery, Query()]) -> Response:
    """Where events happened: each resolved place with its coordinates, number of events and
    their mean Goldstein score (for the dashboard's map)."""
    filters, limit, offset = split(query)
    statement, params = places_sql(limit=limit, offset=offset, **filters)
    rows = store_of(request).sql(statement, params).to_pylist()
    return json_response({"limit": limit, "offset": offset, "items": rows})
