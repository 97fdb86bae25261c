"""Drive JupyterLab in headless Chromium the way a user does: open a notebook, Run All, read the page.

Used by `tests/test_browser.py`. Nothing here downloads a browser: it launches Debian's `chromium`
(`/usr/bin/chromium`) through Playwright for Python. JupyterLab runs from this project's `.venv` on a
free loopback port with a random token, with its config, data and runtime folders in a temporary
directory, on a temporary COPY of `notebooks/` (so running cells in the UI never saves into the
committed notebooks). The copy sits next to links to the project's other top-level entries, so the
notebooks' setup cell (`ROOT = Path.cwd().parent`) finds `helpers.py` and `corpus/` as usual.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
JUPYTER = Path(sys.executable).parent / "jupyter"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SKIP_LINKS = {".git", ".venv", "notebooks", "tests"}  # not needed by a notebook's setup cell
VIEWPORT = {"width": 1400, "height": 1000}
MAX_SHOT_PX = 12000  # Chromium cannot capture much more than 16,384 pixels in one image
MAX_SHOT_PARTS = 6
LAB_START_TIMEOUT_S = 60
KERNEL_IDLE_TIMEOUT_S = 90
IMAGE_MIME_RE = re.compile(r"^image/")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# Lab settings for the test server: no autosave, no news/update checks, and every cell kept in the
# page (the default windowing may leave cells outside the viewport out of the DOM).
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none", "scrollPastEnd": False,
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False,
    },
}
# JavaScript run in the page. `window.jupyterapp` is exposed by --LabApp.expose_app_in_browser; the
# checks read the open notebook's DOM, i.e. what the user sees.
PANEL_JS = "const panel = window.jupyterapp.shell.currentWidget.node;"
SUMMARY_JS = """() => {
  %s
  const cells = [...panel.querySelectorAll('.jp-Cell.jp-CodeCell')];
  const prompts = cells.map(c => (c.querySelector('.jp-InputArea-prompt') || {}).textContent || '');
  const outside = el => !el.closest('.jupyter-widgets');
  const stderr = [...panel.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')];
  const imgs = [...panel.querySelectorAll('.jp-RenderedImage img')];
  const widgetErrors = [...panel.querySelectorAll('.jupyter-widgets')]
    .filter(w => /Error (displaying|rendering) widget|model not found/.test(w.textContent));
  return {
    code_cells: cells.length,
    prompts: prompts,
    stderr: stderr.map(o => o.textContent.slice(0, 800)),
    images: imgs.filter(outside).length,
    images_broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).length,
    widget_images: imgs.filter(i => !outside(i)).length,
    widget_views: [...panel.querySelectorAll('.jp-OutputArea-output')]
      .filter(o => [...o.children].some(c => c.classList.contains('jupyter-widgets'))).length,
    widget_errors: widgetErrors.map(w => w.textContent.slice(0, 300)),
  };
}""" % PANEL_JS
NOTEBOOK_HEIGHT_JS = """() => {
  %s
  const outer = panel.querySelector('.jp-WindowedPanel-outer') || panel.querySelector('.jp-Notebook');
  return Math.ceil(window.innerHeight + outer.scrollHeight - outer.clientHeight + 20);
}""" % PANEL_JS
SCROLL_DOWN_JS = """() => {
  %s
  const outer = panel.querySelector('.jp-WindowedPanel-outer') || panel.querySelector('.jp-Notebook');
  const before = outer.scrollTop;
  outer.scrollTop = before + outer.clientHeight - 100;
  return outer.scrollTop > before;
}""" % PANEL_JS
SCROLL_TOP_JS = """() => {
  %s
  (panel.querySelector('.jp-WindowedPanel-outer') || panel.querySelector('.jp-Notebook')).scrollTop = 0;
}""" % PANEL_JS
KERNEL_STATUS_JS = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return w && w.sessionContext ? w.sessionContext.kernelDisplayStatus : null;
}"""
# Done when the kernel is idle, no cell is queued or running ([*]) and every cell has a number, or
# an error stopped the run (Run All stops at the first error; later cells keep an empty prompt).
RUN_FINISHED_JS = """() => {
  %s
  const status = window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent);
  if (status !== 'idle' || prompts.length === 0 || prompts.some(p => p.includes('*'))) return false;
  const stopped = panel.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  return prompts.every(p => /\\[\\d+\\]/.test(p)) || stopped !== null;
}""" % PANEL_JS
EXPLORER_JS = """(sel) => {
  %s
  const box = panel.querySelector(sel);
  if (!box) return null;
  const table = box.querySelector('.newslens-output table');
  const text = el => el.textContent.trim();
  return {
    status: text(box.querySelector('.newslens-status')),
    columns: table ? [...table.querySelectorAll('thead th')].map(text) : [],
    rows: table ? [...table.querySelectorAll('tbody tr')].map(tr => [...tr.querySelectorAll('td')].map(text)) : [],
    images: [...box.querySelectorAll('.newslens-output img')].filter(i => i.complete && i.naturalWidth > 0).length,
  };
}""" % PANEL_JS
CLEARED_JS = """() => {
  %s
  return panel.querySelectorAll('.jp-OutputArea-output').length === 0;
}""" % PANEL_JS


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here (None when they can)."""
    if not CHROMIUM.exists():
        return (f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) "
                "to run the browser tests; .ci/run does")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright for Python is not installed (pip install -r requirements.txt)"
    if not JUPYTER.exists():
        return f"{JUPYTER} not found: run the tests with the project's .venv"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_sandbox(tmp: Path) -> Path:
    """Copy notebooks/ into `tmp` and link the project's other entries beside it; return the copy."""
    copy = tmp / "project" / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for entry in sorted(ROOT.iterdir()):
        if entry.name not in SKIP_LINKS:
            (copy.parent / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return copy


def write_lab_settings(config_dir: Path) -> None:
    """Write the test server's JupyterLab user settings (see LAB_SETTINGS)."""
    for rel, values in LAB_SETTINGS.items():
        path = config_dir / "lab" / "user-settings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def wait_for_server(url: str, timeout_s: float, proc: subprocess.Popen) -> None:
    """Poll the server's status API until it answers; fail if the process dies or time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"jupyter lab did not answer within {timeout_s:.0f} s")


@contextmanager
def jupyter_lab(tmp: Path):
    """Run JupyterLab on a sandboxed copy of notebooks/; yield (base_url, token, notebook_copy)."""
    notebooks = make_sandbox(tmp)
    home = tmp / "jupyter"
    for sub in ("config", "data", "runtime", "ipython"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    write_lab_settings(home / "config")
    token, port = secrets.token_hex(16), free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               IPYTHONDIR=str(home / "ipython"), JUPYTER_PLATFORM_DIRS="1",
               MPLBACKEND="module://matplotlib_inline.backend_inline")
    cmd = [str(JUPYTER), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.port_retries=0", "--allow-root",
           "--ServerApp.terminals_enabled=False", "--LabApp.extension_manager=readonly",
           "--LabApp.expose_app_in_browser=True", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={notebooks}", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    log = (tmp / "jupyter-lab.log").open("wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=notebooks)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for_server(f"{base}/api/status?token={token}", LAB_START_TIMEOUT_S, proc)
        except RuntimeError as exc:
            log.flush()
            tail = (tmp / "jupyter-lab.log").read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"{exc}; its log ends with:\n{tail}") from None
        yield base, token, notebooks
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextmanager
def chromium(tmp: Path):
    """A Playwright browser context in headless Debian Chromium with a fresh user-data-dir."""
    from playwright.sync_api import sync_playwright

    profile = tmp / "chromium-profile"
    profile.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
        )
        try:
            yield context
        finally:
            context.close()


def expected_outputs(path: Path) -> dict[str, int]:
    """Counts in the committed notebook: code cells, image outputs and widget views."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    outs = [o for c in code for o in c.get("outputs", [])]
    data = [o.get("data", {}) for o in outs if o.output_type in ("display_data", "execute_result")]
    widgets = [d for d in data if WIDGET_MIME in d]
    return {
        "code_cells": len(code),
        "images": sum(any(IMAGE_MIME_RE.match(m) for m in d) for d in data if WIDGET_MIME not in d),
        "widgets": len(widgets),
        "stderr": sum(o.output_type == "stream" and o.name == "stderr" for o in outs),
    }


def open_notebook(page, base: str, token: str, name: str) -> None:
    """Open a notebook in a fresh JupyterLab workspace and wait until its kernel is idle."""
    page.goto(f"{base}/lab/tree/{name}?reset&token={token}", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(f"() => ({KERNEL_STATUS_JS})() === 'idle'",
                           timeout=KERNEL_IDLE_TIMEOUT_S * 1000, polling=200)


def click_menu(page, menu: str, item: str) -> None:
    """Click a menu-bar menu, then one of its items (matched from the start of its label)."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^{re.escape(menu)}$")).click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled)",
                 has_text=re.compile(rf"^{re.escape(item)}")).first.click()


def run_all_cells(page, timeout_s: float = KERNEL_IDLE_TIMEOUT_S) -> None:
    """Edit > Clear Outputs of All Cells, then Run > Run All Cells; wait until the run is over."""
    click_menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(CLEARED_JS, timeout=10_000)
    click_menu(page, "Run", "Run All Cells")
    page.wait_for_function(RUN_FINISHED_JS, timeout=timeout_s * 1000, polling=250)
    page.wait_for_timeout(500)  # images and widget views finish rendering
    page.wait_for_function(RUN_FINISHED_JS, timeout=timeout_s * 1000, polling=250)


def shutdown_kernels(base: str, token: str) -> None:
    """Shut down every kernel session of the test server (between notebooks)."""
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as resp:
        sessions = json.load(resp)
    for s in sessions:
        req = urllib.request.Request(f"{base}/api/sessions/{s['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(req, timeout=30).close()


def page_summary(page) -> dict:
    """What the notebook page shows: prompts, stderr/error outputs, images and widgets."""
    return page.evaluate(SUMMARY_JS)


def screenshot(page, name: str) -> list[Path]:
    """Screenshot the whole open notebook into tests/artifacts/; return the paths.

    The window is made as tall as the notebook, up to MAX_SHOT_PX; a longer notebook is saved in
    parts (NAME.png, NAME-2.png, ...), scrolling the notebook between them.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    height = page.evaluate(NOTEBOOK_HEIGHT_JS)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 600), MAX_SHOT_PX)})
    page.evaluate(SCROLL_TOP_JS)  # Run All leaves the notebook scrolled to its last cell
    page.wait_for_timeout(300)
    paths, part = [], 1
    while True:
        path = ARTIFACTS / (f"{Path(name).stem}.png" if part == 1 else f"{Path(name).stem}-{part}.png")
        page.screenshot(path=str(path))
        paths.append(path)
        if not page.evaluate(SCROLL_DOWN_JS) or part >= MAX_SHOT_PARTS:
            break
        page.wait_for_timeout(300)
        part += 1
    page.evaluate(SCROLL_TOP_JS)
    page.set_viewport_size(VIEWPORT)
    return paths


