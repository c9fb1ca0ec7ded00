"""Import the PETRARCH2 actor and agent dictionaries into tidings' actor data.

    python scripts/import_petrarch_actors.py [../shared/reference/petrarch2]

Writes ``src/tidings/data/actors/petrarch/`` (people.csv, organisations.csv, agents.csv and the
MIT notice; see ``tidings.actors.petrarch``), then recompiles the shipped actor knowledge base
(``python -m tidings.actors.compiled``). Hand-kept files in ``data/actors/`` win over these.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tidings.actors import compiled
from tidings.actors.petrarch import convert_folder

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "tidings" / "data" / "actors"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "source", nargs="?", type=Path, default=ROOT.parent / "shared/reference/petrarch2"
    )
    args = parser.parse_args()
    counts = convert_folder(args.source, DATA / "petrarch", DATA / "cameo.yaml")
    print(", ".join(f"{n:,} {what}" for what, n in counts.items()))
    print(f"compiled {compiled.write()}")


if __name__ == "__main__":
    main()
