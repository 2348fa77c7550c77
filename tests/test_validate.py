"""govplan validate: every positive case passes, every negative case fails with its expected message."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke, run
from govplan.errors import PlanFileError
from govplan.serialize import load_data, load_plan
from govplan.validate import RULES, validate_paths
from govplan.yamlload import format_path, parse_document

ROOT = Path(__file__).parent.parent
CASES = Path(__file__).parent / "cases" / "validate"
POSITIVE = CASES / "positive"
NEGATIVE = CASES / "negative"
NEGATIVE_FILES = sorted(p for p in NEGATIVE.iterdir() if p.suffix in (".yaml", ".json"))

# The corruptions the issue names; each must stay a negative case with its own rule.
REQUIRED = {
    "missing-schema-version.yaml": "schema-version-missing",
    "future-schema-version.yaml": "schema-version-unsupported",
    "unknown-field.yaml": "schema-unknown-field",
    "non-numeric-value.yaml": "schema-type",
    "unknown-comparator.yaml": "comparator-unknown",
    "reversed-span.yaml": "span-reversed",
    "duplicate-id.yaml": "id-duplicate",
    "dangling-section.yaml": "section-ref",
    "value-above-max.yaml": "value-above-max",
    "yaml-syntax-error.yaml": "yaml-syntax",
    "duplicate-key.yaml": "duplicate-key",
}


# --- the cases -----------------------------------------------------------------------------------


def test_positive_cases_are_valid_and_checked_against_their_source() -> None:
    result = validate_paths([str(POSITIVE)])
    assert [Path(f.file).name for f in result.files] == [
        "dongxing-2023-excerpt.json",
        "mini.yaml",
        "qingyuan-2024.yaml",
    ]
    assert result.valid, "\n".join(str(p) for p in result.problems)
    # the report beside each plan file was found, so sha256, chars, text and line were compared
    assert all(f.source is not None for f in result.files)


def test_a_real_plan_file_has_real_content() -> None:
    data = load_data(str(POSITIVE / "qingyuan-2024.yaml"))
    assert data["source"]["name"] == "qingyuan-2024.txt"
    assert data["sections"] and data["commitments"], "regenerate it with govplan parse"


@pytest.mark.parametrize("case", NEGATIVE_FILES, ids=lambda p: p.name)
def test_negative_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = case.with_suffix(".expected")
    assert expected.exists(), f"{case.name} needs {expected.name}: the exact `govplan validate` output"
    monkeypatch.chdir(NEGATIVE)
    result = invoke("validate", case.name)
    assert result.exit_code == 1
    assert result.stdout == expected.read_text(encoding="utf-8")


def test_every_required_corruption_fails_naming_the_file_and_line() -> None:
    for name, rule in REQUIRED.items():
        result = validate_paths([str(NEGATIVE / name)])
        assert not result.valid, name
        rules = {p.rule for p in result.problems}
        assert rule in rules, (name, rules)
        for p in result.problems:
            assert p.file.endswith(name)
            assert p.line is not None and p.line >= 1, (name, p)


def test_every_reported_rule_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    seen = set()
    for expected in NEGATIVE.glob("*.expected"):
        seen.update(re.findall(r"\[([a-z0-9-]+)\]$", expected.read_text(encoding="utf-8"), re.M))
    assert seen <= set(RULES)
    assert len(seen) >= 20
    missing = [rule for rule in RULES if f"`{rule}`" not in readme]
    assert not missing, f"README.md's Validate section lacks {missing}"


# --- formats and exit codes ----------------------------------------------------------------------


def test_json_format_is_a_list_of_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(NEGATIVE)
    result = invoke("validate", ".", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert len(problems) == len(NEGATIVE_FILES)
    assert all(list(p) == ["file", "line", "column", "path", "rule", "message"] for p in problems)
    dup = next(p for p in problems if p["file"].endswith("duplicate-key.yaml"))
    assert dup["line"] == 86 and dup["path"] == "$.commitments[1].value" and dup["rule"] == "duplicate-key"
    valid = invoke("validate", str(POSITIVE / "mini.yaml"), "--format", "json")
    assert valid.exit_code == 0 and json.loads(valid.stdout) == []


def test_github_format_annotates_with_escaping(tmp_path: Path) -> None:
    plan = tmp_path / "a,b.yaml"
    text = (POSITIVE / "mini.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("  value: 11000\n", "  value: 1.1万\n"), encoding="utf-8")
    result = invoke("validate", str(plan), "--format", "github")
    assert result.exit_code == 1
    file_prop = str(plan).replace(":", "%3A").replace(",", "%2C")
    assert result.stdout == (
        f"::error file={file_prop},line=83,col=10,title=govplan validate [schema-type]::"
        '$.commitments[1].value: expected a number, got "1.1万"\n'
        f"::warning file={file_prop},title=govplan validate::source not found, spans not checked\n"
    )


def test_text_format_summarises() -> None:
    result = invoke("validate", str(POSITIVE))
    assert result.exit_code == 0
    assert result.stdout == "3 plan files valid\n"


def test_globs_and_directories_expand_sorted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    result = validate_paths(["positive/*.yaml", "positive/mini.yaml"])
    assert [f.file for f in result.files] == ["positive/mini.yaml", "positive/qingyuan-2024.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml"], "Error: missing.yaml: no such file"),
        (["nothing-*.yaml"], "Error: nothing-*.yaml: no files match this pattern"),
        (["empty"], "Error: empty: no plan files (.yaml, .yml, .json) in this directory"),
        (["--source", "missing.txt", "x.yaml"], "Error: missing.txt: no such source report"),
    ],
)
def test_could_not_run_exits_2(
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from govplan.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SystemExit) as exc:
        main(["validate", *args])
    assert exc.value.code == 2
    assert capsys.readouterr().err == message + "\n"


def test_bad_format_is_a_usage_error() -> None:
    assert invoke("validate", str(POSITIVE), "--format", "xml").exit_code == 2


def test_explicit_source_checks_hash_and_text() -> None:
    result = validate_paths([str(POSITIVE / "mini.yaml")], source=str(POSITIVE / "qingyuan-2024.txt"))
    rules = {p.rule for p in result.problems}
    assert {"source-sha256", "source-chars", "text-mismatch"} <= rules
    assert result.files[0].source == str(POSITIVE / "qingyuan-2024.txt")


# --- the loader diff and track use ---------------------------------------------------------------


def test_load_plan_reads_a_valid_plan() -> None:
    plan = load_plan(str(POSITIVE / "mini.yaml"))
    assert plan.commitments[0].value_max == 5
    assert load_plan(str(POSITIVE / "dongxing-2023-excerpt.json")).source.name == "dongxing-2023-excerpt.txt"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("yaml-syntax-error.yaml", "line 83, column 8: invalid YAML: did not find expected ',' or ']'"),
        (
            "duplicate-key.yaml",
            "line 86, column 3: $.commitments[1].value: duplicate key 'value' (first at line 83)",
        ),
        (
            "non-numeric-value.yaml",
            'line 83, column 10: $.commitments[1].value: expected a number, got "1.1万"',
        ),
        ("missing-schema-version.yaml", "not a plan file (no schema_version)"),
        ("json-unknown-field.json", "line 131, column 7: $.commitments[1].note: unknown field 'note'"),
    ],
)
def test_load_plan_names_the_file_and_line(name: str, message: str) -> None:
    path = str(NEGATIVE / name)
    with pytest.raises(PlanFileError) as exc:
        load_plan(path)
    assert exc.value.line() == f"Error: {path}: {message}"


def test_load_plan_leaves_consistency_to_validate() -> None:
    # diff and track read what fits the schema; validate is the strict gate
    assert load_plan(str(NEGATIVE / "dangling-section.yaml")).commitments[3].section == "plan-2.3"


# --- loading with positions ----------------------------------------------------------------------


def test_yaml_positions_and_duplicates() -> None:
    doc = parse_document("a: 1\nb:\n  - x\n  - {c: 2, c: 3}\n", "p.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert doc.locate(("b", 1, "c")) == (4, 9)
    assert doc.locate(("b", 1, "c"), at_key=True) == (4, 6)
    assert [(i.rule, i.path, i.line, i.column) for i in doc.issues] == [
        ("duplicate-key", ("b", 1, "c"), 4, 12)
    ]


def test_json_positions_and_duplicates() -> None:
    doc = parse_document('{"a": 1,\n "b": [true, {"c": 2, "c": 3}]}\n', "p.json")
    assert doc.data == {"a": 1, "b": [True, {"c": 2}]}
    assert doc.locate(("b", 1)) == (2, 14)
    assert doc.locate(("b", 1, "c")) == (2, 20)
    assert doc.locate(("b", 1, "c"), at_key=True) == (2, 15)
    assert [(i.rule, i.line, i.column) for i in doc.issues] == [("duplicate-key", 2, 23)]


def test_yaml_that_is_not_json_data_is_refused() -> None:
    doc = parse_document("a: &x [1]\nb: *x\nc: 2024-01-26\nd: .inf\n", "p.yaml")
    assert [(i.line, i.message) for i in doc.issues] == [
        (2, "anchors and aliases are not allowed in plan files (this repeats line 1)"),
        (3, "a YAML date is not JSON data; quote it as a string"),
        (4, "inf is not a finite number"),
    ]
    assert not doc.loaded


@pytest.mark.parametrize(
    ("text", "name", "rule", "message"),
    [
        ("a: 2022-13-45\n", "p.yaml", "yaml-unsupported", "'2022-13-45' is not a valid !!timestamp"),
        ("a: !!float abc\n", "p.yaml", "yaml-unsupported", "'abc' is not a valid !!float"),
        ("a: " + "9" * 5000 + "\n", "p.yaml", "yaml-unsupported", "'" + "9" * 37 + "…' is not a valid !!int"),
        (
            "a: 1" + "0" * 320 + "\n",
            "p.yaml",
            "number-range",
            "a number too large for a plan file (beyond ±1.8e308)",
        ),
        ('{"a": 1e400}', "p.json", "number-range", "inf is not a finite number"),
        (
            '{"a": ' + "9" * 5000 + "}",
            "p.json",
            "number-range",
            "a number too large for a plan file (beyond ±1.8e308)",
        ),
        ('{"a":' * 970 + "1" + "}" * 970, "p.json", "nested-too-deep", "nested more than 64 levels deep"),
        (
            'a: &s "xx"\nb: [*s, *s, *s]\n',
            "p.yaml",
            "yaml-unsupported",
            "anchors and aliases are not allowed in plan files (this repeats line 1)",
        ),
    ],
)
def test_values_a_plan_cannot_hold_are_one_problem(text: str, name: str, rule: str, message: str) -> None:
    doc = parse_document(text, name)
    assert [(i.rule, i.message) for i in doc.issues] == [(rule, message)]


def test_format_path_quotes_odd_keys() -> None:
    assert format_path(()) == "$"
    assert format_path(("commitments", 3, "value")) == "$.commitments[3].value"
    assert format_path(("a b", "指标")) == '$["a b"]["指标"]'


# --- speed: no parser, no jieba ------------------------------------------------------------------


def test_validate_loads_neither_jieba_nor_the_parser() -> None:
    code = (
        "import sys\n"
        "from govplan.cli import main\n"
        "try:\n"
        f"    main(['validate', {str(POSITIVE)!r}])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "heavy = ('jieba', 'govplan.pipeline', 'govplan.segment', 'govplan.tokens', 'govplan.extract', 'rich')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


# --- the project validates its own samples (CI runs this) ----------------------------------------


def test_samples_are_valid_plan_files() -> None:
    result = invoke("validate", str(ROOT / "samples"))
    assert result.exit_code == 0, result.stdout


# --- what validate did not check -----------------------------------------------------------------


def test_a_plan_without_its_source_is_valid_with_a_warning_or_invalid_with_require_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alone = tmp_path / "mini.yaml"
    alone.write_text((POSITIVE / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(capsys, "validate", str(alone)) == (
        0,
        "1 plan file valid\n",
        f"Warning: {alone}: source not found, spans not checked\n",
    )
    code, out, err = run(capsys, "validate", str(alone), "--require-source")
    assert (code, err) == (1, "")
    assert out.splitlines()[-1] == "1 of 1 plan file invalid, 1 problem"
    assert out.splitlines()[0].endswith(
        ": $.source.name: source not found, spans not checked (--require-source) [source-missing]"
    )
    # beside its source, or given one, there is nothing to say
    assert run(capsys, "validate", str(POSITIVE / "mini.yaml"), "--require-source")[::2] == (0, "")
    # a CI log shows the warning as an annotation too
    code, out, _ = run(capsys, "validate", str(alone), "--format", "github")
    file_prop = str(alone).replace(":", "%3A").replace(",", "%2C")
    assert (code, out) == (
        0,
        f"::warning file={file_prop},title=govplan validate::source not found, spans not checked\n",
    )


@pytest.mark.parametrize(
    ("text", "data", "issues"),
    [
        ("a: !!str 5\n", {"a": "5"}, []),
        ("a: !!int 5\nb: !!null ''\n", {"a": 5, "b": None}, []),
        ("a: !foo x\n", None, [("yaml-unsupported", "tag !foo is not allowed")]),
        (
            "a: !!binary aGk=\n",
            None,
            [("yaml-unsupported", "a YAML bytes is not JSON data; quote it as a string")],
        ),
        (
            "a: &s x\nb: *s\n",
            None,
            [("yaml-unsupported", "anchors and aliases are not allowed in plan files (this repeats line 1)")],
        ),
    ],
)
def test_json_tags_are_read_as_their_value_and_other_tags_and_scalar_aliases_are_refused(
    text: str, data: object, issues: list[tuple[str, str]]
) -> None:
    doc = parse_document(text, "p.yaml")
    assert [(i.rule, i.message) for i in doc.issues] == issues
    if data is not None:
        assert doc.data == data