def explorer_screenshot(page, name: str) -> Path:
    """Save a screenshot of one explorer (controls, status, output) to tests/artifacts/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"explorer-{name}.png"
    page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) .newslens-{name}").screenshot(path=str(path))
    return path


def explorer_state(page, name: str) -> dict:
    """An explorer's status line and its table as shown: {"status", "columns", "rows", "images"}."""
    return page.evaluate(EXPLORER_JS, f".newslens-{name}")


def wait_for_status(page, name: str, pattern: str, timeout_s: float = 30) -> dict:
    """Wait until an explorer's status line matches the regular expression `pattern`; return its state."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "([sel, pat]) => { const s = window.jupyterapp.shell.currentWidget.node.querySelector(sel + ' .newslens-status');"
            " return s !== null && new RegExp(pat).test(s.textContent); }",
            arg=[f".newslens-{name}", pattern], timeout=timeout_s * 1000, polling=100,
        )
    except PlaywrightTimeout:
        shot = ARTIFACTS / f"{name}-explorer-timeout.png"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot))
        state = explorer_state(page, name) or {}
        raise AssertionError(f"the {name} explorer's status never matched {pattern!r}; it reads "
                             f"{state.get('status')!r} (screenshot: {shot.name})") from None
    page.wait_for_timeout(300)  # the output area is replaced in the same kernel message burst
    return explorer_state(page, name)
