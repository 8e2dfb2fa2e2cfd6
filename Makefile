# Two commands for a newcomer: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
export MITHAQ_DATA ?= $(CURDIR)/data
PORT  ?= 8501

.PHONY: run test lint format bench setup system clean

run: setup
	mkdir -p "$(MITHAQ_DATA)"
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true \
	    --browser.gatherUsageStats false --client.toolbarMode minimal

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -q

lint: setup
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .

bench: setup
	BENCH_EXTRA=libreoffice-writer-nogui bash scripts/install-system-packages
	$(PY) bench/run.py

setup: system $(VENV)/.installed

system:
	bash scripts/install-system-packages

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info
