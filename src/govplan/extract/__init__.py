"""Extraction stages: commitments, projects and domains, each a pure function over a Layout."""
