"""The REST service and dashboard: read endpoints over the store; ``POST /articles`` codes.

Every filter is a typed query parameter handed to the store's query layer as a bound SQL
parameter; nothing a client sends becomes SQL text. Errors are JSON ``{"detail": ...}``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator

from tidings.model import FACTUALITIES, Article, QuoteKind
from tidings.read import ReadResult
from tidings.serve.security import DEFAULT_MAX_BODY, BodyLimit, WritePolicy
from tidings.store import LockTimeout, Store, StoreError
from tidings.store.query import GROUP_ALIASES, GROUP_KEYS, MEASURES

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline

MAX_PAGE = 1000
MAX_TEXT = 1_000_000  # characters of article text accepted by POST /articles

Text = Annotated[str | None, Query(max_length=200)]
Texts = Annotated[list[Annotated[str, Field(max_length=200)]] | None, Query(max_length=20)]
Limit = Annotated[int, Query(ge=0, le=MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
ArticleId = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_.:-]{4,128}$")]
GroupKey = Literal[tuple([*GROUP_ALIASES, *GROUP_KEYS])]  # type: ignore[valid-type]
Measure = Literal[tuple(MEASURES)]  # type: ignore[valid-type]
FactualityName = Literal[FACTUALITIES]  # type: ignore[valid-type]


def event_filters(
    actor: Annotated[str | None, Query(max_length=200, description="Source or target.")] = None,
    source: Text = None,
    target: Text = None,
    dyad: Annotated[
        str | None,
        Query(max_length=400, pattern=r"^[^,]+,[^,]+$", description="SOURCE,TARGET"),
    ] = None,
    type: Texts = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$")] = None,
    quad_class: Annotated[list[Annotated[int, Field(ge=1, le=4)]] | None, Query()] = None,
    factuality: Annotated[list[FactualityName] | None, Query()] = None,
    since: date | None = None,
    until: date | None = None,
    outlet: Texts = None,
    text: Text = None,
    article_id: Texts = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> dict[str, Any]:
    """Event filters (documented in ``tidings.store.query``)."""
    return {
        "actor": actor,
        "source": source,
        "target": target,
        "dyad": dyad,
        "event_type": type,
        "cameo": cameo,
        "quad_class": quad_class,
        "factuality": factuality,
        "since": since,
        "until": until,
        "outlet": outlet,
        "text": text,
        "article_id": article_id,
        "min_confidence": min_confidence,
    }


EventFilters = Annotated[dict[str, Any], Depends(event_filters)]


class ArticleIn(BaseModel):
    """A news report to code: its plain text or its HTML page, plus optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, min_length=1, max_length=MAX_TEXT, description="Plain text.")
    html: str | None = Field(None, min_length=1, max_length=MAX_TEXT, description="HTML page.")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    published: date | None = Field(None, description="Publication date (else from the report).")
    source: str | None = Field(None, max_length=2000, description="URL or name it came from.")
    store: bool = Field(True, description="Store the coded article (False: only return it).")

    @model_validator(mode="after")
    def one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html'")
        return self


