# Tracker: two commands for a newcomer (`make run`, `make test`), and a few more.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint format bench bench-quick e2e clean venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed

## run: create .venv, install, migrate, load the demo when empty, serve on 127.0.0.1:5000
run: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) tracker demo
	$(FLASK) run --host $(HOST) --port $(PORT)

## test: create .venv if needed, install, run the whole test suite
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## lint: ruff check and ruff format --check
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## e2e: the browser tests alone (Playwright driving Debian's chromium at /usr/bin/chromium)
e2e: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

## bench: seed a synthetic province in a temporary folder and print the figures
bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
