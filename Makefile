# The two set-up commands of the README, and the chores around them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean package package-test windows-test

demo: $(VENV)/.installed
	@DEMO_DB="$$($(BIN)/python -c 'from coachdesk.storage.engine import default_data_dir; print(default_data_dir() / "demo.sqlite")')"; \
	if [ ! -s "$$DEMO_DB" ]; then echo "Building the demo hub in $$DEMO_DB"; $(BIN)/coachdesk --db "$$DEMO_DB" demo; fi; \
	$(BIN)/coachdesk --db "$$DEMO_DB"

test: $(VENV)/.installed-test
	$(BIN)/ruff check coachdesk tests
	$(BIN)/ruff format --check coachdesk tests
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check coachdesk tests
	$(BIN)/ruff format --check coachdesk tests
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(VENV)/.installed-test
	$(BIN)/python tests/benchmarks/bench_foundation.py

# The Linux one-folder app a lead downloads (dist/coachdesk/, and a .tar.gz of it);
# packaging/README.md gives the Windows and macOS builds.
VERSION = $$($(BIN)/python -c 'from importlib.metadata import version; print(version("coachdesk"))')
package: $(VENV)/.installed-package
	rm -rf dist/coachdesk
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/coachdesk.spec
	tar -C dist -czf "dist/coachdesk-$(VERSION)-linux-$$(uname -m).tar.gz" coachdesk
	@du -sh dist/coachdesk dist/coachdesk-*-linux-*.tar.gz

# Build it, then test the frozen binary itself (run by .ci/run after make test).
package-test: package
	$(BIN)/pytest -q tests/package

# Windows, tested under Wine from Debian's and PyPI's packages only (run by .ci/run): the
# suite on Windows CPython (win32), the PyInstaller build made there and its NSIS installer,
# installed, run and uninstalled. Cached in .wine-cache/; packaging/README.md says what it proves.
windows-test: $(VENV)/.installed
	./scripts/system-deps.sh wine64 nsis
	$(BIN)/python scripts/windows_wine.py all

$(VENV)/.installed-package: pyproject.toml scripts/system-deps.sh $(VENV)/.installed-test
	./scripts/system-deps.sh binutils desktop-file-utils shared-mime-info
	$(BIN)/python -m pip install -q -e '.[test,postgres,package,encryption]'
	touch $@

$(VENV)/.installed: pyproject.toml scripts/system-deps.sh
	./scripts/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[encryption]'
	touch $@

$(VENV)/.installed-test: pyproject.toml scripts/system-deps.sh
	./scripts/system-deps.sh postgresql poppler-utils libreoffice-calc-nogui
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,postgres,encryption]'
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