def create_app(
    store_path: str | Path,
    *,
    policy: WritePolicy | None = None,
    pipeline_factory: Callable[[], Pipeline] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    lock_timeout: float = 10.0,
) -> FastAPI:
    """The service over the store at ``store_path`` (read-only unless ``policy`` enables writes)."""
    policy = policy or WritePolicy(enabled=False, token=None)
    store = Store(
        store_path, read_only=not policy.enabled, hold_seconds=0, lock_timeout=lock_timeout
    )
    coder = _Coder(pipeline_factory or _default_pipeline)

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
    app.add_middleware(BodyLimit, max_bytes=max_body)
    _add_error_handlers(app)

    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if not policy.enabled:
            raise HTTPException(403, "this server is read-only (start it with writes enabled)")
        if not policy.allows(authorization):
            raise HTTPException(
                401,
                "a valid bearer token is required for writes",
                headers={"WWW-Authenticate": "Bearer"},
            )

    # -- read endpoints ---------------------------------------------------------------------

    @app.get("/stats", tags=["read"])
    def stats() -> Response:
        """Rows per table and the span of publication dates."""
        span = store.sql("SELECT min(published) AS first, max(published) AS last FROM articles")
        return _json({"counts": store.counts(), **span.to_pylist()[0], "writes": policy.enabled})

    @app.get("/articles", tags=["read"])
    def articles(
        actor: Text = None,
        since: date | None = None,
        until: date | None = None,
        outlet: Texts = None,
        text: Text = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> Response:
        """Articles (metadata and annotation counts), oldest first."""
        filters = {"actor": actor, "since": since, "until": until, "outlet": outlet, "text": text}
        return _page(store, "articles", filters, limit, offset)

    @app.get("/articles/{article_id}", tags=["read"])
    def article(article_id: ArticleId) -> Response:
        """One article with every annotation (the tidings JSON model, offsets into ``text``)."""
        found = store.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return _json(found.to_dict())

    @app.get("/events", tags=["read"])
    def events(filters: EventFilters, limit: Limit = 100, offset: Offset = 0) -> Response:
        """Events with their participants, codes, scores, date and evidence offsets."""
        return _page(store, "events", filters, limit, offset)

    @app.get("/quotes", tags=["read"])
    def quotes(
        speaker: Text = None,
        kind: Annotated[list[QuoteKind] | None, Query()] = None,
        since: date | None = None,
        until: date | None = None,
        outlet: Texts = None,
        text: Text = None,
        article_id: Texts = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> Response:
        """Quotes with their speakers."""
        filters = {
            "speaker": speaker,
            "kind": kind,
            "since": since,
            "until": until,
            "outlet": outlet,
            "text": text,
            "article_id": article_id,
        }
        return _page(store, "quotes", filters, limit, offset)

    @app.get("/clusters", tags=["read"])
    def clusters(
        kind: Annotated[list[Literal["event", "quote"]] | None, Query()] = None,
        cluster_id: Texts = None,
        article_id: Texts = None,
        label: Texts = None,
        outlet: Texts = None,
        min_mentions: Annotated[int | None, Query(ge=1)] = None,
        since: Annotated[date | None, Query(description="First report on or after.")] = None,
        until: Annotated[date | None, Query(description="First report on or before.")] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> Response:
        """Deduplicated event and quote clusters stored by `tidings dedup`, one item per
        mention, with the cluster's mention count, outlets and first report."""
        filters = {
            "kind": kind,
            "cluster_id": cluster_id,
            "article_id": article_id,
            "label": label,
            "outlet": outlet,
            "min_mentions": min_mentions,
            "since": since,
            "until": until,
        }
        return _page(store, "clusters", filters, limit, offset)

    @app.get("/actors", tags=["read"])
    def actors(
        actor: Text = None,
        country: Texts = None,
        sector: Texts = None,
        since: date | None = None,
        until: date | None = None,
        outlet: Texts = None,
        text: Annotated[str | None, Query(max_length=200, description="In the name.")] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> Response:
        """Resolved actors, most mentioned first."""
        filters = {
            "actor": actor,
            "country": country,
            "sector": sector,
            "since": since,
            "until": until,
            "outlet": outlet,
            "text": text,
        }
        return _page(store, "actors", filters, limit, offset)

    @app.get("/dyads", tags=["read"])
    def dyads(
        filters: EventFilters,
        level: Annotated[Literal["actor", "country"], Query()] = "country",
        limit: Limit = 500,
        offset: Offset = 0,
    ) -> Response:
        """Source-target pairs with event counts and Goldstein sums/means (for networks)."""
        keys = ("source", "target") if level == "actor" else ("source_country", "target_country")
        table = store.aggregate(
            by=keys,
            measures=["count", "goldstein", "goldstein_mean", "articles"],
            limit=limit,
            offset=offset,
            **filters,
        )
        rows = [
            {"source": row.pop(keys[0]), "target": row.pop(keys[1]), **row}
            for row in table.to_pylist()
        ]
        return _json({"level": level, "limit": limit, "offset": offset, "items": rows})

    @app.get("/aggregates", tags=["read"])
    def aggregates(
        filters: EventFilters,
        by: Annotated[list[GroupKey], Query(max_length=6)] = ["dyad", "month"],  # noqa: B006
        measures: Annotated[list[Measure], Query(min_length=1, max_length=12)] = [  # noqa: B006
            "count",
            "goldstein",
        ],
        limit: Limit = MAX_PAGE,
        offset: Offset = 0,
    ) -> Response:
        """Events grouped by the ``by`` keys with the chosen ``measures``."""
        table = store.aggregate(by=by, measures=measures, limit=limit, offset=offset, **filters)
        return _json(
            {
                "by": by,
                "measures": measures,
                "limit": limit,
                "offset": offset,
                "items": table.to_pylist(),
            }
        )

    # -- write endpoints --------------------------------------------------------------------

    @app.post("/articles", tags=["write"], dependencies=[Depends(require_token)], status_code=201)
    def code_article(body: ArticleIn) -> Response:
        """Code a posted report (plain text or an HTML page) and return its annotations."""
        source = body.source or "api"
        result = _read_posted(body, source)
        if result.article is None:
            what = "text" if body.text is not None else "HTML page"
            raise HTTPException(422, f"cannot read the {what}: {result.reason}")
        article = result.article
        if body.title and not article.title:
            article.title = body.title
        if body.outlet and not article.outlet:
            article.outlet = body.outlet
        coder(article)
        if body.store:
            store.write(article)
            store.record_input(source, "coded", article_id=article.id)
        return _json({**article.to_dict(), "stored": body.store}, status=201)

    @app.delete("/articles/{article_id}", tags=["write"], dependencies=[Depends(require_token)])
    def delete_article(article_id: ArticleId) -> Response:
        """Remove an article and all its annotations."""
        if not store.delete(article_id):
            raise HTTPException(404, f"no article {article_id!r}")
        return _json({"deleted": article_id})

    # -- dashboard --------------------------------------------------------------------------

    # Swagger UI's files as shipped by the fastapi-offline package: the docs work offline too
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

    return app


def _read_posted(body: ArticleIn, source: str) -> ReadResult:
    """Read the posted text or page with the same readers as ``tidings code``."""
    if body.text is not None:
        from tidings.read.text import read_text

        result = read_text(body.text, source, metadata_date=body.published, outlet=body.outlet)
    else:
        from tidings.read.html import read_html

        url = source if source.startswith(("http://", "https://")) else None
        result = read_html(body.html or "", source, url=url, default_date=body.published)
        if result.article is not None and body.published:
            result.article.published = body.published
            result.article.date_source = "metadata"
    return result


def _default_pipeline() -> Pipeline:
    from tidings.pipeline import Pipeline

    return Pipeline()


class _Coder:
    """The pipeline, loaded on first use and used by one request at a time."""

    def __init__(self, factory: Callable[[], Pipeline]):
        self._factory = factory
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> Article:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            return self._pipeline(article)


def _page(store: Store, kind: str, filters: dict[str, Any], limit: int, offset: int) -> Response:
    rows, total = store.page(kind, limit=limit, offset=offset, **filters)
    return _json({"total": total, "limit": limit, "offset": offset, "items": rows.to_pylist()})


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _json(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, default=_default, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json")


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ValueError)
    def bad_value(request: Request, err: ValueError) -> Response:
        return _json({"detail": str(err)}, status=422)

    @app.exception_handler(LockTimeout)
    def busy(request: Request, err: LockTimeout) -> Response:
        response = _json({"detail": str(err)}, status=503)
        response.headers["Retry-After"] = "1"
        return response

    @app.exception_handler(StoreError)
    def store_error(request: Request, err: StoreError) -> Response:
        return _json({"detail": str(err)}, status=503)

    @app.exception_handler(Exception)
    def unexpected(request: Request, err: Exception) -> Response:
        return _json({"detail": f"internal error: {type(err).__name__}"}, status=500)
