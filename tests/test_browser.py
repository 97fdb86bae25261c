"""Every notebook, run the way a user runs it: opened in JupyterLab in a real browser, Run All Cells.

One JupyterLab server (on a temporary copy of notebooks/) and one headless Chromium serve the whole
module; each notebook gets a fresh page and kernel. After the run the test reads the page: every
code cell has an execution number, no error is rendered, as many chart images are on the page as
the committed notebook holds, and the explorers of 05-explore answer typing and choosing. A
screenshot of each notebook is saved to tests/artifacts/. Skips when Debian's Chromium is absent.
"""
from __future__ import annotations

import re

import pytest

import browser

SKIP_REASON = browser.chromium_missing_reason()
pytestmark = pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")
NOTEBOOKS = sorted(p.name for p in browser.NOTEBOOK_DIR.glob("*.ipynb"))
EXPLORE = "05-explore.ipynb"
TRACEBACK_RE = re.compile(r"Traceback|Error\b.*\(most recent call last\)|^\w+Error: ", re.MULTILINE)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """(base_url, token, notebook copy) of a JupyterLab server for this module."""
    with browser.jupyter_lab(tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    """A headless Chromium browser context with a fresh profile."""
    with browser.chromium(tmp_path_factory.mktemp("chromium")) as context:
        yield context


@pytest.fixture(scope="module")
def run_pages(lab, chromium):
    """Open and Run All each notebook once; the pages stay open for the explorer tests."""
    pages: dict[str, object] = {}

    def run(name: str):
        if name not in pages:
            base, token, _ = lab
            browser.shutdown_kernels(base, token)
            page = chromium.new_page()
            browser.open_notebook(page, base, token, name)
            browser.run_all_cells(page)
            pages[name] = page
        return pages[name]

    yield run
    for page in pages.values():
        page.close()


def test_every_notebook_is_tested():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_run_all_cells_in_jupyterlab_renders_every_output(name, run_pages):
    page = run_pages(name)
    seen = browser.page_summary(page)
    shot = browser.screenshot(page, name)
    want = browser.expected_outputs(browser.NOTEBOOK_DIR / name)
    assert seen["code_cells"] == want["code_cells"]
    not_run = [i for i, p in enumerate(seen["prompts"]) if not re.search(r"\[\d+\]", p)]
    assert not not_run, f"{name}: code cells {not_run} did not run (see {shot.name}); stderr: {seen['stderr']}"
    errors = [t for t in seen["stderr"] if TRACEBACK_RE.search(t)]
    assert not errors, f"{name}: error output rendered: {errors[0]}"
    assert len(seen["stderr"]) == want["stderr"], f"{name}: unexpected stderr output: {seen['stderr']}"
    assert seen["images"] == want["images"], f"{name}: {seen['images']} chart images, committed {want['images']}"
    assert seen["images_broken"] == 0
    assert not seen["widget_errors"], f"{name}: widget failed to render: {seen['widget_errors']}"
