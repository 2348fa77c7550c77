# govplan: `make demo` sets everything up and parses a bundled sample; `make test` runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
GOVPLAN := $(BIN)/govplan

.DEFAULT_GOAL := help
.PHONY: help setup demo test check lint typecheck fix golden schema samples bench validate-samples clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install govplan with its dev tools

demo: $(STAMP) ## parse the bundled 东兴 excerpt to out/ and print a summary of its plan file
	@mkdir -p out
	$(GOVPLAN) parse samples/dongxing-2023-excerpt.txt -o out/dongxing-2023-excerpt.plan.yaml
	@$(GOVPLAN) show out/dongxing-2023-excerpt.plan.yaml
	@echo "plan file: out/dongxing-2023-excerpt.plan.yaml"

test: $(STAMP) ## run the whole test suite (read-only)
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff lint and format check (read-only)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP) ## strict mypy over src and tests (read-only)
	$(BIN)/mypy src tests

check: lint typecheck test validate-samples ## everything CI checks (read-only)

fix: $(STAMP) ## apply ruff fixes and formatting (writes)
	$(BIN)/ruff check --fix src tests
	$(BIN)/ruff format src tests

schema: $(STAMP) ## regenerate schemas/plan.schema.json from the models (writes)
	$(GOVPLAN) schema > schemas/plan.schema.json.tmp && mv schemas/plan.schema.json.tmp schemas/plan.schema.json

samples: $(STAMP) ## rebuild the plan files and diffs in samples/ (writes)
	$(BIN)/python tests/make_samples.py

golden: $(STAMP) ## rewrite the expected files of tests/cases/parse and tests/cases/diff on purpose (writes)
	GOVPLAN_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py tests/test_diff.py -q -k test_golden

validate-samples: $(STAMP) ## validate the bundled plan files with govplan itself (read-only)
	$(GOVPLAN) validate samples/

bench: $(STAMP) ## speed and memory against side-by-side baselines
	$(BIN)/python bench/bench.py

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
