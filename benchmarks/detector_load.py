"""Load time and size of the event detector and its lexicons (the model shipped in the package).

    python benchmarks/detector_load.py

spaCy and the ontology are loaded first (the pipeline loads them anyway), so the time reported is
what the detector adds to starting a pipeline: reading the model file and PETRARCH2's lexicon.
"""

from __future__ import annotations

import time
from importlib import resources

from tidings.events import detect
from tidings.events.ontology import load as load_ontology


def main() -> None:
    load_ontology()
    start = time.perf_counter()
    lexicon = detect.load_petrarch()
    lexicon_s = time.perf_counter() - start
    start = time.perf_counter()
    detector = detect.read()
    model_s = time.perf_counter() - start
    path = resources.files("tidings") / "data" / "events" / detect.MODEL_FILE
    size = path.stat().st_size  # type: ignore[attr-defined]
    print(f"PETRARCH2 lexicon: {len(lexicon.verbs)} verbs, {lexicon_s:.2f} s")
    print(
        f"model: {len(detector.vocabulary)} features x {len(detector.classes)} classes, "
        f"{size / 1e6:.1f} MB, {model_s:.2f} s; thresholds {detector.thresholds}"
    )
    print(f"detector load total: {lexicon_s + model_s:.2f} s")


if __name__ == "__main__":
    main()
