"""The seed article's gold actors are all recognised with the right country and sector."""

from __future__ import annotations

from tidings.eval.article_gold import load_gold, score


def test_seed_actor_recall_and_accuracy(shared, actors_pipeline):
    items = load_gold(shared / "seed")
    for item in items:
        actors_pipeline(item.article)
    report = score(items)
    assert report.summary["actors"] == {"recall": 1.0, "country_accuracy": 1.0}
