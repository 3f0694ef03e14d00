# pressfacts: every target sets up .venv first, so a fresh clone needs only `make run` / `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint schemas evaluate bench review clean thresholds

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/pressfacts extract corpus/articles -o outputs

test: install
	$(BIN)/ruff check pipeline tests corpus/tools
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check pipeline tests corpus/tools

schemas: install
	$(BIN)/pressfacts schema -o schemas

evaluate: install
	$(BIN)/pressfacts evaluate --split test --baseline

bench: install
	$(BIN)/pressfacts bench --n 1200

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

thresholds: install
	$(BIN)/python corpus/tools/write_thresholds.py
