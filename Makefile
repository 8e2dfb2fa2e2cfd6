# Two commands for a newcomer: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
export MITHAQ_DATA ?= $(CURDIR)/data
PORT  ?= 8501
# localhost only; ADDRESS=0.0.0.0 serves the whole network (behind a TLS proxy: see README)
ADDRESS ?= 127.0.0.1

.PHONY: run test fuzz lint format bench setup system clean

run: setup
	mkdir -p "$(MITHAQ_DATA)"
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS) \
	    --server.headless true --browser.gatherUsageStats false --client.toolbarMode minimal \
	    --client.showErrorDetails none

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -q -n auto --dist loadgroup

# the full fuzz and payload sets of issue 12 (make test runs a bounded sample of them)
fuzz: setup
	MITHAQ_FUZZ=full $(PY) -m pytest -q tests/test_fuzz.py tests/test_boundary.py \
	    tests/test_template_payloads.py tests/test_answer_payloads.py tests/test_kill.py \
	    tests/test_uploads.py tests/test_store.py \
	    tests/e2e/test_preview_sandbox.py

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
