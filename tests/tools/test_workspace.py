"""A workspace keeps datasets across restarts, and a crash mid-write never corrupts it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tools.errors import WorkspaceError
from tools.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


def typed_frame(n: int = 50, version: int = 1) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": pd.array([f"C{i:05d}" for i in range(n)], dtype="string"),
            "orders": pd.array(np.arange(n) % 7, dtype="Int64"),
            "amount": np.round(np.linspace(1, 99, n), 2),
            "first_order": pd.date_range("2024-01-01", periods=n, freq="D"),
            "vip": np.arange(n) % 2 == 0,
            "version": version,
        }
    )


def test_dataset_round_trip_keeps_values_and_types(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws")
    frame = typed_frame()
    ws.save_dataset("customers", frame, {"roles": {"customer_id": "customer_id"}})
    again = Workspace(tmp_path / "ws")  # a restart: a new object on the same folder
    pd.testing.assert_frame_equal(again.read_dataset("customers"), frame)
    assert again.dataset_info("customers")["roles"] == {"customer_id": "customer_id"}
    assert again.dataset_names() == ["customers"]


def test_replacing_a_dataset_leaves_one_file(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.save_dataset("orders", typed_frame(version=1))
    ws.save_dataset("orders", typed_frame(version=2))
    assert ws.read_dataset("orders")["version"].unique().tolist() == [2]
    assert len(list((tmp_path / "datasets").glob("*.parquet"))) == 1


def test_delete_dataset(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.save_dataset("orders", typed_frame())
    ws.delete_dataset("orders")
    assert ws.dataset_names() == []
    assert list((tmp_path / "datasets").glob("*.parquet")) == []


def test_unknown_dataset_suggests_the_closest_name(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.save_dataset("customers", typed_frame())
    with pytest.raises(WorkspaceError, match="Did you mean 'customers'"):
        ws.read_dataset("customer")


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "x" * 80, ".hidden"])
def test_unsafe_dataset_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(WorkspaceError, match="cannot be used as a dataset name"):
        Workspace(tmp_path).save_dataset(name, typed_frame())


def test_paths_cannot_leave_the_workspace(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="outside the workspace"):
        Workspace(tmp_path / "ws").write_json("../evil.json", {})


def test_mixed_type_column_is_stored_as_text(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    ws.save_dataset("mixed", pd.DataFrame({"code": [1, "A7", None], "n": [1, 2, 3]}, dtype=object))
    assert ws.read_dataset("mixed")["code"].tolist()[:2] == ["1", "A7"]


def test_failed_write_keeps_previous_state_and_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = Workspace(tmp_path)
    ws.save_dataset("orders", typed_frame(version=1))
    before = (tmp_path / "workspace.json").read_bytes()

    def half_then_fail(self: pd.DataFrame, path: Path, **_: object) -> None:
        Path(path).write_bytes(b"PAR1 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", half_then_fail)
    with pytest.raises(WorkspaceError, match="Nothing was changed"):
        ws.save_dataset("orders", typed_frame(version=2))
    monkeypatch.undo()
    assert (tmp_path / "workspace.json").read_bytes() == before
    assert Workspace(tmp_path).read_dataset("orders")["version"].unique().tolist() == [1]
    assert [p.name for p in tmp_path.rglob(".tmp-*")] == []


# ----- killing the process mid-write -------------------------------------------------
WRITER = textwrap.dedent("""
    import os, sys
    import numpy as np, pandas as pd
    from tools.workspace import Workspace
    ws = Workspace(sys.argv[1])
    n, crash_at = int(sys.argv[2]), sys.argv[3]
    if crash_at == "parquet":          # die with half a data file written
        def partial(self, path, **kw):
            with open(path, "wb") as f:
                f.write(b"PAR1" + os.urandom(1000))
            os._exit(9)
        pd.DataFrame.to_parquet = partial
    elif crash_at == "manifest":       # die after the data file, before the manifest switch
        real = os.replace
        def replace(src, dst):
            if str(dst).endswith("workspace.json"):
                os._exit(9)
            real(src, dst)
        os.replace = replace
    version = 1
    while True:
        version += 1
        frame = pd.DataFrame({"version": np.full(n, version), "row": np.arange(n)})
        ws.save_dataset("orders", frame)
        print(version, flush=True)
""")


def _start_writer(root: Path, n: int, crash_at: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), str(n), crash_at],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def _assert_consistent(root: Path, n: int) -> int:
    """The workspace opens and 'orders' is exactly one complete version."""
    json.loads((root / "workspace.json").read_text())
    frame = Workspace(root).read_dataset("orders")
    versions = frame["version"].unique().tolist()
    assert len(versions) == 1
    expected_rows = n if versions[0] > 1 else 10
    assert frame["row"].tolist() == list(range(expected_rows))
    return int(versions[0])


def _seed(root: Path) -> None:
    Workspace(root).save_dataset(
        "orders", pd.DataFrame({"version": np.ones(10, int), "row": np.arange(10)})
    )


@pytest.mark.parametrize("crash_at", ["parquet", "manifest"])
def test_crash_at_each_write_stage_keeps_previous_state(tmp_path: Path, crash_at: str) -> None:
    _seed(tmp_path)
    writer = _start_writer(tmp_path, 1000, crash_at)
    assert writer.wait(timeout=60) == 9
    assert _assert_consistent(tmp_path, 1000) == 1


def test_sigkill_at_random_moments_never_corrupts(tmp_path: Path) -> None:
    n = 400_000
    _seed(tmp_path)
    seen = set()
    for delay in np.linspace(0.7, 2.2, 6):
        writer = _start_writer(tmp_path, n, "none")
        time.sleep(float(delay))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        seen.add(_assert_consistent(tmp_path, n))
    assert len(seen) > 1, "the writer never completed a version; the test proved nothing"
