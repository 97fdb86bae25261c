"""The README's setup: `make lab` starts JupyterLab (as root too) and prints the URL to open; every
package is pinned, directly in requirements.txt and for the whole tree in requirements.lock."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest

from conftest import ROOT

PIN_RE = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;#]+)")
URL_RE = re.compile(r"(http://127\.0\.0\.1:\d+/lab\?token=[0-9a-f]+)")  # localhost may resolve to IPv6 first
START_TIMEOUT_S = 180


def pins(path: Path) -> dict[str, str]:
    """{normalised package name: version} of every `name==version` line."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = PIN_RE.match(line.strip())
        if m:
            found[re.sub(r"[-_.]+", "-", m.group(1).split("[")[0]).lower()] = m.group(2)
    return found


def test_every_direct_requirement_is_pinned_and_locked_at_the_same_version():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    direct = [line for line in lines if line]
    assert direct and all("==" in line for line in direct), [line for line in direct if "==" not in line]
    locked = pins(ROOT / "requirements.lock")
    for name, version in pins(ROOT / "requirements.txt").items():
        assert locked.get(name) == version, f"{name}: requirements.txt has {version}, requirements.lock {locked.get(name)}; run `make lock`"


def test_the_environment_matches_the_lock():
    wrong = {}
    for name, version in pins(ROOT / "requirements.lock").items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (version, installed)
    assert not wrong, f"installed packages differ from requirements.lock (locked, installed): {wrong}"


def fetch(url: str, attempts: int = 10) -> tuple[int, str]:
    """GET a local URL without proxies, retrying while the server finishes starting."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for attempt in range(attempts):
        try:
            with opener.open(url, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except OSError:
            if attempt == attempts - 1:
                raise
            time.sleep(1)
    raise AssertionError("unreachable")


def test_make_lab_starts_jupyterlab_and_prints_the_url_to_open():
    """The README's first command, as written: start it, open /lab from the printed URL, stop it."""
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}  # as on a server: no display
    proc = subprocess.Popen(["make", "lab"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=env, start_new_session=True)
    seen: list[str] = []
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        url = None
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
            seen.append(line)
            m = URL_RE.search(line)
            url = m.group(1) if m else None
        assert url, "make lab printed no URL:\n" + "".join(seen[-30:])
        status, page = fetch(url)
        assert status == 200 and "JupyterLab" in page
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    assert not any("Running as root is not recommended" in line for line in seen)
