"""Live reload of the trainers' content: notice saved files by polling their modification times.

Polling costs a directory walk a second (a few hundred files at most) and needs no new
dependency; it works the same on every platform and in tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

CONTENT_FOLDERS = ("scenarios", "personas", "lessons")
Signature = dict[str, tuple[int, int]]


def _walk(folder: Path) -> Iterable[Path]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(Path(entry.path))
            elif entry.name.endswith((".yaml", ".yml")):
                yield Path(entry.path)
        except OSError:
            continue


def content_files(dirs: Sequence[Path]) -> list[Path]:
    """Every YAML file under the content folders of `dirs` (a dir may itself be a content folder)."""
    found: list[Path] = []
    for d in dirs:
        folders = [d] if d.name in CONTENT_FOLDERS else [d / name for name in CONTENT_FOLDERS]
        for folder in folders:
            found.extend(_walk(folder))
    return sorted(found)


def signature(dirs: Sequence[Path]) -> Signature:
    sig: Signature = {}
    for path in content_files(dirs):
        try:
            st = path.stat()
        except OSError:
            continue
        sig[str(path)] = (st.st_mtime_ns, st.st_size)
    return sig


class ContentWatcher:
    """Remembers the content files' (mtime, size) and reports which changed since the last look."""

    def __init__(self, dirs: Sequence[Path]) -> None:
        self.dirs = list(dirs)
        self.last: Signature = signature(self.dirs)

    def changed(self) -> list[str]:
        """Paths added, removed or modified since the previous call (and remembers the new state)."""
        now = signature(self.dirs)
        if now == self.last:
            return []
        paths = sorted(p for p in now.keys() | self.last.keys() if now.get(p) != self.last.get(p))
        self.last = now
        return paths
