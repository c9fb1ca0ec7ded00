"""Cross-article event clusters (CLUSTER-FORMAT.md): B-cubed of the deduplication."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

from tidings.eval import prf


def bcubed(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items both clusterings hold."""
    items = [item for item in gold if item in predicted]
    if not items:
        return prf(0, 0, 0)
    pred_members: dict[Hashable, set[Hashable]] = defaultdict(set)
    gold_members: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item in items:
        pred_members[predicted[item]].add(item)
        gold_members[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        same_pred, same_gold = pred_members[predicted[item]], gold_members[gold[item]]
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    p, r = precision / len(items), recall / len(items)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}
