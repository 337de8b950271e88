# InfoView: `make run` starts the app, `make test` runs lint and every test layer.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test test-py312 lint format unit apptest e2e bench coach-report screenshots clean

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
	CHROMIUM="$$($(PY) scripts/browser.py)" $(PY) -m pytest tests/e2e -q

# The browser tests' Chromium: Debian's, installed if need be, else Playwright's download.
test: lint
	CHROMIUM="$$($(PY) scripts/browser.py)" $(PY) -m pytest -q -n 2 --dist loadfile

# The hosted demo's default Python (Streamlit Community Cloud) is 3.12: run the suite there too.
PY312 ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12; do "$$p" -c 'import venv' 2>/dev/null && echo "$$p" && break; done)
VENV312 := .venv312
$(VENV312)/.installed: requirements.txt requirements-dev.txt
	$(PY312) -m venv $(VENV312)
	$(VENV312)/bin/python -m pip install --quiet --upgrade pip
	$(VENV312)/bin/python -m pip install --quiet -r requirements-dev.txt
	touch $@

test-py312: $(VENV312)/.installed
	$(VENV312)/bin/python -m pytest tests/unit tests/app -q -n 2 --dist loadfile -m "not slow"

bench: $(STAMP)
	$(PY) -m bench

# How well the coaches agree with the labelled corpora of tests/coach_corpus/.
coach-report: $(STAMP)
	$(PY) -m infoview.coach.report docs/coach-report.md

screenshots: $(STAMP)
	$(PY) scripts/screenshots.py docs/screenshots "" --demo

clean:
	rm -rf $(VENV) $(VENV312) .pytest_cache .ruff_cache
