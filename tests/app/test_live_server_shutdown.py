"""The browser tests' live server (tests/browser_support.py) closes a file it is still
sending when it stops. Left to the garbage collector, the file's ResourceWarning failed
whichever test ran next (CI, stop 19: static/favicon.svg, requested by Chromium as a
test ended)."""

import gc
import socket
import sys

from browser_support import serving
from flask import Flask, send_file


def test_a_file_still_being_sent_is_closed_when_the_server_stops(tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 8_000_000)  # more than the loopback socket buffers hold
    app = Flask(__name__)
    app.get("/big")(lambda: send_file(big))
    unraisable = []
    hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        reader = socket.socket()
        reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)  # reads slowly
        with serving(app) as url:
            reader.connect(("127.0.0.1", int(url.rsplit(":", 1)[1])))
            reader.sendall(b"GET /big HTTP/1.1\r\nHost: station\r\n\r\n")
            assert reader.recv(15) == b"HTTP/1.1 200 OK"
        reader.close()
        gc.collect()
    finally:
        sys.unraisablehook = hook
    assert [str(u.exc_value) for u in unraisable] == []
