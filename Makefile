# Two commands: `make dashboards` (set up, then serve the sample campaign's dashboards)
# and `make test` (set up, then run the whole suite). Everything they need is
# installed from here: the virtualenv from pyproject.toml, Chromium and CJK fonts
# from Debian's packages (scripts/install-system-deps.sh).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8866
CAMPAIGN ?= data/sample
LINTED := campaignkit tests tools benchmarks scripts

.PHONY: dashboards test test-fast sweep lint lab venv venv-test system-deps runtime-deps bench sample templates clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

venv: $(VENV)/.installed
venv-test: $(VENV)/.installed-test

system-deps:
	bash scripts/install-system-deps.sh test

runtime-deps:
	bash scripts/install-system-deps.sh runtime || echo "警告：未能安装中文字体、Pango 或 Chromium（明白卡、讲义 PDF 需要）；看板仍可使用。"

dashboards: venv runtime-deps
	@# The sample questionnaire's invented answers (two waves) into the sample's response store; idempotent.
	@if [ "$(CAMPAIGN)" = "data/sample" ]; then \
		$(VENV)/bin/campaignkit forms import data/sample/forms/survey_responses.csv data/sample && \
		$(VENV)/bin/campaignkit forms import data/sample/forms/appraisal_responses.csv data/sample; fi
	$(VENV)/bin/campaignkit serve $(CAMPAIGN) --port $(PORT)

test: venv-test system-deps lint
	$(PY) -m pytest -n 2 --dist loadfile --nbval-lax --nbval-current-env --durations=25 tests notebooks

# Every kernel-free page × normal/长辈模式 × 390 px/1024×768 (make test checks one combination per page).
sweep: venv-test system-deps
	$(PY) -m pytest -n 2 -p no:cacheprovider --timeout 3600 tests/sweep

# The suite without the browser tests (those marked browser): a quick check while working.
test-fast: venv-test lint
	$(PY) -m pytest -n 2 --dist loadfile -m "not browser" --durations=25 tests

# Format, lint, the architecture contracts and the types (pyproject.toml: [tool.ruff], [tool.importlinter], [tool.mypy]).
lint: venv-test
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/ruff check $(LINTED)
	PYTHONPATH=tools $(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# JupyterLab on notebooks/ for trainers: edit, copy, preview with Voilà (offline).
LAB_PORT ?= 8888
lab: venv
	$(VENV)/bin/campaignkit lab $(CAMPAIGN) --port $(LAB_PORT)

bench: venv-test system-deps
	$(PY) benchmarks/bench_loaders.py
	$(PY) benchmarks/bench_dashboards.py
	$(PY) benchmarks/bench_benefits.py
	$(PY) benchmarks/bench_forms.py
	$(PY) benchmarks/bench_meeting_pattern.py
	$(PY) benchmarks/bench_talks.py
	$(PY) benchmarks/bench_lan.py
	$(PY) benchmarks/bench_quiz.py
	$(PY) benchmarks/bench_vote.py
	$(PY) benchmarks/bench_outreach.py

sample: venv
	$(PY) scripts/make_sample.py
	$(PY) scripts/make_sample_forms.py

templates: venv
	$(VENV)/bin/campaignkit template templates

clean:
	rm -rf $(VENV) .pytest_cache benchmarks/_work
