"""Helpers for tests that run kzil as it runs in production: gunicorn in a subprocess on 127.0.0.1."""

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PORTS = range(8141, 8150)


def free_port():
    for port in PORTS:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip("no free port in 8141-8149")


def get(url, headers=None):
    """(status, headers, body) of a GET, errors included."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@contextlib.contextmanager
def gunicorn(env, tmp_path, **extra):
    port = free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", **extra}
    with log.open("w") as stderr:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn"], cwd=ROOT, env=env, stderr=stderr)
    try:
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=30)
