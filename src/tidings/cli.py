"""The ``tidings`` command: a thin shell over the library."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from tidings.config import ActorsConfig, PipelineConfig
from tidings.read.text import MAX_BYTES

app = typer.Typer(
    help="Turn news reports into structured, verifiable political event data.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
ModelOption = Annotated[
    str | None, typer.Option("--model", help="spaCy model (default: en_core_web_sm, else copy).")
]
ActorsOption = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor dictionary (YAML or CSV).")
]
DEFAULT_DB = Path("tidings.duckdb")


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
        message = f"{value!r} is not a date (YYYY-MM-DD)"
        raise typer.BadParameter(message, param_hint=option) from None


def _fail(message: str) -> None:
    err_console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(2)


@app.command()
def code(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, feed/page URLs, or - for stdin.")
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
    workers: Annotated[int, typer.Option(help="Local processes coding in parallel.")] = 1,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address: code on that cluster.")
    ] = None,
    out: Annotated[
        Path, typer.Option(help="With --scheduler: folder for the partitioned Parquet output.")
    ] = Path("tidings-parquet"),
) -> None:
    """Code news reports into the store (unchanged articles are skipped)."""
    from tidings.read.files import ReadOptions, read_inputs
    from tidings.read.records import FieldMap
    from tidings.scale import make_executor
    from tidings.scale.run import code_all
    from tidings.store import Store

    try:
        options = ReadOptions(
            fmt=format_,
            default_date=_parse_date(date_, "--date"),
            field_map=FieldMap.parse(fields),
            fetch_links=fetch_links,
            max_bytes=max_bytes,
        )
    except ValueError as err:
        _fail(str(err))
    inputs = read_inputs(paths, options, include=include or (), exclude=exclude or ())
    progress, piece_coded = _coding_progress()
    executor = make_executor(
        _config(model, actors), workers=workers, scheduler=scheduler, out=out, progress=piece_coded
    )
    with Store(db) as store, progress:
        task = progress.add_task("coding", total=None)
        try:
            summary = code_all(
                inputs,
                store,
                executor,
                force=force,
                on_done=lambda _result, _status: progress.advance(task),
            )
        finally:
            executor.close()
        _print_run(summary, store)
    if not summary.total:
        _fail("no inputs found in " + ", ".join(paths))
    if summary.failed:
        raise typer.Exit(1)


def _coding_progress() -> tuple[Progress, Any]:
    """Inputs coded so far and, for a long input coded piece by piece, its characters."""
    from tidings.chunking import MAX_PIECE_CHARS
    from tidings.model import Article

    progress = Progress(
        TextColumn("{task.description}"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
    )
    characters = progress.add_task("characters", total=None, visible=False)

    def piece_coded(article: Article, done: int) -> None:
        if len(article.text) > MAX_PIECE_CHARS:
            name = f"{article.source or article.id} (characters)"
            progress.update(characters, description=name, completed=done, total=len(article.text))
            progress.update(characters, visible=done < len(article.text))

    return progress, piece_coded


def _print_run(summary: Any, store: Any) -> None:
    console.print(
        f"[bold]{len(summary.coded)}[/] coded, {len(summary.unchanged)} unchanged, "
        f"{len(summary.skipped)} skipped, {len(summary.failed)} failed "
        f"(of {summary.total} inputs)"
    )
    for source, reason in summary.skipped:
        console.print(f"  [yellow]skipped[/] {source}: {reason}", soft_wrap=True)
    for source, reason in summary.failed:
        console.print(f"  [red]failed[/] {source}: {reason}", soft_wrap=True)
    if summary.skipped_expressions:
        by_stage = ", ".join(f"{n} by {stage}" for stage, n in summary.skipped_expressions.items())
        console.print(
            f"  [yellow]{summary.skipped_expressions.total()} expressions skipped[/] after errors "
            f"({by_stage}; the articles were coded without them; see the log)",
            soft_wrap=True,
        )
    counts = store.counts()
    console.print(
        "store: " + ", ".join(f"{n} {table}" for table, n in counts.items() if table != "inputs")
    )


@app.command()
def demo(db: DbOption = DEFAULT_DB, model: ModelOption = None) -> None:
    """Code the bundled sample corpus and summarise what was found."""
    code([str(sample_corpus())], db=db, date_=None, force=False, model=model, actors=None)
    _summarise(db)


def _summarise(db: Path) -> None:
    from tidings.store import Store

    with Store(db, read_only=True) as store:
        events = store.events().to_pylist()
        quotes = store.quotes().to_pylist()
    by_type = Counter((e["type"], e["factuality"]) for e in events)
    table = Table(title="Events by PLOVER type and factuality")
    for column in ("type", "factuality", "events"):
        table.add_column(column)
    for (event_type, factuality), n in sorted(by_type.items()):
        table.add_row(event_type, factuality, str(n))
    console.print(table)
    speakers = Counter(q.get("speaker_name") or "(unattributed)" for q in quotes)
    console.print(
        f"{len(quotes)} quotes; most quoted: "
        + ", ".join(f"{name} ({n})" for name, n in speakers.most_common(5))
    )


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Source or target code, e.g. RUS.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
    factuality: Annotated[str | None, typer.Option(help="asserted, negated, ...")] = None,
    since: Annotated[str | None, typer.Option(help="From date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="To date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List coded events, filtered."""
    from tidings.store import Store

    with Store(_existing(db), read_only=True) as store:
        rows = store.events(
            actor=actor,
            event_type=type_,
            factuality=factuality,
            since=_parse_date(since, "--since"),
            until=_parse_date(until, "--until"),
            limit=limit,
        ).to_pylist()
    columns = [
        "date",
        "source",
        "type",
        "target",
        "factuality",
        "cameo",
        "goldstein",
        "trigger_text",
    ]
    _print_rows(rows, columns, as_json, title="Events")


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Speaker country code or name.")] = None,
    since: Annotated[str | None, typer.Option(help="From date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="To date (YYYY-MM-DD).")] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            help="Quote kinds (repeatable): direct, indirect, partial (the default), or directive, "
            "topic, scare."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List quotes with their speakers, filtered."""
    from typing import get_args

    from tidings.model import SPEECH_KINDS, QuoteKind
    from tidings.store import Store

    unknown = sorted(set(kind or ()) - set(get_args(QuoteKind)))
    if unknown:
        _fail(f"unknown --kind {', '.join(unknown)}; known: {', '.join(get_args(QuoteKind))}")
    with Store(_existing(db), read_only=True) as store:
        rows = store.quotes(
            kind=kind or list(SPEECH_KINDS),
            actor=actor,
            since=_parse_date(since, "--since"),
            until=_parse_date(until, "--until"),
            limit=limit,
        ).to_pylist()
    columns = ["date", "speaker_name", "speaker_country", "kind", "text"]
    _print_rows(rows, columns, as_json, title="Quotes")


def _existing(db: Path) -> Path:
    if not db.exists():
        _fail(f"{db}: no such store; run `tidings code` first")
    return db


def _print_rows(rows: list[dict], columns: list[str], as_json: bool, title: str) -> None:
    if as_json:
        for row in rows:
            print(json.dumps(row, default=str, ensure_ascii=False))
        return
    table = Table(title=f"{title} ({len(rows)})")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show an article with its actors, times, quotes and events marked up."""
    from tidings.store import Store

    with Store(_existing(db), read_only=True) as store:
        found = store.article(article)
    if found is None:
        _fail(f"no article {article!r} in {db}")
    console.print(render_article(found))


def render_article(article: Any) -> Text:
    """The article text with annotations highlighted, followed by the annotation lists."""
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
    out.append(f"{article.id}  {article.outlet or ''}  {article.published or ''}\n\n")
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
def export(
    out: Annotated[
        Path, typer.Argument(help="Folder (parquet, csv, jsonl) or file (plover, gdelt).")
    ],
    db: DbOption = DEFAULT_DB,
    format_: Annotated[
        str, typer.Option("--format", help="parquet, csv, jsonl, plover or gdelt.")
    ] = "parquet",
    actor: Annotated[str | None, typer.Option(help="plover/gdelt: source or target.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="plover/gdelt: PLOVER type.")] = None,
    since: Annotated[str | None, typer.Option(help="plover/gdelt: from date.")] = None,
    until: Annotated[str | None, typer.Option(help="plover/gdelt: to date.")] = None,
) -> None:
    """Export the store: tables as Parquet/CSV/JSONL, events as PLOVER JSON or GDELT TSV."""
    from tidings.store import Store

    filters = {
        "actor": actor,
        "event_type": type_,
        "since": _parse_date(since, "--since"),
        "until": _parse_date(until, "--until"),
    }
    with Store(_existing(db), read_only=True) as store:
        try:
            written = store.export(format_, out, **{k: v for k, v in filters.items() if v})
        except ValueError as err:
            _fail(str(err))
    for path in written:
        console.print(f"wrote {path}")


@app.command("actors")
def actors_command(
    name: Annotated[str, typer.Argument(help="A name or phrase, e.g. 'the Emir of Kuwait'.")],
    date_: Annotated[
        str | None, typer.Option("--date", help="Resolve as of this date (YYYY-MM-DD).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
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
        _fail(str(err))
    if as_json:
        print(json.dumps(explanation.to_dict()))
        return
    for line in explanation.lines():
        console.print(line, markup=False, highlight=False)


@app.command()
def upgrade(db: DbOption = DEFAULT_DB) -> None:
    """Upgrade a store written by an older tidings to this version's layout, in place."""
    from tidings.store import Store, StoreError
    from tidings.store.schema import STORE_VERSION

    try:
        with Store(_existing(db)) as store:
            articles = store.counts()["articles"]
    except StoreError as err:
        _fail(str(err))
    console.print(f"{db}: store version {STORE_VERSION}, {articles} articles", soft_wrap=True)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="No write endpoints (POST/DELETE /articles).")
    ] = False,
    token_file: Annotated[
        Path | None, typer.Option(help="File holding the write token (else $TIDINGS_TOKEN).")
    ] = None,
    max_body: Annotated[int, typer.Option(help="Largest request body, in bytes.")] = 2_000_000,
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
        _fail(str(err))
    config = _config(model, actors)
    service = create_app(
        db, policy=policy, pipeline_factory=lambda: Pipeline(config), max_body=max_body
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    console.print(f"tidings: serving {db} at {url}/dashboard/ (API: {url}/docs)", soft_wrap=True)
    if generated:
        console.print(f"write token for this run: {policy.token}", soft_wrap=True, markup=False)
    elif not policy.enabled:
        console.print("read-only: write endpoints are disabled")
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
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    from tidings.analysis.dedup import mention_rows
    from tidings.analysis.incremental_dedup import update
    from tidings.store import Store

    if out is not None and out.suffix not in {".csv", ".parquet"}:
        _fail(f"{out}: write .csv or .parquet")
    first, last = _parse_date(since, "--since"), _parse_date(until, "--until")
    with Store(_existing(db)) as store:
        done, deduplicator = update(store)
    events, quotes = deduplicator.event_clusters(), deduplicator.quote_clusters()
    console.print(
        f"{sum(c.mention_count for c in events)} event mentions in {len(events)} events, "
        f"{sum(c.mention_count for c in quotes)} quotes in {len(quotes)} statements; "
        f"{done.added} new mentions, {done.clusters_written} clusters written, "
        f"{done.clusters_dropped} dropped",
        soft_wrap=True,
    )
    if out is None:
        return
    rows = [
        row
        for row in mention_rows([*events, *quotes])
        if (first is None or (row["published"] or "") >= first.isoformat())
        and (last is None or (row["published"] or "9999") <= last.isoformat())
    ]
    table = pa.Table.from_pylist(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".csv":
        pa_csv.write_csv(table, out)
    else:
        pq.write_table(table, out)
    console.print(f"wrote {len(rows)} mentions to {out}", soft_wrap=True)


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
    max_events: Annotated[int, typer.Option(help="Key events to list.")] = 40,
    server: Annotated[
        str | None,
        typer.Option(help="URL of a `tidings serve`: evidence links to its article view."),
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write a Markdown and an HTML brief on an actor or topic, every line linked to evidence."""
    from tidings.analysis.brief import Selection, build, load_articles, write
    from tidings.analysis.incremental_dedup import assignments
    from tidings.store import Store

    try:
        selection = Selection(
            actor, topic, _parse_date(since, "--since"), _parse_date(until, "--until")
        )
    except ValueError as err:
        _fail(str(err))
    with Store(_existing(db), read_only=True) as store:
        articles = load_articles(store, selection)
        stored = assignments(store, [a.id for a in articles])
    made = build(articles, selection, max_events=max_events, server=server, stored=stored)
    for path in write(made, out):
        console.print(f"wrote {path}")


@app.command("eval")
def evaluate(
    path: Annotated[Path, typer.Argument(help="Gold file or folder.")],
    format_: Annotated[str, typer.Option("--format", help="Gold format.")] = "tidings",
    baseline: Annotated[
        list[str] | None,
        typer.Option(help="Also score a baseline system (repeatable where the format allows)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Summary JSON as the last line.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List each error.")] = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
) -> None:
    """Score tidings against gold annotations."""
    from tidings import eval as evaluation

    try:
        report = evaluation.run(format_, path, _config(model, actors), baseline=baseline)
    except (ValueError, FileNotFoundError) as err:
        _fail(str(err))
    table = Table(title=report.title)
    for header in report.headers:
        table.add_column(header)
    for row in report.rows:
        table.add_row(*(str(cell) for cell in row))
    console.print(table)
    if verbose:
        for note in report.notes:
            console.print(f"  {note}", markup=False, highlight=False)
    if as_json:
        sys.stdout.flush()
        print(json.dumps(report.summary))


if __name__ == "__main__":
    app()
