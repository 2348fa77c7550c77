"""The view page in a real browser: headless Chromium driven over the DevTools protocol.

No browser is downloaded: the test uses the system's Chromium (Debian's ``chromium`` package, or
``GOVPLAN_CHROMIUM=/path/to/chrome``) and talks to it over ``--remote-debugging-pipe`` with the
standard library only. Where no Chromium is installed, or it cannot start, the test is skipped and
says why. The screenshot goes to ``$GOVPLAN_ARTIFACTS`` (else the test's tmp dir) and its path is
printed. Run it alone with ``.venv/bin/python -m pytest tests/test_view_browser.py -s``.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govplan.pipeline import parse_source
from govplan.read import read_source
from govplan.render.html import render_view
from govplan.view import build_page

DATA = Path(__file__).parent / "data" / "view"
REPORT = DATA / "shaanxi-2026.txt"  # a provincial report, copied from the corpus
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
TIMEOUT = 60.0


def chromium_path() -> str | None:
    """The Chromium to use: $GOVPLAN_CHROMIUM, else the first of the usual names on PATH."""
    env = os.environ.get("GOVPLAN_CHROMIUM")
    if env:
        return env if os.access(env, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """A headless Chromium and one page in it, spoken to over the DevTools pipe (fds 3 and 4)."""

    def __init__(self, exe: str, profile: str) -> None:
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def fds() -> None:  # the pipe protocol reads commands on fd 3 and writes on fd 4
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # close_fds would close 3 and 4 after preexec_fn; ours are close-on-exec
            preexec_fn=fds,
        )
        os.close(to_child)
        os.close(from_child)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        try:
            self._start()
        except BaseException:
            self.close()
            raise

    def _start(self) -> None:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._read], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        msg: dict[str, Any] = json.loads(raw)
        return msg

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self._write, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            got = self._message(deadline)
            if got.get("id") == self._id:
                if "error" in got:
                    raise RuntimeError(f"{method}: {got['error']}")
                result: dict[str, Any] = got.get("result", {})
                return result
            self.events.append(got)

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        """A command to the page's session."""
        return self.call(method, session=True, **params)

    def wait_event(self, method: str) -> None:
        """Wait until the page fires ``method`` (kept or new)."""
        deadline = time.monotonic() + TIMEOUT
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._message(deadline))
        self.events = [e for e in self.events if e.get("method") != method]

    def js(self, expression: str) -> Any:
        """Evaluate ``expression`` in the page and return its value."""
        got = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in got:
            raise RuntimeError(f"script failed: {got['exceptionDetails']}")
        return got["result"].get("value")

    def open(self, url: str, width: int = 1400, height: int = 1000) -> None:
        """Load ``url`` at a desktop window size and wait for it."""
        self.page("Page.enable")
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.page("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")

    def click(self, x: float, y: float) -> None:
        """A real mouse click at (x, y), in CSS pixels of the viewport."""
        for kind in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, path: Path) -> None:
        """Save what the viewport shows as a PNG."""
        data = self.page("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (OSError, RuntimeError, TimeoutError, ConnectionError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._write)
        os.close(self._read)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    exe = chromium_path()
    if exe is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set GOVPLAN_CHROMIUM=/path/to/chrome)")
    with tempfile.TemporaryDirectory(prefix="govplan-chromium-") as profile:
        try:
            b = Browser(exe, profile)
        except (OSError, TimeoutError, ConnectionError, RuntimeError) as exc:
            pytest.skip(f"Chromium at {exe} did not start: {exc}")
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("GOVPLAN_ARTIFACTS")
    out = Path(env) if env else tmp_path_factory.mktemp("artifacts")
    out.mkdir(parents=True, exist_ok=True)
    return out


