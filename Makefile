# Two commands matter: `make demo` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test lint format install install-test chromium samples clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

# PDF.js, which the app serves to open a PDF at a lesson's page; without npm the app links
# the browser's own PDF viewer instead.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --omit=optional --no-audit --no-fund --loglevel=error >/dev/null && touch $@; \
	else \
		echo "npm is missing: PDF lessons open in the browser's own PDF viewer"; \
	fi

install: $(VENV)/.installed node_modules/.installed

install-test: $(VENV)/.installed-test node_modules/.installed

# Debian's chromium drives the browser tests; it is installed only when missing.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "chromium: $(CHROMIUM)"; \
	else \
		SUDO=""; [ "$$(id -u)" = "0" ] || SUDO="sudo"; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null && \
		echo "chromium installed: $(CHROMIUM)"; \
	fi

# make demo PORT=8080 SITE_PORT=8738: the app's port, and the sample website's.
PORT ?= 5000
SITE_PORT ?= 8737

demo: install
	$(BIN)/scr demo --port $(PORT) --site-port $(SITE_PORT)

lint: install-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-test chromium lint
	$(BIN)/python -m pytest -q -rs

# Regenerates the bundled sample website from samples/sources (the output is committed).
samples: install-test
	$(BIN)/python samples/generate.py

clean:
	rm -rf var .pytest_cache .ruff_cache
