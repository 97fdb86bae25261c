"""A report's HTML pages, opened in headless Chromium as a reader would open them from disk: every
chart the executed notebook holds is on the page and has been drawn (decoded, with a size). Skips,
saying why, when Debian's Chromium is absent."""
from __future__ import annotations

import nbformat
import pytest

import browser

SKIP_REASON = browser.chromium_missing_reason()
pytestmark = pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")
IMAGES_JS = """() => [...document.querySelectorAll('img')].map(i => [i.complete, i.naturalWidth, i.naturalHeight])"""


def image_outputs(path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    with browser.chromium(tmp_path_factory.mktemp("chromium")) as context:
        yield context


def test_every_chart_of_a_report_renders_in_chromium(corpus_report, chromium):
    _, runs, out = corpus_report("heldout")
    assert all(r.ok for r in runs)
    page = chromium.new_page()
    total = 0
    for run in runs:
        page.goto((out / f"{run.notebook}.html").as_uri(), wait_until="load")
        images = page.evaluate(IMAGES_JS)
        expected = image_outputs(out / f"{run.notebook}.ipynb")
        assert len(images) == expected, f"{run.notebook}: {len(images)} images on the page, {expected} in the notebook"
        assert all(done and w > 50 and h > 50 for done, w, h in images), f"{run.notebook}: undrawn chart {images}"
        total += expected
    page.goto((out / "index.html").as_uri(), wait_until="load")
    links = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert {f"{r.notebook}.html" for r in runs} <= set(links)
    page.close()
    assert total > 0
