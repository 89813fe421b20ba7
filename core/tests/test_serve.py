"""`manage.py serve` (what `make run` ends with): fails loudly when the web server cannot start, and
keeps the portal serving while it restarts a worker that died."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_port_in_use_stops_serve_with_an_error(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "motcua.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
            "MOTCUA_VAR_DIR": str(tmp_path),
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "serve", "--port", str(port), "--no-worker"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    # The message names the command that stopped (wording in the active language).
    assert "runserver" in result.stderr, result.stderr


def _children(pid: int) -> dict[int, str]:
    listing = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid=,args="], capture_output=True, text=True)
    found = {}
    for line in listing.stdout.splitlines():
        child, _, args = line.strip().partition(" ")
        found[int(child)] = args
    return found


def _wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}")


def test_a_killed_worker_is_restarted_the_portal_keeps_serving_and_sends_once(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "MOTCUA_VAR_DIR": str(tmp_path),
        "MOTCUA_SMS_BACKEND": "file",
        "MOTCUA_SMS_FILE_PATH": str(tmp_path / "sms"),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=environment, check=True, timeout=300)
    log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen(
        [*manage, "serve", "--port", str(port)],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(lambda: _answers(port), 60, "the portal")
        worker = _wait_for(
            lambda: next(
                (pid for pid, args in _children(serve.pid).items() if " worker " in f" {args} "), None
            ),
            60,
            "the worker",
        )
        os.kill(worker, signal.SIGKILL)
        assert _answers(port), "the portal stopped with its worker"
        restarted = _wait_for(
            lambda: next(
                (
                    pid
                    for pid, args in _children(serve.pid).items()
                    if " worker " in f" {args} " and pid != worker
                ),
                None,
            ),
            30,
            "the worker to be started again",
        )
        assert restarted and serve.poll() is None
        # Work queued now is done by the new worker, once.
        subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from dossiers.tests.factories import received_dossier; received_dossier(phone='0912345678')",
            ],
            cwd=ROOT,
            env=environment,
            check=True,
            timeout=120,
        )
        _wait_for(lambda: list((tmp_path / "sms").glob("*.txt")), 60, "the SMS")
        time.sleep(3)
        assert len(list((tmp_path / "sms").glob("*.txt"))) == 1
        assert _answers(port)
    finally:
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
        log.close()
    # The restart was logged, with the exit code of the SIGKILL (the wording is the active language's).
    assert f"{-signal.SIGKILL}" in (tmp_path / "serve.log").read_text()


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/thu-tuc/", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False
