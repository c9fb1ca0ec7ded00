"""Load benchmark for `tidings serve`: N concurrent clients hammer /events with filters.

    PYTHONPATH=src python benchmarks/load.py --clients 50 --seconds 30
    PYTHONPATH=src python benchmarks/load.py --clients 50 --seconds 30 --writer

It builds a synthetic store (``--articles`` hand-made Articles with actors, quotes and events;
no pipeline needed), starts ``tidings serve`` in its own process on loopback, and runs the clients
in this process with httpx. ``--writer`` also runs a batch writer process that keeps re-coding
articles into the same store file during the run (a ``tidings code`` stand-in), to measure reads
while the file is shared. Prints requests/s, p50/p90/p99 latency, errors and the server's CPU
time per request (Linux; independent of how busy the machine is) as one JSON object. Client,
server (and writer) share the machine's cores: throughput figures are for the whole set-up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from tidings.model import Actor, Article, Event, Mention, Participant, Quote, Span
from tidings.store import Store

ACTORS = [
    Actor("Russia", "RUS", "GOV"),
    Actor("Ukraine", "UKR", "GOV"),
    Actor("Ukrainian army", "UKR", "MIL"),
    Actor("China", "CHN", "GOV"),
    Actor("United States", "USA", "GOV"),
    Actor("Iran", "IRN", "GOV"),
    Actor("Israel", "ISR", "GOV"),
    Actor("European Union", "IGO", "IGO", kind="organisation"),
    Actor("Turkey", "TUR", "GOV"),
    Actor("protesters", "FRA", "CVL", kind="group"),
]
EVENTS = [  # PLOVER type, verb, CAMEO, Goldstein, quad class
    ("CONSULT", "met", "043", 2.8, 1),
    ("AGREE", "agreed with", "057", 8.0, 1),
    ("SUPPORT", "backed", "051", 3.4, 1),
    ("AID", "sent aid to", "073", 7.4, 2),
    ("DISAPPROVE", "criticised", "111", -2.0, 3),
    ("THREATEN", "threatened", "138", -7.0, 3),
    ("SANCTION", "sanctioned", "163", -8.0, 4),
    ("ASSAULT", "attacked", "190", -10.0, 4),
]
OUTLETS = ["Tidewire", "Northline", "Harbour Post"]


def synthetic_article(rng: random.Random, n: int) -> Article:
    """A short report of a few events between random actors, with offsets that hold."""
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(730))
    text = f"CAPITAL, {day:%B} {day.day}, {day.year} ({rng.choice(OUTLETS)}) - "
    mentions: list[Mention] = []
    events: list[Event] = []
    quotes: list[Quote] = []

    def mention(actor: Actor) -> Mention:
        nonlocal text
        start = len(text)
        text += actor.name
        m = Mention(start, len(text), actor.name, id=f"m{len(mentions)}", actor=actor)
        mentions.append(m)
        return m

    for i in range(rng.randint(2, 6)):
        etype, verb, cameo, goldstein, quad = rng.choice(EVENTS)
        source_actor, target_actor = rng.sample(ACTORS, 2)
        sentence_start = len(text)
        source = mention(source_actor)
        text += " "
        trigger = Span(len(text), len(text) + len(verb), verb)
        text += verb + " "
        target = mention(target_actor)
        text += f" in report {n}-{i}. "
        events.append(
            Event(
                id=f"e{i}",
                type=etype,
                trigger=trigger,
                sentence=Span(sentence_start, len(text) - 1, text[sentence_start : len(text) - 1]),
                sources=[
                    Participant(source.start, source.end, source.text, source.id, source_actor)
                ],
                targets=[
                    Participant(target.start, target.end, target.text, target.id, target_actor)
                ],
                cameo=cameo,
                goldstein=goldstein,
                quad_class=quad,
                date=day.isoformat(),
                date_source="dateline",
            )
        )
    speaker = mention(rng.choice(ACTORS))
    text += ' said: "'
    start = len(text)
    text += f"We will not accept this, number {n}."
    quotes.append(
        Quote(
            start,
            len(text),
            text[start:],
            id="q0",
            speaker=Span(speaker.start, speaker.end, speaker.text),
            speaker_mention=speaker.id,
            speaker_actor=speaker.actor,
        )
    )
    text += '"'
    return Article(
        text=text,
        outlet=rng.choice(OUTLETS),
        published=day,
        date_source="dateline",
        mentions=mentions,
        quotes=quotes,
        events=events,
    )


def build_store(path: Path, n_articles: int) -> None:
    rng = random.Random(7)
    with Store(path) as store:
        for n in range(n_articles):
            store.write(synthetic_article(rng, n))


def random_filters(rng: random.Random) -> dict[str, object]:
    """The kinds of queries the dashboard and API users send."""
    filters: dict[str, object] = {"limit": 50, "offset": rng.choice([0, 0, 0, 50, 100])}
    choice = rng.randrange(5)
    if choice == 0:
        filters["actor"] = rng.choice(ACTORS).country
    elif choice == 1:
        filters["type"] = rng.choice(EVENTS)[0]
    elif choice == 2:
        filters["quad_class"] = rng.randint(1, 4)
        filters["since"] = f"2023-{rng.randint(1, 12):02d}-01"
    elif choice == 3:
        a, b = rng.sample(ACTORS, 2)
        filters["dyad"] = f"{a.code},{b.code}"
    else:
        filters["actor"] = rng.choice(ACTORS).country
        filters["factuality"] = "asserted"
        filters["until"] = "2024-06-30"
    return filters


async def client(
    base: str,
    deadline: float,
    seed: int,
    latencies: list[float],
    errors: list[str],
    http: httpx.AsyncClient,
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        params = random_filters(rng)
        start = time.perf_counter()
        try:
            response = await http.get(f"{base}/events", params=params)
            if response.status_code != 200:
                errors.append(f"{response.status_code}: {response.text[:100]}")
            else:
                response.json()
        except httpx.HTTPError as err:
            errors.append(f"{type(err).__name__}: {err}")
        latencies.append(time.perf_counter() - start)


async def run_clients(base: str, clients: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(client(base, deadline, i, latencies, errors, http) for i in range(clients))
        )
    return latencies, errors


def write_for(db: Path, seconds: float) -> int:
    """The batch-writer stand-in: re-code articles into ``db`` for ``seconds``."""
    rng = random.Random(99)
    deadline = time.monotonic() + seconds
    n = 0
    with Store(db) as store:
        while time.monotonic() < deadline:
            store.write(synthetic_article(rng, 100_000 + n))
            n += 1
            time.sleep(0.1)  # a coding batch spends most of its time parsing, not writing
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--writer", action="store_true", help="write to the store meanwhile")
    parser.add_argument("--write-into", type=Path, help=argparse.SUPPRESS)  # the writer process
    args = parser.parse_args()
    if args.write_into:
        print(write_for(args.write_into, args.seconds))
        return

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        started = time.perf_counter()
        build_store(db, args.articles)
        build_seconds = time.perf_counter() - started
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        env.pop("TIDINGS_TOKEN", None)
        command = [
            sys.executable,
            "-c",
            "from tidings.cli import app; app()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--read-only",
        ]
        server = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        writer = None
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(base)
            if args.writer:
                writer = subprocess.Popen(
                    [
                        sys.executable,
                        __file__,
                        "--write-into",
                        str(db),
                        "--seconds",
                        str(args.seconds),
                    ],
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            server_cpu = _cpu_seconds(server.pid)
            latencies, errors = asyncio.run(run_clients(base, args.clients, args.seconds))
            server_cpu = _cpu_seconds(server.pid) - server_cpu
            written = None
            if writer is not None:
                out, err = writer.communicate(timeout=120)
                written = int(out) if writer.returncode == 0 else f"writer failed: {err[-300:]}"
        finally:
            server.terminate()
            server.wait(timeout=10)
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

    report = {
        "clients": args.clients,
        "seconds": args.seconds,
        "articles": args.articles,
        "store_build_s": round(build_seconds, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / args.seconds, 1),
        "p50_ms": pct(0.50),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(len(latencies), 1), 1),
        "writer_articles": written,
        "cpus": os.cpu_count(),
    }
    print(json.dumps(report))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), independent of machine load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_until_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not come up")


if __name__ == "__main__":
    main()
