# Two commands do all the setup on a fresh machine (Python 3.11 with venv):
#   make lab    create .venv, install the pinned requirements, start JupyterLab on notebooks/
#   make test   same environment, run every test (helpers, notebooks, browser)
# and one to keep the committed notebooks honest:
#   make notebooks   re-execute every notebook in a fresh kernel and save its outputs
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: lab test notebooks bench clean

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

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
