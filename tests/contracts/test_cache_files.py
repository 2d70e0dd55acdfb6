"""What a start cache file must be before a byte of it is read: a bounded regular file of ours.

A cache file lies beside the package's byte code, but what lies there is still checked: a pipe
would hang every command, a link to /dev/zero would be read for gigabytes, a link elsewhere would
make another file the cache. Work is bounded by counting bytes read, not by time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from bdg_plan.startup import cache_files, model_cache
from bdg_plan.startup.cache_files import MAX_CACHE_BYTES, read_file

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes and owners are POSIX here")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes asked of every os.read made by the cache reader."""
    sizes: list[int] = []
    real = os.read

    def counting(handle: int, size: int) -> bytes:
        sizes.append(size)
        return real(handle, size)

    monkeypatch.setattr(cache_files.os, "read", counting)
    return sizes


def test_a_regular_file_up_to_the_bound_is_read_one_byte_more_is_not(
    tmp_path: Path, counted: list[int]
) -> None:
    """Protects the size bound: exactly MAX_CACHE_BYTES is read, one more is refused before reading."""
    at_limit, past_limit = tmp_path / "at", tmp_path / "past"
    at_limit.write_bytes(b"x" * MAX_CACHE_BYTES)
    past_limit.write_bytes(b"x" * (MAX_CACHE_BYTES + 1))
    assert read_file(str(at_limit)) == b"x" * MAX_CACHE_BYTES
    assert read_file(str(past_limit)) is None
    assert counted == [MAX_CACHE_BYTES + 1]  # one bounded read, for the file within the bound


@posix_only
def test_a_pipe_is_not_waited_on(tmp_path: Path, counted: list[int]) -> None:
    """Protects every command from hanging on a pipe put where a cache file goes (no writer, no wait)."""
    pipe = tmp_path / model_cache.CACHE_NAME
    os.mkfifo(pipe)
    assert read_file(str(pipe)) is None
    assert counted == []


@posix_only
def test_no_symbolic_link_is_followed(tmp_path: Path, counted: list[int]) -> None:
    """Protects against a link to /dev/zero (gigabytes read) or to another file made the cache."""
    real = tmp_path / "real"
    real.write_bytes(b"a cache")
    for target in ("/dev/zero", str(real)):
        link = tmp_path / "link"
        link.unlink(missing_ok=True)
        link.symlink_to(target)
        assert read_file(str(link)) is None
    assert read_file("/dev/zero") is None  # a device named directly: not a regular file
    assert counted == []
    assert read_file(str(real)) == b"a cache"


@posix_only
def test_a_file_others_can_write_is_not_read(tmp_path: Path) -> None:
    """Protects against a cache file another user could have replaced the content of."""
    path = tmp_path / "cache"
    path.write_bytes(b"data")
    for mode in (0o664, 0o646):
        path.chmod(mode)
        assert read_file(str(path)) is None
    path.chmod(0o644)
    assert read_file(str(path)) == b"data"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs to give a file away")
def test_a_file_owned_by_another_user_is_not_read(tmp_path: Path) -> None:
    """Protects against a cache file another user wrote (unless that user owns the package)."""
    path = tmp_path / "cache"
    path.write_bytes(b"data")
    os.chown(path, 65534, 65534)
    assert os.stat(cache_files.__file__).st_uid != 65534
    assert read_file(str(path)) is None


def test_nothing_is_written_where_the_folder_cannot_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Protects a read-only install: writing the cache gives up quietly."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(cache_files, "cache_folder", lambda: str(blocked / "sub"))
    cache_files.write("name", b"data")
    assert cache_files.read("name") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_the_folder_is_only_ever_the_byte_code_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Protects the trust boundary: XDG_CACHE_HOME (another user's folder, a relative path) is never used."""
    for value in (str(tmp_path), "relative", ""):
        monkeypatch.setenv("XDG_CACHE_HOME", value)
        monkeypatch.setattr(sys, "pycache_prefix", None)
        assert cache_files.cache_folder() == str(Path(cache_files.__file__).parent / "__pycache__")


@posix_only
def test_a_pipe_or_a_link_where_the_cache_goes_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Protects the cache from staying off for good: the next build writes a regular file in its place."""
    folder = tmp_path / "cache"
    folder.mkdir()
    target = tmp_path / "target"
    target.write_bytes(b"kept")
    monkeypatch.setattr(cache_files, "cache_folder", lambda: str(folder))
    os.mkfifo(folder / "one")
    (folder / "two").symlink_to(target)
    cache_files.write("one", b"first")
    cache_files.write("two", b"second")
    assert cache_files.read("one") == b"first"
    assert cache_files.read("two") == b"second"
    assert target.read_bytes() == b"kept"  # the link was replaced, not written through
