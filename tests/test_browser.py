"""Every notebook, run the way a user runs it: opened in JupyterLab in a real browser, Run All Cells.

One JupyterLab server (on a temporary copy of notebooks/) and one headless Chromium serve the whole
module; each notebook gets a fresh page and kernel. After the run the test reads the page: every
code cell has an execution number, no error is rendered, as many chart images are on the page as
the committed notebook holds, and the explorers of 05-explore answer typing and choosing. A
screenshot of each notebook after its run, and of each explorer after the test drove it, is saved to
tests/artifacts/ (git-ignored). Skips, saying why, when Debian's Chromium is absent.
"""
from __future__ import annotations

import ast
import re

import nbformat
import pytest

import browser
import helpers

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
    shot = browser.screenshot(page, name)[0]
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
    assert seen["widget_views"] == want["widgets"], \
        f"{name}: {seen['widget_views']} widgets shown, committed {want['widgets']}"


# ---------------------------------------------------------------- the explorers of 05-explore

needs_explore = pytest.mark.skipif(EXPLORE not in NOTEBOOKS, reason=f"{EXPLORE} not in notebooks/")


def plain(label: str) -> str:
    """A menu label as text (ipywidgets shows spaces in option labels as no-break spaces)."""
    return label.replace("\xa0", " ").strip()


def word_count(text: str, word: str) -> int:
    """Occurrences of `word` as a whole word, any case (an oracle independent of the tokenizer)."""
    return len(re.findall(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE))


def parameter(name: str, param: str):
    """A value from a notebook's UPPER_CASE parameters cell (a number, a string or None)."""
    src = "\n".join(c.source for c in nbformat.read(browser.NOTEBOOK_DIR / name, as_version=4).cells)
    m = re.search(rf"^{param} = (.+?)(  #.*)?$", src, re.MULTILINE)
    return ast.literal_eval(m.group(1))


@needs_explore
def test_concordance_explorer_shows_the_lines_of_the_word_typed(run_pages, articles):
    page = run_pages(EXPLORE)
    before = browser.explorer_state(page, "concordance")
    box = page.locator(".newslens-concordance input[type=text]")
    box.fill("")
    box.press_sequentially("Bakhmut", delay=40)
    seen = browser.wait_for_status(page, "concordance", "of “Bakhmut”")
    expected = sum(word_count(t, "Bakhmut") for t in articles["text"])
    assert expected > 5 and seen["rows"] != before["rows"]
    assert seen["columns"][:3] == ["outlet", "article_id", "left"]
    assert len(seen["rows"]) == expected, seen["status"]
    assert {r[3].lower() for r in seen["rows"]} == {"bakhmut"}
    outlets = [r[0] for r in seen["rows"]]
    house = [o for o in helpers.outlet_order(articles) if o in outlets]
    assert list(dict.fromkeys(outlets)) == house  # grouped, in the house order

    page.locator(".newslens-concordance select").select_option("SOFREP")
    seen = browser.wait_for_status(page, "concordance", r"^\d+ lines? of “Bakhmut” in 1 outlet$")
    sofrep = articles.loc[articles["outlet"] == "SOFREP", "text"]
    browser.explorer_screenshot(page, "concordance")
    assert {r[0] for r in seen["rows"]} == {"SOFREP"}
    assert len(seen["rows"]) == sum(word_count(t, "Bakhmut") for t in sofrep)


@needs_explore
def test_speaker_explorer_shows_every_quotation_of_the_chosen_speaker(run_pages, articles):
    page = run_pages(EXPLORE)
    menu = page.locator(".newslens-speaker select")
    labels = menu.locator("option").all_inner_texts()
    first = browser.explorer_state(page, "speaker")
    menu.select_option(label=labels[1])
    name, n = re.fullmatch(r"(.+) \((\d+)\)", plain(labels[1])).groups()
    seen = browser.wait_for_status(page, "speaker", rf"^{re.escape(name)}: {n} quotations?")
    want = helpers.speaker_quotes(helpers.extract_quotes(articles), articles, name)
    browser.explorer_screenshot(page, "speaker")
    assert seen["rows"] != first["rows"] and len(seen["rows"]) == int(n) == len(want)
    assert seen["columns"] == ["outlet", "article_id", "kind", "cue", "quote", "sentence"]
    assert [r[:4] for r in seen["rows"]] == want[["outlet", "article_id", "kind", "cue"]].values.tolist()
    # every quotation starts in the sentence shown beside it
    assert all(r[4][:12] in r[5] for r in seen["rows"]), [r[4:] for r in seen["rows"]]


@needs_explore
def test_outlet_explorer_redraws_chart_and_table_for_the_chosen_outlet_and_measure(run_pages, articles):
    page = run_pages(EXPLORE)
    menus = page.locator(".newslens-outlet select")
    label = menus.nth(0).locator("option").all_inner_texts()[-1]
    menus.nth(0).select_option(label=label)
    outlet = plain(label)
    menus.nth(1).select_option(label="Log Ratio")
    seen = browser.wait_for_status(page, "outlet", rf"(of {re.escape(outlet)} by Log Ratio|for {re.escape(outlet)})")
    want = helpers.outlet_key_terms(helpers.keyness(articles), outlet, "log_ratio",
                                    parameter(EXPLORE, "TOP"), parameter(EXPLORE, "MIN_G2"))
    browser.explorer_screenshot(page, "outlet")
    assert seen["images"] == 1
    shown = [r[seen["columns"].index("term")] for r in seen["rows"]]
    assert shown == want["term"].tolist() and len(shown) > 0
    assert {r[seen["columns"].index("measure")] for r in seen["rows"]} == {"log_ratio"}