def test_the_page_in_chromium(browser: Browser, artifacts: Path) -> None:
    src = read_source(str(REPORT))
    plan = parse_source(src)
    page_file = artifacts / "shaanxi-2026.view.html"
    page_file.write_text(render_view(build_page(plan, src.text)), encoding="utf-8")
    browser.open(page_file.resolve().as_uri())

    # every commitment has its highlighted element, and its pieces read as its exact text
    shown = browser.js(
        """(() => { const out = {};
        document.querySelectorAll('#doc mark[data-id]').forEach(m => {
          const id = m.dataset.id; out[id] = (out[id] || '') + m.textContent; });
        return out; })()"""
    )
    assert plan.commitments
    for c in plan.commitments:
        assert shown.get(c.id) == c.text, c.id
    for p in plan.projects:
        assert shown.get(p.id) == p.text, p.id

    # clicking a heading of the side panel scrolls the text to that heading
    target = plan.sections[-1]  # the last top-level heading: far down the page
    link = browser.js(
        f"""(() => {{ const a = document.querySelector('#toc a[href="#at-{target.id}"]');
        const r = a.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2, scrollY]; }})()"""
    )
    assert link[2] == 0
    browser.click(link[0], link[1])
    time.sleep(0.3)
    where = browser.js(
        f"""(() => {{ const h = document.getElementById('at-{target.id}');
        return [h.getBoundingClientRect().top, innerHeight, scrollY, document.activeElement === h,
                h.textContent]; }})()"""
    )
    top, height, scrolled, focused, heading_text = where
    assert scrolled > 1000
    assert 0 <= top < height / 3
    assert focused
    assert heading_text.startswith(target.number)

    # hovering a commitment shows its fields
    first = plan.commitments[0]
    box = browser.js(
        f"""(() => {{ const m = document.querySelector('mark[data-id="{first.id}"]');
        m.scrollIntoView({{block: 'center'}}); const r = m.getBoundingClientRect();
        return [r.left + Math.min(r.width / 2, 8), r.top + r.height / 2]; }})()"""
    )
    browser.page("Input.dispatchMouseEvent", type="mouseMoved", x=box[0], y=box[1])
    card = browser.js(
        "(() => { const c = document.getElementById('card'); return [c.hidden, c.textContent]; })()"
    )
    assert card[0] is False
    assert first.id in card[1] and (first.metric or "") in card[1]

    browser.js(f"document.getElementById('at-{plan.sections[1].id}').scrollIntoView()")
    shot = artifacts / "shaanxi-2026.view.png"
    browser.screenshot(shot)
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def _key(browser: Browser, key: str, code: int) -> None:
    for kind in ("rawKeyDown", "keyUp"):
        browser.page("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code)


def test_the_page_by_keyboard_and_on_a_phone(browser: Browser, artifacts: Path) -> None:
    src = read_source(str(REPORT))
    plan = parse_source(src)
    page_file = artifacts / "shaanxi-2026.view.html"
    page_file.write_text(render_view(build_page(plan, src.text)), encoding="utf-8")
    browser.open(page_file.resolve().as_uri(), width=390, height=844)

    # a phone-wide screen: nothing wider than the screen, the headings panel above the text
    layout = browser.js(
        """(() => { const n = document.getElementById('toc').getBoundingClientRect();
        const d = document.getElementById('doc').getBoundingClientRect();
        return [document.documentElement.scrollWidth, innerWidth, n.bottom <= d.top]; })()"""
    )
    assert layout[0] <= layout[1] and layout[2]

    # Enter on a heading link of the panel moves to the heading; Tab then reaches the next highlight
    target = plan.sections[1]
    browser.js(f"""document.querySelector('#toc a[href="#at-{target.id}"]').focus()""")
    _key(browser, "Enter", 13)
    time.sleep(0.3)
    assert browser.js("document.activeElement.id") == f"at-{target.id}"
    _key(browser, "Tab", 9)
    focused = browser.js(
        """(() => { const a = document.activeElement, c = document.getElementById('card');
        return [a.tagName, a.dataset.id, c.hidden, c.textContent]; })()"""
    )
    assert focused[0] == "MARK" and focused[1] != target.id
    assert focused[2] is False and focused[1] in focused[3]
    _key(browser, "Escape", 27)
    assert browser.js("document.getElementById('card').hidden") is True

    # the filters: a kind switched off loses its highlight; a domain keeps only its own items lit
    c_in = next(c for c in plan.commitments if "economy" in c.domains)
    c_out = next(c for c in plan.commitments if "economy" not in c.domains)
    lit = f"""(() => [{c_in.id!r}, {c_out.id!r}].map(i =>
        getComputedStyle(document.querySelector(`mark[data-id="${{i}}"]`)).backgroundColor))()"""
    none = "rgba(0, 0, 0, 0)"
    assert none not in browser.js(lit)
    browser.js(
        """(() => { const s = document.getElementById('domain'); s.value = 'economy';
        s.dispatchEvent(new Event('change')); })()"""
    )
    got = browser.js(lit)
    assert got[0] != none and got[1] == none
    browser.js(
        """(() => { const b = document.querySelector('input[data-kind="commitment"]'); b.click(); })()"""
    )
    assert browser.js(lit) == [none, none]
    shot = artifacts / "shaanxi-2026.view.phone.png"
    browser.screenshot(shot)
    print(f"screenshot: {shot}")
