# The two set-up commands of the README, and the chores around them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

demo: $(VENV)/.installed
	@DEMO_DB="$$($(BIN)/python -c 'from coachdesk.storage.engine import default_data_dir; print(default_data_dir() / "demo.sqlite")')"; \
	if [ ! -s "$$DEMO_DB" ]; then echo "Building the demo hub in $$DEMO_DB"; $(BIN)/coachdesk --db "$$DEMO_DB" demo; fi; \
	$(BIN)/coachdesk --db "$$DEMO_DB"

test: $(VENV)/.installed-test
	$(BIN)/ruff check coachdesk tests
	$(BIN)/ruff format --check coachdesk tests
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check coachdesk tests
	$(BIN)/ruff format --check coachdesk tests
	$(BIN)/lint-imports

bench: $(VENV)/.installed-test
	$(BIN)/python tests/benchmarks/bench_foundation.py

$(VENV)/.installed: pyproject.toml scripts/system-deps.sh
	./scripts/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml scripts/system-deps.sh
	./scripts/system-deps.sh postgresql poppler-utils libreoffice-calc-nogui
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,postgres]'
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
