"""The REST service and dashboard: one router per resource over the store, plus the dashboard.

Every filter is a typed query parameter of the table's filter class (``tidings.store.query``),
handed to the query layer as a bound SQL parameter; nothing a client sends becomes SQL text, and
an unknown parameter is refused. Errors are JSON ``{"detail": ...}``: 422 for requests that do
not validate, 404/401/403/413/503 for their usual meanings, and 500 (logged with its traceback)
for anything else, which is a bug of tidings, never the client's fault.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from tidings.serve import analysis, articles
from tidings.serve.common import json_response, store_of
from tidings.serve.listing import RESOURCES, list_router
from tidings.serve.security import DEFAULT_MAX_BODY, BodyLimit, WritePolicy
from tidings.store import LockTimeout, Store, StoreError
from tidings.store.query import FilterError

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline

log = logging.getLogger("tidings.serve")


def create_app(
    store_path: str | Path,
    *,
    policy: WritePolicy | None = None,
    pipeline_factory: Callable[[], Pipeline] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    lock_timeout: float = 10.0,
    full_paths: bool = False,
) -> FastAPI:
    """The service over the store at ``store_path`` (read-only unless ``policy`` enables writes).

    ``full_paths`` shows where articles were read from as stored (absolute local paths too);
    by default an absolute path is shown as its file name.
    """
    policy = policy or WritePolicy(enabled=False, token=None)
    store = Store(
        store_path, read_only=not policy.enabled, hold_seconds=0, lock_timeout=lock_timeout
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="tidings",
        summary="Political event data coded from news, with the evidence for every field.",
        version="1",
        docs_url=None,  # served below from installed files, not a CDN
        redoc_url=None,
    )
    app.state.store = store
    app.state.policy = policy
    app.state.full_paths = full_paths
    app.state.coder = articles.Coder(pipeline_factory or _default_pipeline)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    _add_error_handlers(app)
    app.get("/stats", tags=["stats"])(stats)
    for table in RESOURCES:
        app.include_router(list_router(table))
    app.include_router(articles.router)
    app.include_router(analysis.router)
    _add_pages(app)
    return app


def stats(request: Request) -> Response:
    """Rows per table and the span of publication dates."""
    store = store_of(request)
    span = store.sql("SELECT min(published) AS first, max(published) AS last FROM articles")
    writes = request.app.state.policy.enabled
    return json_response({"counts": store.counts(), **span.to_pylist()[0], "writes": writes})


def _add_pages(app: FastAPI) -> None:
    """The API docs (Swagger UI from the installed fastapi-offline files) and the dashboard."""
    swagger = str(files("fastapi_offline").joinpath("static"))
    app.mount("/docs-assets", StaticFiles(directory=swagger), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="tidings API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )

    static = files("tidings.serve").joinpath("static")
    app.mount("/dashboard", StaticFiles(directory=str(static), html=True), name="dashboard")

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/dashboard/")


def _default_pipeline() -> Pipeline:
    from tidings.pipeline import Pipeline

    return Pipeline()


def validation_detail(err: RequestValidationError) -> str:
    """One line per problem: ``factuality: unknown factuality 'maybe'; use one of: ...``."""
    lines = []
    for problem in err.errors():
        where = [str(p) for p in problem.get("loc", ()) if p not in ("query", "body", "path")]
        message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")
        if problem.get("type") == "extra_forbidden":
            message = "unknown parameter"
        lines.append(f"{'.'.join(where)}: {message}" if where else message)
    return "; ".join(lines)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, err: RequestValidationError) -> Response:
        return json_response({"detail": validation_detail(err)}, status=422)

    @app.exception_handler(FilterError)
    def bad_filter(request: Request, err: FilterError) -> Response:
        return json_response({"detail": str(err)}, status=422)

    @app.exception_handler(LockTimeout)
    def busy(request: Request, err: LockTimeout) -> Response:
        response = json_response({"detail": str(err)}, status=503)
        response.headers["Retry-After"] = "1"
        return response

    @app.exception_handler(StoreError)
    def store_error(request: Request, err: StoreError) -> Response:
        return json_response({"detail": str(err)}, status=503)

    @app.exception_handler(Exception)
    def unexpected(request: Request, err: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=err)
        return json_response({"detail": f"internal error: {type(err).__name__}"}, status=500)
