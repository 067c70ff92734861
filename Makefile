# TwitchCare. `make run` serves the demo on SQLite; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE := twitchcare.settings

.PHONY: run test install install-dev lint format bench e2e-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

## Serve the app on SQLite at http://127.0.0.1:8000 with guidance content and a demo account.
run: install
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

## Run every test (unit, API, pages, end-to-end in headless Chromium when /usr/bin/chromium exists).
test: install-dev
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Chromium for the end-to-end tests, from Debian (never a downloaded browser).
e2e-deps:
	apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core

clean:
	rm -rf $(VENV) staticfiles db.sqlite3*

## Real use (40 people reading and writing, data growth, durability) against a bare view, on
## SQLite and PostgreSQL; see docs/PERFORMANCE.md (needs wrk: apt-get install wrk).
bench: install
	$(BIN)/python bench/bench.py
