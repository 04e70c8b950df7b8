"""Files that appear whole or not at all: a backup, an export, a PDF written to disk.

When the disk fills up (ENOSPC) or the process is stopped halfway, a half-written file must
not be left where a person or a script would take it for the real thing (a backup that cannot
be restored, a data package with half a table). Everything is written next to the target
under a temporary name and moved into place with ``os.replace`` only once it is complete;
on any error the temporary file or folder is removed and the target stays as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WriteFailed(OSError):
    """Writing failed; the message says why in plain words, and nothing was left behind."""


def explain(error: OSError, target: Path) -> str:
    """A clear sentence for a write error (disk full, no permission, anything else)."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason, advice = "the disk is full", "free space and try again"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason, advice = "there is no permission to write there", "choose another place"
    else:
        reason, advice = error.strerror or str(error), "check the path and try again"
    return f"Could not write {target}: {reason}. Nothing was written; {advice}."


@contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; it becomes ``target`` when the block ends
    without an error."""
    target = Path(target)
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise WriteFailed(error.errno, explain(error, target)) from error
    os.close(descriptor)
    partial = Path(name)
    try:
        yield partial
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise WriteFailed(error.errno, explain(error, target)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; its files replace those in ``target``
    (created if needed) only when the block ends without an error."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield partial
        target.mkdir(exist_ok=True)
        for path in partial.iterdir():
            os.replace(path, target / path.name)
    except OSError as error:
        raise WriteFailed(error.errno, explain(error, target)) from error
    finally:
        shutil.rmtree(partial, ignore_errors=True)
