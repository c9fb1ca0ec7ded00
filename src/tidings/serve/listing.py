"""List endpoints, one router per resource: ``GET /events``, ``/quotes``, ``/actors``,
``/clusters``, ``/articles``, each with its table's filters (``tidings.store.query``) and paging.

(No ``from __future__ import annotations`` here: the routes' parameter models are made at run
time and FastAPI reads the annotations as objects.)
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from tidings.serve.common import page_response, query_model
from tidings.store.query import FILTERS

#: Resource -> what its rows are (the endpoint's summary).
RESOURCES = {
    "events": "Events with their participants, codes, scores, date and evidence offsets.",
    "quotes": "Quotes with their speakers.",
    "actors": "Resolved actors with their numbers of mentions and articles, most mentioned first.",
    "clusters": "Deduplicated event and quote clusters stored by `tidings dedup`, one item per "
    "mention, with the cluster's mention count, outlets and first report.",
    "articles": "Articles (metadata and annotation counts), oldest first.",
}


def list_router(table: str) -> APIRouter:
    """``GET /<table>``: one page of rows and the total under the table's filters."""
    router = APIRouter(tags=[table])
    params = query_model(FILTERS[table], f"{table.title()}Query")

    def listing(request: Request, query: Annotated[params, Query()]) -> Response:
        return page_response(request, table, query)

    listing.__doc__ = RESOURCES[table]
    router.add_api_route(f"/{table}", listing, methods=["GET"], name=f"list_{table}")
    return router
