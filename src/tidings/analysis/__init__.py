"""Analysis over many coded articles: deduplication, actor positions and briefs."""
