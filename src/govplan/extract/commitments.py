"""Numeric commitments (issue 3): quantities with their metric, comparator, kind and stance."""

from __future__ import annotations

from govplan.models import Commitment
from govplan.segment import Layout


def extract_commitments(layout: Layout) -> list[Commitment]:
    """Every quantified statement in the report body, in document order."""
    return []
