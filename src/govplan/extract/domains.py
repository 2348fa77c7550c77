"""Policy domains (issue 4) for topics, commitments and projects."""

from __future__ import annotations

from govplan.models import Plan
from govplan.options import ParseOptions
from govplan.segment import Layout


def assign_domains(plan: Plan, layout: Layout, options: ParseOptions) -> None:
    """Fill ``domains`` (best first) and ``domain_evidence`` on every topic, commitment and project."""
    return None
