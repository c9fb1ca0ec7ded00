"""Convert PETRARCH2's CAMEO verb dictionary into tidings' own readable data files.

PETRARCH2 (MIT licence, (c) 2014 Open Event Data) codes events with ~4,700 CAMEO verb patterns
grouped in synonym blocks. This script keeps what the event detector uses as *features*:

- ``petrarch2_verbs.tsv``: ``verb  block  cameo  plover`` — every verb of a block (multi-word
  verbs with spaces, "call off"), its own CAMEO code or the block's, and its PLOVER type;
- ``petrarch2_patterns.tsv``: ``block  words  cameo  plover`` — the words a pattern needs
  around the verb (lower case; ``&name`` is a synonym set), its code and PLOVER type;
- ``petrarch2_synsets.tsv``: ``synset  phrase`` — the members of each synonym set;
- ``PETRARCH2-LICENSE.txt``: the MIT notice, which travels with the derived files.

CAMEO codes map to PLOVER with the CAMEO-to-PLOVER table (its most specific row: ``0871``, then
``087``, then ``08``); statements and appeals (01, 02), which PLOVER drops, have no type.

    python -m tidings.train.petrarch CAMEO.2.0.txt CAMEO2PLOVER-2021.txt [OUT]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "events"
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_TABLE_ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]*)")


@dataclass
class Block:
    name: str
    cameo: str
    verbs: list[tuple[str, str]] = field(default_factory=list)  # (verb, cameo)
    patterns: list[tuple[str, str]] = field(default_factory=list)  # (words, cameo)


def plover_table(text: str) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from the CAMEO-to-PLOVER table (first row of a code wins)."""
    table: dict[str, str] = {}
    for line in text.splitlines():
        match = _TABLE_ROW.match(line)
        if match and match.group(2):
            table.setdefault(match.group(1), match.group(2))
    return table


def plover_of(code: str, table: dict[str, str]) -> str:
    for length in (4, 3, 2):
        if len(code) >= length and code[:length] in table:
            return table[code[:length]]
    return ""


def _code(raw: str) -> str:
    """``042:043`` -> 042 (the code of the active reading); ``:051`` -> 051; ``---`` -> ''."""
    first, _, second = raw.strip().partition(":")
    code = first.strip() or second.strip()
    return code if code.isdigit() else ""


def _phrase(word: str) -> str:
    return word.strip("+").strip("_").replace("_", " ").lower()


def parse(text: str) -> tuple[dict[str, list[str]], list[Block]]:
    """Synonym sets and verb blocks of the dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current_set: str | None = None
    in_verbs = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        if not line.strip():
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_set = line[1:].strip().lower()
                synsets[current_set] = []
            elif line.startswith("+") and current_set is not None:
                synsets[current_set].append(_phrase(line))
            continue
        block = _BLOCK.match(line)
        if block:
            blocks.append(Block(_phrase(block.group(1)), _code(block.group(2))))
        elif blocks and line.startswith("-"):
            code = _CODE.search(line)
            words = _CODE.sub("", line[1:]).strip()
            if code and _code(code.group(1)):
                blocks[-1].patterns.append((_pattern_words(words), _code(code.group(1))))
        elif blocks:
            name = line.split("{", 1)[0]
            code = _CODE.search(name)
            verb = _phrase(_CODE.sub("", name).strip())
            if verb:
                blocks[-1].verbs.append((verb, _code(code.group(1)) if code else ""))
    return synsets, blocks


def _pattern_words(words: str) -> str:
    """The words of a pattern, lower case, without its markup (``*``, brackets, ``$``, ``+``)."""
    cleaned = re.sub(r"[{}()$%^=]", " ", words).replace("*", " * ")
    kept = [w.strip("+").replace("_", " ").lower() for w in cleaned.split()]
    return " ".join(w for w in kept if w)


def convert(cameo_path: Path, table_path: Path, out: Path = OUT) -> dict[str, int]:
    """Write the three TSV files (and the licence) into ``out``; return row counts."""
    synsets, blocks = parse(cameo_path.read_text(encoding="utf-8", errors="replace"))
    table = plover_table(table_path.read_text(encoding="utf-8"))
    verbs = ["verb\tblock\tcameo\tplover"]
    patterns = ["block\twords\tcameo\tplover"]
    for block in blocks:
        for verb, code in block.verbs:
            code = code or block.cameo
            verbs.append(f"{verb}\t{block.name}\t{code}\t{plover_of(code, table)}")
        for words, code in block.patterns:
            patterns.append(f"{block.name}\t{words}\t{code}\t{plover_of(code, table)}")
    members = ["synset\tphrase"]
    members += [f"{name}\t{phrase}" for name, phrases in synsets.items() for phrase in phrases]
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (
        ("petrarch2_verbs.tsv", verbs),
        ("petrarch2_patterns.tsv", patterns),
        ("petrarch2_synsets.tsv", members),
    ):
        (out / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    licence = cameo_path.parent / "LICENSE"
    notice = licence.read_text(encoding="utf-8") if licence.is_file() else ""
    (out / "PETRARCH2-LICENSE.txt").write_text(
        "The petrarch2_*.tsv files are converted from the CAMEO verb dictionary of PETRARCH2\n"
        "(openeventdata/petrarch2, CAMEO.2.0.txt) by tidings/train/petrarch.py; PLOVER types\n"
        "from the CAMEO-to-PLOVER table of the PLOVER project. PETRARCH2's licence:\n\n" + notice,
        encoding="utf-8",
    )
    return {"verbs": len(verbs) - 1, "patterns": len(patterns) - 1, "synsets": len(synsets)}


def main(argv: list[str]) -> None:
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    out = Path(argv[2]) if len(argv) == 3 else OUT
    print(convert(Path(argv[0]), Path(argv[1]), out))


if __name__ == "__main__":
    main(sys.argv[1:])
