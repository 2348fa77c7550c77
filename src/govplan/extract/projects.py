"""Named projects (issue 4): facilities, engineering programmes and platforms with their verbs."""

from __future__ import annotations

from govplan.models import Project
from govplan.segment import Layout


def extract_projects(layout: Layout) -> list[Project]:
    """Every named project in the report body, in document order."""
    return []
