"""Cold start of the actors stage: a fresh interpreter builds the stage once.

    python benchmarks/actors_load.py [--repeat 3] [--from-files]

spaCy and tidings are imported first (the pipeline needs them anyway); what is timed is
``tidings.actors.stage.create``: the knowledge base (hand-kept files and the 28,000 imported
PETRARCH2 actors) and the gazetteer, read from the compiled artefact shipped in the package
(``--from-files`` builds them from the readable files instead, for comparison). Prints wall and
CPU seconds per run, the artefact's size and a JSON line with the medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = """
import json, time
import spacy
from tidings.pipeline import PipelineConfig
from tidings.actors import compiled, stage
if {from_files}:
    compiled.load = lambda path=None: compiled.build()
wall, cpu = time.perf_counter(), time.process_time()
stage.create(PipelineConfig())
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--from-files", action="store_true")
    args = parser.parse_args()
    from tidings.actors import compiled

    runs = []
    for _ in range(args.repeat):
        code = CHILD.format(from_files=args.from_files)
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        wall, cpu = json.loads(out.stdout.strip().splitlines()[-1])
        runs.append((wall, cpu))
        print(f"  create: {wall:.2f} s wall, {cpu:.2f} s CPU")
    size = compiled.ARTEFACT.stat().st_size
    summary = {
        "source": "files" if args.from_files else "compiled artefact",
        "wall_s": round(statistics.median(r[0] for r in runs), 3),
        "cpu_s": round(statistics.median(r[1] for r in runs), 3),
        "artefact_mb": round(size / 1e6, 2),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
