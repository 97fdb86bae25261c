# Two commands do all the setup on a fresh machine (Python 3.11 with venv):
#   make lab    create .venv, install the locked requirements, start JupyterLab on notebooks/
#   make test   same environment, run every test (helpers, notebooks, report, browser)
# and for your own event (saved pages folder, .txt list of URLs, .csv/.jsonl/.parquet export):
#   make import SRC=saved_pages/ CORPUS=mycorpus/   (ARGS=--dayfirst etc. passed on)
#   make report CORPUS=mycorpus/ OUT=path/to/report [PARAMS="PLACE=Bakhmut TOP=20"]
#               every notebook run on that folder: notebooks, HTML pages, CSV tables
# and to keep the committed files honest:
#   make notebooks   re-execute every notebook in a fresh kernel and save its outputs
#   make lock        re-resolve requirements.lock (every package, pinned) from requirements.txt
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check
OUT ?= report
PARAMS ?=
# JupyterLab refuses to start as root (containers, CI) unless told; without a display it cannot
# open a browser, so it only prints the URL to open.
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root) $(if $(DISPLAY)$(filter Darwin,$(shell uname -s)),,--no-browser)

.PHONY: lab test notebooks report import bench lock clean

$(STAMP): requirements.txt requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt -c requirements.lock
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_FLAGS)

test: $(STAMP)
	$(BIN)/python -m pytest

notebooks: $(STAMP)
	$(BIN)/python tests/run_notebooks.py --write

report: $(STAMP)
	$(BIN)/python -m newslens report "$(or $(CORPUS),corpus)" --out "$(OUT)" $(foreach p,$(PARAMS),-p $(p))

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.7.0
	.venv-lock/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock requirements.txt
	rm -rf .venv-lock

import: $(STAMP)
	@test -n "$(SRC)" -a -n "$(CORPUS)" || { echo "usage: make import SRC=<pages folder | urls.txt | table.csv/.jsonl/.parquet> CORPUS=<corpus folder> [ARGS=--dayfirst]"; exit 2; }
	$(BIN)/python -m newslens import "$(SRC)" "$(CORPUS)" $(ARGS)

clean:
	rm -rf $(VENV) .venv-lock .pytest_cache tests/artifacts
