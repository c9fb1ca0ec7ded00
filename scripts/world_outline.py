"""Make the dashboard's world outline from Natural Earth's 1:110m land polygons.

Input: ``land-110m.json`` of the npm package ``world-atlas`` (Natural Earth 4.1.0 as TopoJSON;
Natural Earth is public domain, world-atlas is ISC-licensed): ``npm pack world-atlas@2.0.2``,
unpack it, and run

    python scripts/world_outline.py package/land-110m.json src/tidings/serve/static/world.json

Output: one SVG path in plate carrée (x = longitude, y = -latitude, viewBox -180 -90 360 180),
coordinates rounded to 0.1 degree, with its source and licence. Nothing is fetched at run time.
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from pathlib import Path


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (longitude, latitude) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A polygon ring from arc indices (``~i`` is arc ``i`` reversed); shared ends once."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def svg_path(topology: dict, name: str = "land") -> str:
    arcs = decode_arcs(topology)
    parts = []
    for geometry in topology["objects"][name]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indices in polygon:
                points = [(round(x, 1), round(-y, 1)) for x, y in ring(indices, arcs)]
                kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
                if len(kept) >= 3:
                    parts.append(_subpaths(kept))
    return "".join(parts)


def _subpaths(points: list[tuple[float, float]]) -> str:
    """A closed ring as SVG path data; a ring that crosses the antimeridian (a jump of more
    than 180 degrees of longitude) is drawn as open pieces, so no line crosses the map."""
    pieces: list[list[tuple[float, float]]] = [[points[0]]]
    for previous, point in pairwise(points):
        if abs(point[0] - previous[0]) > 180:
            pieces.append([])
        pieces[-1].append(point)
    close = "Z" if len(pieces) == 1 else ""
    return "".join(
        "M" + "L".join(f"{x:g},{y:g}" for x, y in piece) + close for piece in pieces if piece
    )


def main(source: Path, out: Path) -> None:
    topology = json.loads(source.read_text(encoding="utf-8"))
    outline = {
        "source": "Natural Earth 1:110m land, version 4.1.0, via the npm package world-atlas 2.0.2",
        "licence": "Natural Earth: public domain; world-atlas: ISC, Copyright 2013-2019 "
        "Michael Bostock",
        "projection": "plate carree: x = longitude, y = -latitude",
        "viewBox": "-180 -90 360 180",
        "path": svg_path(topology),
    }
    out.write_text(json.dumps(outline) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
