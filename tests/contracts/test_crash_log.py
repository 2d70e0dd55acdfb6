"""Where a crash log may be written: only a private folder of the user's, never through a link.

The fallback folder is in the system's temporary folder, which every user writes: a folder or a
link planted there under the log folder's name must not receive the log.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from bdg_plan import crash

posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners and modes are POSIX here")


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's cache unusable (below a file), the system's temporary folder a folder of the test's."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def a_log() -> Path | None:
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        return crash.write_crash_log(exc)


@posix_only
def test_the_temporary_log_folder_is_made_private(temp: Path) -> None:
    """Protects the logs (argv, paths) from other users: the folder is made with mode 0o700."""
    log = a_log()
    assert log is not None and log.parent == temp / "bdg-plan-loi"
    assert stat.S_IMODE((temp / "bdg-plan-loi").stat().st_mode) == 0o700
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")


@posix_only
def test_a_planted_link_is_not_followed(temp: Path, tmp_path: Path) -> None:
    """Protects against a link another user put at $TMPDIR/bdg-plan-loi: nothing is written through it."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (temp / "bdg-plan-loi").symlink_to(elsewhere)
    assert a_log() is None
    assert list(elsewhere.iterdir()) == []


@posix_only
def test_a_folder_others_can_write_is_refused(temp: Path) -> None:
    """Protects against a log folder another user made, or could change, under the name."""
    folder = temp / "bdg-plan-loi"
    folder.mkdir()
    folder.chmod(0o777)
    assert a_log() is None
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs to give a folder away")
def test_a_folder_of_another_user_is_refused(temp: Path) -> None:
    """Protects against a private-looking folder that another user owns (and so reads)."""
    folder = temp / "bdg-plan-loi"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    assert a_log() is None
    assert list(folder.iterdir()) == []


def test_a_relative_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Protects the plan's folder: a relative XDG_CACHE_HOME would put logs beside the plan."""
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", "cache")
    assert crash.user_cache_folder().is_absolute()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "xdg"))
    assert crash.user_cache_folder() == tmp_path / "xdg" / "bdg-plan"
