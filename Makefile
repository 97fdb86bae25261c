# Two commands do all the setup on a fresh machine (Python 3.11 with venv):
#   make lab    create .venv, install the pinned requirements, start JupyterLab on notebooks/
#   make test   same environment, run every test (helpers, notebooks, browser)
# and one to keep the committed notebooks honest:
#   make notebooks   re-execute every notebook in a fresh kernel and save its outputs
# and one to bring articles in (saved pages folder, .txt list of URLs, .csv/.jsonl/.parquet export):
#   make import SRC=saved_pages/ CORPUS=mycorpus/   (ARGS=--dayfirst etc. passed on)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: lab test notebooks bench import clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

test: $(STAMP)
	$(BIN)/python -m pytest

notebooks: $(STAMP)
	$(BIN)/python tests/run_notebooks.py --write

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

import: $(STAMP)
	@test -n "$(SRC)" -a -n "$(CORPUS)" || { echo "usage: make import SRC=<pages folder | urls.txt | table.csv/.jsonl/.parquet> CORPUS=<corpus folder> [ARGS=--dayfirst]"; exit 2; }
	$(BIN)/python -m newslens import "$(SRC)" "$(CORPUS)" $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
