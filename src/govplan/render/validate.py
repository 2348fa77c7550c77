"""Rendering a ValidationResult: text lines, a JSON array of problems, GitHub workflow commands."""

from __future__ import annotations

import json

from govplan.render.registry import renderer
from govplan.validate import ValidationResult


@renderer("validate", "text")
def render_text(result: ValidationResult, *, color: bool = False, width: int = 100) -> str:
    """``file:line:col: path: message [rule]`` per problem, then a one-line verdict."""
    lines = []
    for p in result.problems:
        at = "".join(f":{n}" for n in (p.line, p.column) if n is not None)
        lines.append(f"{p.file}{at}: {p.path}: {p.message} [{p.rule}]")
    n, bad, count = len(result.files), len(result.invalid_files), len(result.problems)
    files = f"{n} plan file{'s' * (n != 1)}"
    lines.append(
        f"{bad} of {files} invalid, {count} problem{'s' * (count != 1)}" if bad else f"{files} valid"
    )
    return "\n".join(lines) + "\n"


@renderer("validate", "json")
def render_json(result: ValidationResult, *, color: bool = False, width: int = 100) -> str:
    """The problems as a JSON array (``Problem.as_dict``); ``[]`` when every file is valid."""
    return json.dumps([p.as_dict() for p in result.problems], ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


@renderer("validate", "github")
def render_github(result: ValidationResult, *, color: bool = False, width: int = 100) -> str:
    """One ``::error file=…,line=…,col=…,title=…::message`` workflow command per problem, and one
    ``::warning file=…,title=…::message`` per warning (a source not found, spans not checked)."""
    out = []
    for p in result.problems:
        props = [f"file={_gh_escape(p.file, True)}"]
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.column is not None:
            props.append(f"col={p.column}")
        props.append(f"title={_gh_escape(f'govplan validate [{p.rule}]', True)}")
        out.append(f"::error {','.join(props)}::{_gh_escape(f'{p.path}: {p.message}')}\n")
    for f in result.files:
        for w in f.warnings:
            props = [f"file={_gh_escape(f.file, True)}", f"title={_gh_escape('govplan validate', True)}"]
            out.append(f"::warning {','.join(props)}::{_gh_escape(w)}\n")
    return "".join(out)
