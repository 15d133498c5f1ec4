"""A real headless Chromium for the tests, driven with the DevTools protocol over a pipe.

No driver program and no Python package: Chromium's ``--remote-debugging-pipe``
reads commands (JSON, each ending in a NUL byte) on its file descriptor 3 and
writes replies and events on 4. :func:`find_chromium` finds Debian's
``chromium`` (``apt-get install chromium``; ``.ci/run`` installs it) or another
Chromium-based browser on the PATH (or named by ``CARDS_CHROMIUM``).
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium() -> str | None:
    named = os.environ.get("CARDS_CHROMIUM")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


class Chromium:
    """One headless Chromium with one page (tab), closed on :meth:`close`."""

    def __init__(self, executable: str, width: int = 1280, height: int = 1000, timeout: float = 60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="cards-chromium-")
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def child_fds():  # the browser reads commands on 3 and writes replies on 4
            read, write = os.dup(commands_read), os.dup(replies_write)  # out of the way of 3 and 4 first
            os.dup2(read, 3)
            os.dup2(write, 4)

        args = [executable, "--headless", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--mute-audio", f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium's own sandbox cannot run as root
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, preexec_fn=child_fds, close_fds=False)
        os.close(commands_read)
        os.close(replies_write)
        self._next_id = 0
        self._waiting: dict[int, queue.Queue] = {}
        self.events: list[dict] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.page(f"{domain}.enable")

    # --- the protocol ---

    def _read(self) -> None:
        buffer = b""
        with os.fdopen(self._replies, "rb", buffering=0) as pipe:
            while True:
                chunk = pipe.read(65536)
                if not chunk:
                    break
                buffer += chunk
                while b"\0" in buffer:
                    raw, buffer = buffer.split(b"\0", 1)
                    message = json.loads(raw)
                    if "id" in message:
                        with self._lock:
                            waiting = self._waiting.pop(message["id"], None)
                        if waiting is not None:
                            waiting.put(message)
                    else:
                        with self._lock:
                            self.events.append(message)

    def send(self, method: str, session: str | None = None, **params):
        with self._lock:
            self._next_id += 1
            number = self._next_id
            reply: queue.Queue = queue.Queue()
            self._waiting[number] = reply
        message = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        try:
            answer = reply.get(timeout=self.timeout)
        except queue.Empty:
            raise BrowserError(f"no reply to {method} in {self.timeout} s") from None
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def page(self, method: str, **params):
        return self.send(method, self.session, **params)

    # --- what the tests use ---

    def open(self, url: str) -> None:
        """Load ``url`` and wait for its load event (every frame loaded)."""
        with self._lock:
            seen = len(self.events)
        self.page("Page.navigate", url=url)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            with self._lock:
                if any(e.get("method") == "Page.loadEventFired" for e in self.events[seen:]):
                    return
            time.sleep(0.05)
        raise BrowserError(f"{url} did not finish loading in {self.timeout} s")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-like values only)."""
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise BrowserError(f"{expression!r} stayed false for {timeout} s")

    def click(self, selector: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def console_errors(self) -> list[str]:
        """Every error the page reported: uncaught exceptions, console.error, and the browser's
        own log errors (a refused script or style, a failed load)."""
        found = []
        with self._lock:
            events = list(self.events)
        for event in events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails'].get('text')} "
                             f"{params['exceptionDetails'].get('exception', {}).get('description', '')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console.error: " + " ".join(str(a.get("value", a.get("description")))
                                                          for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"log: {params['entry'].get('text')} ({params['entry'].get('url', '')})")
        return found

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.page("Page.captureScreenshot", **params)["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        try:
            os.close(self._commands)
        except OSError:
            pass
        shutil.rmtree(self.profile, ignore_errors=True)
