# Two commands for a fresh machine with only python3 and make: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run import doctor test test-fast check lint types bench bench-quick screenshots clean clean-library help

help:
	@echo "make help           this list"
	@echo "make run            set up .venv, migrate, import content/ and serve http://$(HOST):$(PORT)/mcp"
	@echo "                    (the preview host is at /dev); another port: make run PORT=8001, HOST=0.0.0.0"
	@echo "make import         import content/ again (skips books that have not changed)"
	@echo "make doctor         check the set-up (library, port, widget, fonts…) and say how to fix it"
	@echo "make test           install the dev tools and run the whole suite (a few minutes)"
	@echo "make test-fast      the suite on SQLite only: no browser, processes, npm clients or PostgreSQL (~1 min)"
	@echo "make check          lint (ruff) + types (mypy) + the whole suite: the gate CI runs"
	@echo "make lint / types   one half of that gate"
	@echo "make bench          measure Chapterwise against its floors, into BENCHMARKS.md (~5 min)"
	@echo "make bench-quick    a smoke run of the benchmarks (~1 min)"
	@echo "make screenshots    refresh docs/screenshots from the showcase test (both themes in artifacts/)"
	@echo "make clean          remove .venv, build output, caches and test artifacts (never data/)"
	@echo "make clean-library  delete data/, the library itself (asks first)"

# The stamp files make setup re-run only when pyproject.toml changes.
$(BIN)/.runtime-installed: pyproject.toml
	@echo "Setting up $(VENV) and installing Chapterwise's dependencies (a minute or two the first time)…"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.dev-installed: $(BIN)/.runtime-installed
	@echo "Installing the test and lint tools into $(VENV)…"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/.runtime-installed
	$(BIN)/chapterwise db upgrade
	$(BIN)/chapterwise import content/
	$(BIN)/chapterwise serve --dev --host $(HOST) --port $(PORT)

import: $(BIN)/.runtime-installed
	$(BIN)/chapterwise import content/

# Checks the address `make run` would use; add CHAPTERWISE_PUBLIC_URL=https://… to check a tunnel too.
doctor: $(BIN)/.runtime-installed
	$(BIN)/chapterwise doctor --host $(HOST) --port $(PORT)

test: $(BIN)/.dev-installed
	@test -x /usr/bin/chromium || echo "NOTE: Debian's chromium is not installed, so the browser tests will be skipped (apt-get install chromium)."
	@test -d tests/interop/node_modules || echo "NOTE: the npm clients are not installed, so the interop tests will be skipped (npm ci --prefix tests/interop)."
	$(BIN)/python -m pytest

test-fast: $(BIN)/.dev-installed
	$(BIN)/python -m pytest -m "not browser and not slow and not interop and not postgres"

lint: $(BIN)/.dev-installed
	$(BIN)/ruff check app tests migrations
	$(BIN)/ruff format --check app tests migrations

types: $(BIN)/.dev-installed
	$(BIN)/mypy

check: lint types test

bench: $(BIN)/.dev-installed
	$(BIN)/python -m tests.bench

bench-quick: $(BIN)/.dev-installed
	$(BIN)/python -m tests.bench --quick

# The README's pictures are the showcase test's light ones. Old shots go first, and a missing
# browser fails instead of skipping, so a stale picture is never copied.
SHOTS := artifacts/screenshots/showcase
screenshots: $(BIN)/.dev-installed
	rm -rf $(SHOTS)
	CHAPTERWISE_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/e2e/test_showcase.py
	for view in library book reader; do cp $(SHOTS)/$$view-light.png docs/screenshots/$$view.png; done

# Build output and caches only: the library in data/ is the reader's, and survives a clean.
clean:
	rm -rf $(VENV) dist build artifacts .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

clean-library:
	@printf "Delete data/ (every imported book) for good? [y/N] " && read answer && [ "$$answer" = y ]
	rm -rf data
