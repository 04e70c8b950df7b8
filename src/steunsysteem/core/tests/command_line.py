"""The command line as an operator uses it, on a database of its own (the
``empty_database`` fixture in ``conftest.py``)."""

from __future__ import annotations

import os
import subprocess
import sys


def steunsysteem(
    *arguments: str, database_url: str, settings: str = "test", env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run ``steunsysteem ARGUMENTS`` against ``database_url``."""
    return subprocess.run(
        [sys.executable, "-m", "steunsysteem.manage", *arguments],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": f"steunsysteem.conf.settings.{settings}",
            "DATABASE_URL": database_url,
            **(env or {}),
        }
        # pytest-playwright's, which a deployment check refuses.
        | {"DJANGO_ALLOW_ASYNC_UNSAFE": ""},
        capture_output=True,
        text=True,
        check=False,
    )
