"""Shared fixtures: the shipped graph is parsed once per test session."""

from __future__ import annotations

import pytest
from rdflib import Graph

import ahtgraph


@pytest.fixture(scope="session")
def graph() -> Graph:
    """The shipped graph (ontology, concept schemes and data), parsed once."""
    return ahtgraph.load()
