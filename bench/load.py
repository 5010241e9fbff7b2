"""The load: the real server (``station serve``, waitress, 8 threads) as a process of its
own, driven over loopback by keep-alive clients for a fixed time per page; then the same
for a minimal Flask view on the same waitress settings (bench/ceiling.py), the ceiling.

Standard library only: ``http.client`` keep-alive connections, one per client thread, and
the peak memory from ``/proc/<pid>/status`` (VmHWM) where there is one (Linux); elsewhere
it is not measured. Processes are started with ``subprocess`` (no fork) and stopped with
``terminate`` and, if need be, ``kill``.
"""

import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from .words import Texts

HOST = "127.0.0.1"
CLIENTS = 8
THREADS = 8
START_TIMEOUT = 120.0
# A slow page (the monthly summary at 100,000 cases) may take minutes per request under load.
REQUEST_TIMEOUT = 900.0


@dataclass
class Result:
    page: str
    path: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list, repr=False)
    queries: list[int] = field(default_factory=list, repr=False)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float | None:
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    @property
    def queries_per_request(self) -> float | None:
        return statistics.mean(self.queries) if self.queries else None

    def as_dict(self, ceiling: float | None) -> dict:
        return {
            "page": self.page,
            "path": self.path,
            "requests": self.requests,
            "rps": round(self.rps, 1),
            "p50_ms": _round(self.percentile(0.50)),
            "p95_ms": _round(self.percentile(0.95)),
            "errors": self.errors,
            "queries": _round(self.queries_per_request),
            "ratio": round(self.rps / ceiling, 4) if ceiling else None,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- the server process


class Server:
    """A server process on a free port; ``cold_start`` is process start to the first 200
    of ``ready_path``. Stopped on ``stop`` (terminate, then kill)."""

    def __init__(self, args: list[str], env: dict[str, str], ready_path: str) -> None:
        self.port = free_port()
        self.args = [*args, "--port", str(self.port)]
        self.env = {**os.environ, **env}
        self.ready_path = ready_path
        self.process: subprocess.Popen | None = None
        self.cold_start: float | None = None

    def start(self) -> "Server":
        started = time.perf_counter()
        self.process = subprocess.Popen(
            self.args, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = started + START_TIMEOUT
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode("utf-8", "replace")[-2000:]
                raise RuntimeError(f"the server stopped at start: {error}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", self.ready_path)
                if conn.getresponse().status == 200:
                    self.cold_start = time.perf_counter() - started
                    conn.close()
                    return self
                conn.close()
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError(f"the server did not answer {self.ready_path} within {START_TIMEOUT} s")

    def peak_memory_mb(self) -> float | None:
        """The process's peak resident memory (Linux' VmHWM); None where not known."""
        status = Path(f"/proc/{self.process.pid}/status") if self.process else None
        try:
            text = status.read_text() if status else ""
        except OSError:
            return None
        found = re.search(r"VmHWM:\s+(\d+) kB", text)
        return int(found.group(1)) / 1024 if found else None

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.process.stderr:
            self.process.stderr.close()


def station_server(env: dict[str, str]) -> Server:
    code = "from station.cli import main; main()"
    args = [sys.executable, "-c", code, "serve", "--host", HOST, "--threads", str(THREADS)]
    return Server(args, {**env, "STATION_COUNT_QUERIES": "1"}, "/login")


def ceiling_server() -> Server:
    args = [sys.executable, "-m", "bench.ceiling", "--threads", str(THREADS)]
    return Server(args, {}, "/")


# ---------------------------------------------------------------- a client


class _Form(HTMLParser):
    """The inputs of a page's forms with their values (selects: the selected option)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") not in ("submit", "button"):
                self.values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if self._select not in self.values or "selected" in a:
                self.values[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html: str) -> dict[str, str]:
    parser = _Form()
    parser.feed(html)
    return parser.values


class Client:
    """One keep-alive connection with the session cookie."""

    def __init__(self, port: int, cookie: str = "") -> None:
        self.port = port
        self.cookie = cookie
        self.conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)

    def request(
        self, method: str, path: str, body: dict | None = None
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("station_session="):
                self.cookie = value.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        return response.status, content, response

    def close(self) -> None:
        self.conn.close()


def log_in(port: int, username: str, password: str) -> str:
    """The session cookie of ``username``, logged in through the login form."""
    client = Client(port)
    _status, page, _r = client.request("GET", "/login")
    values = form_values(page.decode("utf-8"))
    values.update(username=username, password=password)
    status, _page, _r = client.request("POST", "/login", values)
    client.close()
    if status not in (302, 303):
        raise RuntimeError(f"could not log in as {username} (status {status})")
    return client.cookie


# ---------------------------------------------------------------- driving


Request = Callable[[Client, int], tuple[str, str, dict | None, tuple[int, ...]]]


def get(path: str) -> Request:
    return lambda _client, _n: ("GET", path, None, (200,))


def drive(
    port: int, name: str, path: str, make: Request, seconds: float, cookie: str = ""
) -> Result:
    """``CLIENTS`` threads, each on its own keep-alive connection, asking for ``seconds``."""
    result = Result(name, path)
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def work(index: int) -> None:
        client = Client(port, cookie)
        n = 0
        try:
            while time.perf_counter() < stop_at:
                method, target, body, ok = make(client, index * 1_000_000 + n)
                n += 1
                began = time.perf_counter()
                try:
                    status, _content, response = client.request(method, target, body)
                except (http.client.HTTPException, OSError):
                    with lock:
                        result.errors += 1
                    continue
                took = time.perf_counter() - began
                count = response.getheader("X-Query-Count")
                with lock:
                    result.requests += 1
                    result.latencies.append(took)
                    if status not in ok:
                        result.errors += 1
                    if count is not None:
                        result.queries.append(int(count))
        finally:
            client.close()

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result


def registering(port: int, cookie: str) -> tuple[Request, str]:
    """A phone complaint per request, each with its own one-time token and number (the
    intake form's own fields, read once from the form), and the session cookie to send it
    with (the form's page put the CSRF secret into the session)."""
    client = Client(port, cookie)
    status, page, _r = client.request("GET", "/cases/new?channel=phone")
    client.close()
    if status != 200:
        raise RuntimeError(f"the intake form answered {status}")
    base = form_values(page.decode("utf-8"))
    run = uuid.uuid4().hex
    first_number = int(run[:8], 16)

    def make(_client: Client, n: int) -> tuple[str, str, dict, tuple[int, ...]]:
        # Words drawn as the generated history's are: the cases a run registers become the
        # newest of a reused instance, which a search walks first (README "Benchmark").
        texts = Texts(random.Random(f"{run}-{n}"))
        values = {
            **base,
            "intake_token": uuid.uuid4().hex,
            # A number of its own per run: the same caller with the same words again is a
            # duplicate, which the form asks about instead of registering (intake).
            "person_phone": f"139{(first_number + n) % 100_000_000:08d}",
            "subject": texts.subject(),
            "content": texts.content(),
            "kind": "complaint",
        }
        return "POST", "/cases/new?channel=phone", values, (303,)

    return make, client.cookie


def last_month(today: date) -> str:
    first = today.replace(day=1)
    previous = date.fromordinal(first.toordinal() - 1)
    return f"{previous:%Y-%m}"
