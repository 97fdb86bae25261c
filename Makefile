# Two commands do all the setup on a fresh machine (Python 3.11 with venv):
#   make lab    create .venv, install the locked requirements, start JupyterLab on notebooks/
#   make test   same environment, run every test (helpers, notebooks, report, browser)
# and for your own event:
#   make report CORPUS=path/to/folder OUT=path/to/report [PARAMS="PLACE=Bakhmut TOP=20"]
#               every notebook run on that folder: notebooks, HTML pages, CSV tables
# and to keep the committed files honest:
#   make notebooks   re-execute every notebook in a fresh kernel and save its outputs
#   make lock        re-resolve requirements.lock (every package, pinned) from requirements.txt
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check
CORPUS ?= corpus
OUT ?= report
PARAMS ?=
# JupyterLab refuses to start as root (containers, CI) unless told; without a display it cannot
# open a browser, so it only prints the URL to open.
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root) $(if $(DISPLAY)$(filter Darwin,$(shell uname -s)),,--no-browser)

.PHONY: lab test notebooks report bench lock clean

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
	$(BIN)/python -m newslens report "$(CORPUS)" --out "$(OUT)" $(foreach p,$(PARAMS),-p $(p))

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.7.0
	.venv-lock/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock requirements.txt
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .venv-lock .pytest_cache tests/artifacts
