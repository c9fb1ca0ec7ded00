"""One article: ``GET /articles/{id}`` with every annotation; ``POST /articles`` codes a posted
report; ``DELETE /articles/{id}`` removes one (writes need the bearer token)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from tidings.model import Article
from tidings.read import ReadResult
from tidings.serve.common import json_response, shown_source, store_of

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline

MAX_TEXT = 1_000_000  # characters of article text accepted by POST /articles
ArticleId = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_.:-]{4,128}$")]

router = APIRouter(tags=["articles"])


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


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    policy = request.app.state.policy
    if not policy.enabled:
        raise HTTPException(403, "this server is read-only (start it with writes enabled)")
    if not policy.allows(authorization):
        raise HTTPException(
            401,
            "a valid bearer token is required for writes",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.get("/articles/{article_id}")
def article(request: Request, article_id: ArticleId) -> Response:
    """One article with every annotation (the tidings JSON model, offsets into ``text``)."""
    found = store_of(request).article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    document = found.to_dict()
    document["source"] = shown_source(request, found.source)
    return json_response(document)


@router.post("/articles", dependencies=[Depends(require_token)], status_code=201)
def code_article(request: Request, body: ArticleIn) -> Response:
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
    request.app.state.coder(article)
    if body.store:
        store = store_of(request)
        store.write(article)
        store.record_input(source, "coded", article_id=article.id)
    return json_response({**article.to_dict(), "stored": body.store}, status=201)


@router.delete("/articles/{article_id}", dependencies=[Depends(require_token)])
def delete_article(request: Request, article_id: ArticleId) -> Response:
    """Remove an article and all its annotations."""
    if not store_of(request).delete(article_id):
        raise HTTPException(404, f"no article {article_id!r}")
    return json_response({"deleted": article_id})


def _read_posted(body: ArticleIn, source: str) -> ReadResult:
    """Read the posted text or page with the same readers as ``tidings code``."""
    if body.text is not None:
        from tidings.read.text import read_text

        return read_text(body.text, source, metadata_date=body.published, outlet=body.outlet)
    from tidings.read.html import read_html

    url = source if source.startswith(("http://", "https://")) else None
    result = read_html(body.html or "", source, url=url, default_date=body.published)
    if result.article is not None and body.published:
        result.article.published = body.published
        result.article.date_source = "metadata"
    return result


class Coder:
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
