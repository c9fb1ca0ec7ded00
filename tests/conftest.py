"""Shared fixtures: one spaCy model per test session, and the ../shared data when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.pipeline import Pipeline, PipelineConfig

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The full default pipeline (spaCy model loaded once for all tests)."""
    return Pipeline(PipelineConfig())


@pytest.fixture(scope="session")
def nlp(pipeline: Pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def actors_pipeline() -> Pipeline:
    """Only the actors stage, on the shared spaCy model."""
    from tidings import nlp

    return Pipeline(PipelineConfig(stages=("actors",)), nlp_model=nlp.load())


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path to ../shared; tests that use it are skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
