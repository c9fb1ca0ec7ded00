"""What the REST routers share: the store of the running app, paging, JSON answers, sources."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from tidings.store import Store
from tidings.store.query import Filter

MAX_PAGE = 1000  # rows per page of a list endpoint
#: Table -> its column naming where an article was read from (shown by :func:`shown_source`).
SOURCE_COLUMNS = {"articles": "source", "events": "article_source"}


class ApiPage(BaseModel):
    """A page of a list endpoint."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    limit: int = Field(100, ge=0, le=MAX_PAGE, description="Rows per page.")
    offset: int = Field(0, ge=0, le=10_000_000, description="Rows to skip.")


def query_model(filters: type[Filter], name: str, *extra: type[BaseModel]) -> type[BaseModel]:
    """The query parameters of an endpoint: a table's filters, paging and ``extra`` fields;
    unknown parameters are refused (422) because every part forbids extra fields."""
    return type(name, (*extra, ApiPage, filters), {"__doc__": filters.__doc__})


def split(params: BaseModel) -> tuple[dict[str, Any], int, int]:
    """(filters that are set, limit, offset) of a query model built by :func:`query_model`."""
    values = {k: v for k, v in params.model_dump().items() if v is not None}
    return values, values.pop("limit"), values.pop("offset")


def store_of(request: Request) -> Store:
    return request.app.state.store


def shown_source(request: Request, source: str | None) -> str | None:
    """An article's source as the API shows it: URLs and relative paths as the user gave them,
    an absolute local path as its file name (unless the server was started with full paths)."""
    if source is None or request.app.state.full_paths or "://" in source:
        return source
    path = PurePath(source)
    return path.name if path.is_absolute() else source


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def json_response(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, default=_default, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json")


def page_response(request: Request, table: str, params: BaseModel) -> Response:
    """``{total, limit, offset, items}`` of one page of ``table`` under the query's filters."""
    filters, limit, offset = split(params)
    rows, total = store_of(request).page(table, limit=limit, offset=offset, **filters)
    items = rows.to_pylist()
    key = SOURCE_COLUMNS.get(table)
    for item in items:
        if key in item:
            item[key] = shown_source(request, item[key])
    return json_response({"total": total, "limit": limit, "offset": offset, "items": items})
