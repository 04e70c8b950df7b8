"""Backing up the whole database to one file and restoring it into an empty database.

PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot while the site keeps running)
and ``pg_restore`` in one transaction, so a failed restore leaves the database empty. SQLite:
the online backup API, which copies a consistent state page by page. Either way the file
holds personal data: keep it encrypted and out of reach, like the database itself.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

from .atomic_files import WriteFailed, atomic_file


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


def backup_database(path: Path, *, using: str = "default") -> None:
    """Write a consistent copy of the database to ``path`` (which must not exist yet).

    The copy is written under a temporary name beside ``path`` and gets its name only when
    complete (``core.atomic_files``): a full disk or a failed dump leaves no file that looks
    like a backup but cannot be restored."""
    if path.exists():
        raise BackupError(f"{path} exists already: choose a new file name.")
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    try:
        with atomic_file(path) as partial:
            _backup_to(connection, partial)
    except WriteFailed as error:
        raise BackupError(error.strerror) from error


def _backup_to(connection, path: Path) -> None:
    if connection.vendor == "postgresql":
        try:
            _run_postgres_tool("pg_dump", connection, ["--format=custom", f"--file={path}"])
        except BackupError as error:  # said the same way as every other full disk
            if "No space left on device" in str(error):
                raise OSError(errno.ENOSPC, str(error)) from error
            raise
        return
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    except sqlite3.OperationalError as error:  # SQLite says "database or disk is full"
        raise OSError(errno.ENOSPC if "full" in str(error) else errno.EIO, str(error)) from error
    finally:
        target.close()


def restore_database(path: Path, *, using: str = "default") -> None:
    """Restore a backup made by ``backup_database`` into this database, which must be empty
    (a new database: restoring never overwrites data)."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    connection = connections[using]
    if connection.introspection.table_names():
        raise BackupError(
            "The database is not empty. Restore into a new, empty database; nothing was changed."
        )
    if connection.vendor == "postgresql":
        _run_postgres_tool(
            "pg_restore",
            connection,
            ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", str(path)],
            database_option="--dbname",
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as error:
            source.close()
            raise BackupError(f"{path} is not a SQLite backup: {error}.") from error
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported.")
    connection.close()  # the next query sees the restored schema


def _run_postgres_tool(
    tool: str, connection, arguments: list[str], *, database_option: str = ""
) -> None:
    settings = connection.settings_dict
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    options = [
        f"--host={settings.get('HOST') or 'localhost'}",
        f"--port={settings.get('PORT') or 5432}",
        f"--username={settings.get('USER') or ''}",
        "--no-password",
    ]
    database = [f"{database_option}={settings['NAME']}"] if database_option else [settings["NAME"]]
    command = [_postgres_tool(tool), *options, *arguments, *database]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip() or result.returncode}")


def _postgres_tool(name: str) -> str:
    """The tool from PATH, or from the newest PostgreSQL installed the Debian way."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version)
    if not candidates:
        raise BackupError(f"{name} was not found: install the PostgreSQL client tools.")
    return candidates[-1]


def _version(path: str) -> int:
    try:
        return int(Path(path).parent.parent.name)
    except ValueError:
        return 0
