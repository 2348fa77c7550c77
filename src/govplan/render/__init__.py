"""Rendering for terminals: the only modules that import rich live in this package."""
