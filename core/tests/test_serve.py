"""`manage.py serve` (what `make run` ends with) fails loudly when the web server cannot start."""

import os
import socket
import subprocess
import sys
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
