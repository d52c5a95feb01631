"""Starting ``ahtgraph serve`` for a test on 127.0.0.1 and a free port, and stopping it by pid."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx

SRC = Path(__file__).resolve().parent.parent / "src"
FIXTURE = Path(__file__).parent / "fixtures" / "serve"


class Server:
    """One server process; ``url`` from the first line on stderr, the rest kept in ``log``."""

    def __init__(self, *args: str) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ahtgraph.serve", "--port", "0", *args],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        assert self.process.stderr is not None
        first = self.process.stderr.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/sparql", first)
        if not found:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"server did not start: {first!r}")
        self.base = found.group(1)
        self.first_line = first
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.client = httpx.Client(base_url=self.base, trust_env=False, timeout=30)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)

    def stop(self) -> int:
        """SIGTERM, then wait; the exit status (killed after 15 s if it does not stop)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(5)
        self.client.close()
        return self.process.returncode
