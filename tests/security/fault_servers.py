"""Small misbehaving servers on the loopback interface, for the live-fault tests.

Each listens on 127.0.0.1 on a free port, serves every connection in its own thread and stops
(closing every socket) when its `with` block ends:

- `silent()` accepts and never answers;
- `garbage()` answers any request with bytes that no protocol knows;
- `http_error(status, body)` answers every HTTP request with that status and body;
- `trickle()` sends an HTTP 200 head, then one byte of the body every `interval` seconds;
- `Proxy(port)` forwards to a real server until `freeze()` (it stops passing answers on,
  as a frozen backend would) or `kill()` (every connection dropped, as a killed server);
  `freeze_on` freezes it by itself when the client sends those bytes.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Self

Handler = Callable[[socket.socket], None]


class Server:
    """A TCP server on 127.0.0.1 that runs `handler` for each connection in a thread."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.stopped = threading.Event()
        self.connections = 0
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def stop(self) -> None:
        self.stopped.set()
        for sock in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            self.sockets.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError):
            self.handler(conn)


def _read_request(conn: socket.socket) -> bytes:
    """Bytes up to the end of an HTTP request head (or whatever the client sent)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or 0)
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return data


def silent() -> Server:
    def handler(conn: socket.socket) -> None:
        while conn.recv(65536):
            pass

    return Server(handler)


def garbage() -> Server:
    def handler(conn: socket.socket) -> None:
        conn.recv(65536)
        conn.sendall(b"\x00\xff\x1b[2J garbage \xfe\x01" * 64)
        time.sleep(0.2)

    return Server(handler)


def http_error(status: int = 500, body: bytes = b'{"error": "boom"}') -> Server:
    def handler(conn: socket.socket) -> None:
        while _read_request(conn):
            head = (
                f"HTTP/1.1 {status} Internal Server Error\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            )
            conn.sendall(head.encode() + body)

    return Server(handler)


def trickle(interval: float = 0.2) -> Server:
    def handler(conn: socket.socket) -> None:
        _read_request(conn)
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        )
        while True:
            conn.sendall(b" ")
            time.sleep(interval)

    return Server(handler)


class Proxy(Server):
    """Forwards to 127.0.0.1:`port`; can freeze (answers held back) or be killed."""

    def __init__(self, port: int, freeze_on: bytes | None = None) -> None:
        self.target = port
        self.freeze_on = freeze_on
        self.frozen = threading.Event()
        self.requests = 0
        super().__init__(self._forward)

    def freeze(self) -> None:
        self.frozen.set()

    def kill(self) -> None:
        self.stop()

    def _forward(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.target))
        self.sockets.append(upstream)

        def pump(source: socket.socket, sink: socket.socket, outgoing: bool) -> None:
            with contextlib.suppress(OSError):
                while True:
                    chunk = source.recv(65536)
                    if not chunk:
                        break
                    if outgoing:
                        self.requests += chunk.count(b"HTTP/1.1\r\n")
                        if self.freeze_on is not None and self.freeze_on in chunk:
                            self.frozen.set()
                    while self.frozen.is_set() and not outgoing:
                        if self.stopped.wait(0.05):
                            return
                    sink.sendall(chunk)
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)

        back = threading.Thread(target=pump, args=(upstream, client, False), daemon=True)
        back.start()
        pump(client, upstream, True)
        back.join()


@contextlib.contextmanager
def running(server: Server) -> Iterator[Server]:
    with server:
        yield server
