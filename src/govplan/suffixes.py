"""The file suffixes govplan tells apart: reports it parses and plan files it loads (lower case)."""

from __future__ import annotations

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
PLAN_SUFFIXES = (".yaml", ".yml", ".json")
