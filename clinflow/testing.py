"""Helpers for tests over the real parts: a Celery worker (and later the ASGI server) as subprocesses
pointed at the test database."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def test_database_url() -> str:
    """A DATABASE_URL for the database the test run is using right now (the test database)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    if connection.vendor == "postgresql":
        auth = quote(db.get("USER") or "", safe="")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{auth}@{host}:{port}/{db['NAME']}"
    raise RuntimeError(f"no subprocess DATABASE_URL for {connection.vendor}")


def subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=test_database_url(), REDIS_URL=settings.REDIS_URL, CELERY_EAGER="0")
    env.pop("DATABASE_POOL", None)
    env.update(extra)
    return env


@contextlib.contextmanager
def celery_worker(
    *, timeout: float = 60.0, concurrency: int = 1, beat: bool = False, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    """A real `celery worker` process on the test database; waits until it announces itself."""
    from clinflow.heartbeat import HEARTBEAT_KEY

    cache.delete(HEARTBEAT_KEY)
    argv = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "clinflow",
        "worker",
        "-l",
        "warning",
        "--concurrency",
        str(concurrency),
        "-n",
        f"test-{os.getpid()}@%h",
        "--without-gossip",
        "--without-mingle",
    ]
    if beat:
        argv.append("--beat")
    proc = subprocess.Popen(argv, cwd=ROOT, env=subprocess_env(**(env or {})))
    try:
        deadline = time.time() + timeout
        while cache.get(HEARTBEAT_KEY) is None:
            if proc.poll() is not None:
                raise RuntimeError(f"celery worker exited with {proc.returncode}")
            if time.time() > deadline:
                raise RuntimeError("celery worker did not become ready")
            time.sleep(0.1)
        yield proc
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_until(predicate, *, timeout: float = 30.0, interval: float = 0.1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def asgi_server(*, timeout: float = 60.0, env: dict[str, str] | None = None) -> Iterator[str]:
    """A real ASGI server (uvicorn: HTTP + websockets) on the test database; yields its base URL
    once `/healthz` answers. Static files are collected into a private directory first (the server
    runs with DEBUG off, so WhiteNoise serves only collected files)."""
    import tempfile
    import urllib.request

    with tempfile.TemporaryDirectory(prefix="clinflow-asgi-") as var_dir:
        server_env = subprocess_env(CLINFLOW_VAR_DIR=var_dir, **(env or {}))
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=server_env, check=True
        )
        port = _free_port()
        argv = [
            sys.executable,
            "-m",
            "uvicorn",
            "clinflow.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        proc = subprocess.Popen(argv, cwd=ROOT, env=server_env)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"ASGI server exited with {proc.returncode}")
                try:
                    with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.time() > deadline:
                    raise RuntimeError("ASGI server did not become ready")
                time.sleep(0.1)
            yield url
        finally:
            _stop(proc)
