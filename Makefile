# InfoView: `make run` starts the app, `make test` runs lint and every test layer.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test lint format unit apptest e2e bench screenshots clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

unit: $(STAMP)
	$(PY) -m pytest tests/unit -q -n 2

apptest: $(STAMP)
	$(PY) -m pytest tests/app -q

e2e: $(STAMP)
	$(PY) -m pytest tests/e2e -q

test: lint
	$(PY) -m pytest -q -n 2 --dist loadfile

bench: $(STAMP)
	$(PY) -m bench

screenshots: $(STAMP)
	$(PY) scripts/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
