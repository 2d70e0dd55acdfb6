"""Saving never overwrites without --force, never leaves half a file, never writes into a device.

Each class of target is tried in several forms (directly, through a symlink, with and without
--force), and the race a check-then-rename would lose is forced deterministically: the target
appears between the early check and the publish step.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bdg_plan import output
from bdg_plan.commands.starter import write_new_file
from bdg_plan.errors import OutputError
from bdg_plan.output import atomic_write

NEW = b"new document"
OLD = b"old version"


def leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.startswith(".bdg-plan-")]


# --- Targets that are not regular files ---------------------------------------------------------
def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()


def _link_to(target: str | Callable[[Path], None]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        if callable(target):
            real = path.with_name("real-" + path.name)
            target(real)
            path.symlink_to(real)
        else:
            path.symlink_to(target)

    return make


NOT_REGULAR: list[tuple[str, Callable[[Path], None]]] = [
    ("fifo", _fifo),
    ("socket", _socket),
    ("symlink-to-dev-null", _link_to(os.devnull)),
    ("symlink-to-fifo", _link_to(_fifo)),
    ("symlink-to-symlink-to-dev-null", _link_to(_link_to(os.devnull))),
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX special files")
@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("make", [m for _, m in NOT_REGULAR], ids=[n for n, _ in NOT_REGULAR])
def test_a_target_that_is_not_a_regular_file_is_refused(
    make: Callable[[Path], None], force: bool, tmp_path: Path
) -> None:
    target = tmp_path / "out.docx"
    make(target)
    before = os.lstat(target)

    with pytest.raises(OutputError, match="không phải là một tệp thông thường"):
        atomic_write(target, NEW, force=force)

    after = os.lstat(target)
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)
    assert leftovers(tmp_path) == []


def test_dev_null_itself_is_refused_even_with_force() -> None:
    with pytest.raises(OutputError, match="không phải là một tệp thông thường"):
        atomic_write(Path(os.devnull), NEW, force=True)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX special files")
def test_a_device_appearing_after_the_check_is_still_refused_with_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.docx"
    real_check = output.check_target

    def check_then_swap(path: Path, **kwargs: object) -> None:
        real_check(path, **kwargs)  # type: ignore[arg-type]
        os.mkfifo(path)

    monkeypatch.setattr(output, "check_target", check_then_swap)
    with pytest.raises(OutputError, match="không phải là một tệp thông thường"):
        atomic_write(target, NEW, force=True)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)


# --- Existing names are never replaced without --force ---------------------------------------------
def _dangling(path: Path) -> None:
    path.symlink_to(path.with_name("nowhere.docx"))


def _regular(path: Path) -> None:
    path.write_bytes(OLD)


def _link_to_regular(path: Path) -> None:
    real = path.with_name("real.docx")
    real.write_bytes(OLD)
    path.symlink_to(real)


EXISTING: list[tuple[str, Callable[[Path], None]]] = [
    ("regular", _regular),
    ("dangling-symlink", _dangling),
    ("symlink-to-regular", _link_to_regular),
]


@pytest.mark.parametrize("make", [m for _, m in EXISTING], ids=[n for n, _ in EXISTING])
def test_an_existing_name_is_kept_without_force(make: Callable[[Path], None], tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    make(target)
    before = {
        p.name: (os.lstat(p).st_ino, os.readlink(p) if p.is_symlink() else p.read_bytes())
        for p in tmp_path.iterdir()
    }

    with pytest.raises(OutputError, match="--force"):
        atomic_write(target, NEW)

    after = {
        p.name: (os.lstat(p).st_ino, os.readlink(p) if p.is_symlink() else p.read_bytes())
        for p in tmp_path.iterdir()
    }
    assert after == before


@pytest.mark.parametrize("make", [m for _, m in EXISTING], ids=[n for n, _ in EXISTING])
def test_force_replaces_the_name_itself(make: Callable[[Path], None], tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    make(target)

    atomic_write(target, NEW, force=True)

    assert not target.is_symlink() and target.read_bytes() == NEW
    assert leftovers(tmp_path) == []


def _no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")  # FAT, many network shares

    monkeypatch.setattr(output.os, "link", refuse)


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard-link", "exclusive-create"])
def test_a_target_appearing_after_the_check_is_not_overwritten(
    hard_links: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The race a check-then-rename loses: another run creates the file in between.
    target = tmp_path / "out.docx"
    real_check = output.check_target

    def check_then_other_writer(path: Path, **kwargs: object) -> None:
        real_check(path, **kwargs)  # type: ignore[arg-type]
        path.write_bytes(b"the other run's document")

    monkeypatch.setattr(output, "check_target", check_then_other_writer)
    if not hard_links:
        _no_hard_links(monkeypatch)

    with pytest.raises(OutputError, match="--force"):
        atomic_write(target, NEW)

    assert target.read_bytes() == b"the other run's document"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard-link", "exclusive-create"])
def test_parallel_writers_exactly_one_wins(
    hard_links: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hard_links:
        _no_hard_links(monkeypatch)
    target = tmp_path / "same.docx"
    start = threading.Barrier(8)
    outcomes: list[bytes | str] = []

    def run(index: int) -> None:
        data = f"writer {index}".encode() * 1000
        start.wait()
        try:
            atomic_write(target, data)
            outcomes.append(data)
        except OutputError as exc:
            outcomes.append(exc.message)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    winners = [o for o in outcomes if isinstance(o, bytes)]
    assert len(winners) == 1
    assert target.read_bytes() == winners[0]
    assert all("--force" in o for o in outcomes if isinstance(o, str))
    assert leftovers(tmp_path) == []


def test_exclusive_create_that_fails_mid_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_hard_links(monkeypatch)
    target = tmp_path / "out.docx"
    calls = 0
    real_fsync = os.fsync

    def fail_second(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # the first fsync is the temporary file's, the second the target's
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(output.os, "fsync", fail_second)
    with pytest.raises(OutputError, match="No space left"):
        atomic_write(target, NEW)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# --- init writes like every other command ---------------------------------------------------------
def test_init_on_a_full_disk_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    target = tmp_path / "kehoach.yaml"
    with pytest.raises(OutputError, match="No space left"):
        write_new_file(target, "nam: 2024\n" * 5000)
    assert list(tmp_path.iterdir()) == []

    monkeypatch.undo()
    write_new_file(target, "nam: 2024\n")  # the next init is not blocked
    assert target.read_text(encoding="utf-8") == "nam: 2024\n"


@pytest.mark.parametrize("make", [m for _, m in EXISTING], ids=[n for n, _ in EXISTING])
def test_init_never_replaces_an_existing_name(make: Callable[[Path], None], tmp_path: Path) -> None:
    target = tmp_path / "kehoach.yaml"
    make(target)
    with pytest.raises(OutputError, match="không bao giờ ghi đè"):
        write_new_file(target, "nam: 2024\n")
    assert target.is_symlink() or target.read_bytes() == OLD


@pytest.mark.parametrize(
    "code",
    [errno.EPERM, errno.EINVAL, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS],
    ids=errno.errorcode.get,
)
def test_any_refused_hard_link_falls_back_to_an_exclusive_create(
    code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))  # FAT, SMB and NFS shares answer differently

    monkeypatch.setattr(output.os, "link", refuse)
    target = tmp_path / "out.docx"

    atomic_write(target, NEW)
    with pytest.raises(OutputError, match="--force"):
        atomic_write(target, b"second")

    assert target.read_bytes() == NEW
    assert leftovers(tmp_path) == []


# --- Permissions --------------------------------------------------------------------------------
@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    old = os.umask(mask)
    try:
        atomic_write(tmp_path / "new.docx", NEW)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.docx").st_mode) == mode


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_force_keeps_the_replaced_file_s_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "private.docx"
    target.write_bytes(OLD)
    target.chmod(mode)
    old = os.umask(0o022)
    try:
        atomic_write(target, NEW, force=True)
    finally:
        os.umask(old)
    assert target.read_bytes() == NEW
    assert stat.S_IMODE(os.stat(target).st_mode) == mode


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_the_exclusive_create_fallback_follows_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "no hard links here")

    monkeypatch.setattr(os, "link", no_links)
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "fat.docx", NEW)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "fat.docx").st_mode) == 0o640
