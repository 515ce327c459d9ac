"""A workspace: one folder that holds a marketer's data and everything derived from it.

Layout::

    <root>/workspace.json      manifest: the single source of truth for what exists
    <root>/datasets/           tables as Parquet, one file per saved version
    <root>/segmentations/      saved segmentations (written by tools)
    <root>/personas/           persona documents
    <root>/chroma/             the knowledge store

Why a manifest: a dataset is a Parquet file plus its quality report and column
roles. Writing a new version to a new file and then switching the manifest with one
atomic rename means a crash at any moment leaves either the old or the new state,
never a mix. Every file is written to a temporary name, flushed, and renamed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from tools.errors import WorkspaceError, did_you_mean

MANIFEST = "workspace.json"
SUBFOLDERS = ("datasets", "segmentations", "personas", "chroma")
_TMP_PREFIX = ".tmp-"
_STALE_SECONDS = 600
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write `path` through a temporary file in the same folder, then rename it in place.

    `write` receives the temporary path. Readers see the old file or the new one,
    never a half-written one, even if the process is killed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=_TMP_PREFIX, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Workspace:
    """A folder of datasets and derived artefacts that survives restarts."""

    def __init__(self, root: Path | str, name: str | None = None) -> None:
        self.root = Path(root).expanduser().resolve()
        try:
            for sub in SUBFOLDERS:
                (self.root / sub).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(
                f"Cannot create the workspace folder {self.root}: {exc.strerror}. "
                "Choose a folder you can write to (SEGMENT_WORKSPACES)."
            ) from exc
        if not (self.root / MANIFEST).exists():
            self._write_manifest({"version": 1, "name": name or self.root.name, "datasets": {}})
        self._remove_stale_files()

    # ----- manifest -------------------------------------------------------------
    @property
    def manifest(self) -> dict[str, Any]:
        path = self.root / MANIFEST
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise WorkspaceError(
                f"The workspace index {path} cannot be read ({exc}). "
                "Restore it from a backup or open another workspace."
            ) from exc

    @property
    def name(self) -> str:
        return str(self.manifest.get("name", self.root.name))

    def _write_manifest(self, manifest: dict[str, Any]) -> None:
        atomic_write_text(self.root / MANIFEST, json.dumps(manifest, indent=2, default=str))

    @contextlib.contextmanager
    def _locked_manifest(self) -> Iterator[dict[str, Any]]:
        """Read-modify-write the manifest under an exclusive lock (other processes too)."""
        with open(self.root / ".lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                manifest = self.manifest
                yield manifest
                self._write_manifest(manifest)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def data_version(self) -> str:
        """Names the datasets' current contents and roles: equal for copies of a workspace.

        Every saved dataset gets a new file name, so caches of what was read from the data
        (a schema, the people's names) can be shared by workspace copies and dropped when
        anything is loaded or a role is corrected.
        """
        datasets = self.manifest["datasets"]
        parts = [(name, info["file"], info.get("roles") or {}) for name, info in datasets.items()]
        return json.dumps(sorted(parts, key=lambda part: part[0]), sort_keys=True, default=str)

    def get_meta(self, key: str, default: Any = None) -> Any:
        return self.manifest.get("meta", {}).get(key, default)

    def set_meta(self, key: str, value: Any) -> None:
        with self._locked_manifest() as manifest:
            manifest.setdefault("meta", {})[key] = value

    def update_meta(self, key: str, change: Callable[[Any], Any]) -> Any:
        """Replace meta[key] with change(old) under the lock; returns the old value."""
        with self._locked_manifest() as manifest:
            meta = manifest.setdefault("meta", {})
            old = meta.get(key)
            meta[key] = change(old)
        return old

    # ----- datasets -------------------------------------------------------------
    def dataset_names(self) -> list[str]:
        return sorted(self.manifest["datasets"])

    def has_dataset(self, name: str) -> bool:
        return name in self.manifest["datasets"]

    def dataset_info(self, name: str) -> dict[str, Any]:
        """What is known about a dataset: rows, columns, roles, quality report."""
        datasets = self.manifest["datasets"]
        if name not in datasets:
            if not datasets:
                raise WorkspaceError(
                    f"There is no dataset '{name}': this workspace is empty. Load a file first."
                )
            raise WorkspaceError(f"There is no dataset '{name}'." + did_you_mean(name, datasets))
        return datasets[name]

    def read_dataset(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """The stored table; `columns` reads only those (much faster on wide, long tables)."""
        info = self.dataset_info(name)
        path = self.root / info["file"]
        try:
            return pd.read_parquet(path, columns=columns)
        except (OSError, ValueError) as exc:
            raise WorkspaceError(
                f"The stored copy of '{name}' cannot be read ({exc}). Load the file again."
            ) from exc

    def save_dataset(
        self, name: str, frame: pd.DataFrame, info: dict[str, Any] | None = None
    ) -> None:
        """Store `frame` as dataset `name`, replacing any earlier version atomically."""
        if not isinstance(name, str) or not _NAME.match(name):
            raise WorkspaceError(
                f"'{name}' cannot be used as a dataset name. Use up to 64 letters, digits, "
                "spaces, dots, dashes or underscores, starting with a letter or digit."
            )
        frame = _parquet_safe(frame)
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
        relative = f"datasets/{slug}-{uuid.uuid4().hex[:12]}.parquet"
        try:
            atomic_write(self.root / relative, lambda tmp: frame.to_parquet(tmp, index=False))
        except (OSError, ValueError, TypeError) as exc:
            raise WorkspaceError(f"Could not save '{name}': {exc}. Nothing was changed.") from exc
        entry = {
            **(info or {}),
            "file": relative,
            "rows": len(frame),
            "columns": [str(c) for c in frame.columns],
            "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        with self._locked_manifest() as manifest:
            previous = manifest["datasets"].get(name)
            manifest["datasets"][name] = entry
        if previous:
            (self.root / previous["file"]).unlink(missing_ok=True)

    def delete_dataset(self, name: str) -> None:
        self.dataset_info(name)
        with self._locked_manifest() as manifest:
            removed = manifest["datasets"].pop(name)
        (self.root / removed["file"]).unlink(missing_ok=True)

    def copy_to(self, target: Path | str) -> Workspace:
        """A copy at `target` that may be changed freely (a session's, an eval's), without
        this workspace's lock file or half-written temporary files."""
        shutil.copytree(self.root, target, ignore=shutil.ignore_patterns(".lock",
                                                                         f"{_TMP_PREFIX}*"))
        return Workspace(target)

    # ----- other artefacts ------------------------------------------------------
    def path(self, relative: str) -> Path:
        """An absolute path inside the workspace; refuses to leave the folder."""
        target = (self.root / relative).resolve()
        if self.root not in target.parents and target != self.root:
            raise WorkspaceError(f"'{relative}' is outside the workspace folder.")
        return target

    def write_json(self, relative: str, obj: Any) -> Path:
        target = self.path(relative)
        atomic_write_text(target, json.dumps(obj, indent=1, ensure_ascii=False, default=str))
        return target

    def read_json(self, relative: str) -> Any:
        return json.loads(self.path(relative).read_text(encoding="utf-8"))

    def _remove_stale_files(self) -> None:
        """Delete leftovers of interrupted writes: temp files and unreferenced versions."""
        manifest = self.manifest
        referenced = {info["file"] for info in manifest["datasets"].values()}
        saved = manifest.get("meta", {}).get("segmentations") or {}
        referenced |= {entry["file"] for entry in saved.values()}
        catalogue = (manifest.get("meta", {}).get("knowledge") or {}).get("catalogue")
        referenced |= {catalogue} if catalogue else set()
        cutoff = time.time() - _STALE_SECONDS
        for path in self.root.rglob("*"):
            if "chroma" in path.relative_to(self.root).parts or not path.is_file():
                continue
            relative = path.relative_to(self.root).as_posix()
            orphan = (
                relative.startswith(("datasets/", "segmentations/", "knowledge/"))
                and relative.endswith(".parquet")
                and relative not in referenced
            )
            if (path.name.startswith(_TMP_PREFIX) or orphan) and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)


def _parquet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Make mixed-type object columns storable: Parquet needs one type per column."""
    frame = frame.copy()
    frame.columns = [str(c) for c in frame.columns]
    for column in frame.columns:
        if frame[column].dtype == object:
            kinds = {type(v) for v in frame[column].dropna()}
            if len(kinds) > 1 or (kinds and not kinds <= {str, bool}):
                frame[column] = frame[column].map(lambda v: v if pd.isna(v) else str(v))
                frame[column] = frame[column].astype("string")
    return frame
