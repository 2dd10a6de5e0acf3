"""Fault injection helpers for the tests: a TCP proxy that can cut a database off, and a
`podium serve` subprocess whose workers can be killed."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import threading
import time

from .conftest import free_port, stop_process


class CuttableProxy:
    """Forwards 127.0.0.1:<port> to a real server (PostgreSQL); `cut()` resets every connection
    and refuses new ones, as a lost network or a restarted database would; `restore()` heals."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.up = True
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.append((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 0.5)
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        raise OSError
                    (b if s is a else a).sendall(data)
        except (OSError, ValueError):
            pass
        finally:
            for s in (a, b):
                try:
                    s.close()
                except OSError:
                    pass

    def cut(self) -> None:
        self.up = False
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for a, b in pairs:
            for s in (a, b):
                try:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self.stopped = True
        self.cut()
        self.listener.close()


class Served:
    """`podium serve --workers N` in a subprocess (sharing the test's database through env)."""

    def __init__(self, env: dict[str, str], workers: int = 2) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full = dict(os.environ, SECRET_KEY="podium-fault-tests-" + "k" * 40)
        full.update(env)
        self.popen = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "podium",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            env=full,
            stdout=subprocess.DEVNULL,
        )
        self.wait_up()

    def wait_up(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline or self.popen.poll() is not None:
                    raise RuntimeError("podium serve did not start") from None
                time.sleep(0.1)

    def workers(self) -> list[int]:
        with open(f"/proc/{self.popen.pid}/task/{self.popen.pid}/children") as f:
            pids = [int(p) for p in f.read().split()]
        out = []
        for pid in pids:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if b"spawn_main" in f.read():
                        out.append(pid)
            except FileNotFoundError:
                pass
        return out

    def stop(self) -> None:
        stop_process(self.popen, 15)
