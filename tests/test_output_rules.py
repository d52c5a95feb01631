"""The rules of ``ahtgraph.output`` one by one, with the exact outcome of each.

Written to close what mutation testing (tools/mutation.py, docs/testing.md) showed that
tests/test_output.py left open: those tests run the CLI end to end (some in a subprocess, which
a mutant cannot reach), and accept any refusal where the message or the descriptor matters.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest

from ahtgraph import output
from ahtgraph.errors import AhtgraphError


def refused(call, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(AhtgraphError) as caught:
        call(*args, **kwargs)
    return caught.value.message


# ------------------------------------------------------------------------- Sink


def test_the_sink_counts_the_bytes_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with output.open_output(target) as sink:
        assert sink.bytes_written == 0
        sink.write("Sürya ")  # 7 bytes in UTF-8
        sink.write(b"\xe2\x80\xa6")
        sink.write("")
        assert sink.bytes_written == 10
    assert target.read_bytes() == "Sürya …".encode()


# ------------------------------------------------------------------- one file: rules


@pytest.mark.parametrize(
    ("name", "descriptor"),
    [
        ("/dev/stdout", 1),
        ("/dev/stderr", 2),
        ("/dev/fd/0", 0),
        ("/dev/fd/17", 17),
        ("/proc/self/fd/5", 5),
        ("/dev/fd/", None),
        ("/dev/fd/x1", None),
        ("/proc/self/fd/1/x", None),
        ("out/dev/fd/1", None),
        ("/dev/stdin", None),
        ("1", None),
    ],
)
def test_the_descriptors_a_path_names(name: str, descriptor: int | None) -> None:
    assert output._own_descriptor(Path(name)) == descriptor


def test_check_output_refuses_what_open_output_would(tmp_path: Path) -> None:
    existing = tmp_path / "mine.ttl"
    existing.write_text("mine\n", encoding="utf-8")
    assert (
        refused(output.check_output, existing) == f"{existing} exists; pass --force to replace it"
    )
    output.check_output(existing, force=True)
    missing = tmp_path / "no" / "x.ttl"
    assert refused(output.check_output, missing) == (
        f"cannot write {missing}: its folder does not exist"
    )
    output.check_output(tmp_path / "new.ttl")
    output.check_output(None)
    # The process's own descriptors are written through, whatever is behind them.
    output.check_output(Path("/dev/stdout"))
    output.check_output(Path("/dev/fd/2"))
    assert existing.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.ttl"]


def test_a_folder_is_refused_with_its_reason(tmp_path: Path) -> None:
    assert refused(output.check_output, tmp_path, force=True) == (
        f"cannot write {tmp_path}: it is a folder"
    )


def test_a_socket_is_refused_with_its_reason(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    path = tmp_path / "s"
    try:
        server.bind(str(path))
        assert refused(output.check_output, path, force=True) == (
            f"cannot write {path}: it is a socket"
        )
    finally:
        server.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a block device needs root")
def test_a_block_device_is_refused_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "disk"
    try:
        os.mknod(path, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    except PermissionError:
        pytest.skip("this container may not make device nodes")
    assert refused(output.check_output, path, force=True) == (
        f"cannot write {path}: it is a block device"
    )


def test_a_loop_of_links_is_refused_with_the_systems_reason(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    assert refused(output.check_output, a) == (
        f"cannot write {a}: Too many levels of symbolic links"
    )


@pytest.mark.parametrize("mode", [0o444, 0o555, 0o400, 0o500, 0o000])
def test_any_file_without_write_permission_is_refused_even_with_force(
    tmp_path: Path, mode: int
) -> None:
    """Executable or not: no w bit for anyone means read-only (0o555 has x bits only)."""
    path = tmp_path / "frozen.ttl"
    path.write_text("frozen\n", encoding="utf-8")
    path.chmod(mode)
    try:
        assert refused(output.check_output, path, force=True) == (
            f"{path} is read-only; not replacing it (make it writable first)"
        )
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize("mode", [0o200, 0o020, 0o002])
def test_one_write_bit_is_enough_to_replace(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "file.ttl"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(mode)
    try:
        with output.open_output(path, force=True) as sink:
            sink.write("new\n")
        assert stat.S_IMODE(path.stat().st_mode) == mode
    finally:
        path.chmod(0o600)
    assert path.read_text(encoding="utf-8") == "new\n"


def test_a_hard_linked_file_is_refused_with_the_whole_reason(tmp_path: Path) -> None:
    path = tmp_path / "a.ttl"
    path.write_text("shared\n", encoding="utf-8")
    os.link(path, tmp_path / "b.ttl")
    os.link(path, tmp_path / "c.ttl")
    assert refused(output.check_output, path, force=True) == (
        f"{path} has 3 hard links; replacing it would split them "
        "(remove it first, or write elsewhere)"
    )


# ----------------------------------------------------------------- durability (fsync)


def _count_fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync

    def counting(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(output.os, "fsync", counting)
    return calls


def test_one_file_is_synced_before_it_is_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_fsyncs(monkeypatch)
    output.write_file(tmp_path / "a.txt", "a")
    assert len(calls) == 1
    with output.open_output(tmp_path / "b.txt") as sink:
        sink.write("b")
    assert len(calls) == 2
    output.write_file(tmp_path / "c.txt", "c", durable=False)
    assert len(calls) == 2


def test_a_folder_syncs_only_its_marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_fsyncs(monkeypatch)
    with output.build_folder(tmp_path / "site", command="site") as folder:
        for name in ("index.html", "a/b.html", "c.css"):
            folder.write(name, name)
    assert len(calls) == 1


# -------------------------------------------------------------------------- folders


@pytest.mark.parametrize(
    "marker",
    ['{"files": 3}', '{"files": "index.html"}', '{"files": [1, 2]}', '["files"]', "{", "\xff"],
)
def test_a_marker_that_is_not_ours_is_refused_with_its_reason(tmp_path: Path, marker: str) -> None:
    """Before: {"files": 3} escaped as a TypeError traceback from `site --force`."""
    out = tmp_path / "site"
    out.mkdir()
    (out / output.MARKER).write_bytes(marker.encode("latin-1"))
    assert refused(output.check_folder, out, force=True) == (
        f"{out / output.MARKER} is not an ahtgraph build marker; not touching {out}"
    )


def test_only_safe_names_of_a_marker_count_as_ours(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    files = ["index.html", "a/b.html", "../outside.txt", "/etc/passwd", "a/../../x", ""]
    (out / output.MARKER).write_text(json.dumps({"files": files}), encoding="utf-8")
    assert output._listed(out, output.MARKER) == {"index.html", "a/b.html"}
    (out / output.PARTIAL).write_text("one.html\n\n../two.html\n/abs\nsub/three.html\n")
    assert output._listed(out, output.PARTIAL) == {"one.html", "sub/three.html"}
    assert output._listed(out, "absent") is None


@pytest.mark.parametrize(
    ("relative", "safe"),
    [
        ("index.html", True),
        ("a/b/c.html", True),
        ("./a.html", True),
        ("a..b.html", True),
        ("", False),
        (".", False),
        ("/etc/passwd", False),
        ("../x", False),
        ("a/../b", False),
        ("a/..", False),
    ],
)
def test_which_names_stay_inside_a_folder(relative: str, safe: bool) -> None:
    assert output._safe(relative) is safe


def test_present_lists_files_and_links_but_not_folders(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.txt").write_text("f", encoding="utf-8")
    (tmp_path / "top.txt").write_text("t", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s", encoding="utf-8")
    (tmp_path / "a" / "link").symlink_to(outside, target_is_directory=True)
    (tmp_path / "file-link").symlink_to(tmp_path / "top.txt")
    assert output._present(tmp_path) == {"a/b/f.txt", "top.txt", "a/link", "file-link"}


def test_a_link_to_a_file_or_to_nothing_is_not_a_folder_to_build(tmp_path: Path) -> None:
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    assert refused(output.check_folder, dangling, force=True) == (
        f"cannot write into {dangling}: it is a link to no folder"
    )
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert refused(output.check_folder, tmp_path / "file", force=True) == (
        f"cannot write into {tmp_path / 'file'}: it is a file"
    )


def test_a_link_to_an_empty_folder_is_built_into(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    assert output.check_folder(tmp_path / "link", force=False) == set()


def test_foreign_files_are_counted_in_the_refusal(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with output.build_folder(out, command="site") as folder:
        folder.write("index.html", "i")
    for name in ("b.txt", "a.txt", "c.txt"):
        (out / name).write_text(name, encoding="utf-8")
    assert refused(output.check_folder, out, force=True) == (
        f"{out} holds files the earlier ahtgraph build did not write (a.txt and 2 more); "
        "not replacing it: move them away first"
    )
    (out / "c.txt").unlink()
    assert refused(output.check_folder, out, force=True) == (
        f"{out} holds files the earlier ahtgraph build did not write (a.txt and 1 more); "
        "not replacing it: move them away first"
    )
    (out / "b.txt").unlink()
    assert refused(output.check_folder, out, force=True) == (
        f"{out} holds files the earlier ahtgraph build did not write (a.txt); "
        "not replacing it: move them away first"
    )


@pytest.mark.parametrize(
    "relative", ["../x.html", "/tmp/x.html", "", "a/../../x", output.MARKER, output.PARTIAL]
)
def test_a_folder_refuses_to_write_outside_itself_or_over_its_markers(
    tmp_path: Path, relative: str
) -> None:
    with pytest.raises(ValueError) as caught, output.build_folder(tmp_path / "site") as folder:
        folder.write(relative, "x")
    assert str(caught.value) == f"not a file name inside the folder: {relative!r}"
    assert not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_folder_makes_the_subfolders_of_a_deep_file(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with output.build_folder(out, command="site") as folder:
        folder.write("a/b/c/page.html", "deep")
    assert (out / "a" / "b" / "c" / "page.html").read_text(encoding="utf-8") == "deep"


def test_a_rebuild_removes_the_stale_files_and_the_folders_they_leave_empty(
    tmp_path: Path,
) -> None:
    out = tmp_path / "site"
    with output.build_folder(out, command="site") as folder:
        folder.write("index.html", "1")
        folder.write("a/b/c/old.html", "old")
        folder.write("a/kept/page.html", "kept")
    with output.build_folder(out, force=True, command="site") as folder:
        folder.write("index.html", "2")
        folder.write("a/kept/page.html", "kept")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        output.MARKER,
        "a",
        "a/kept",
        "a/kept/page.html",
        "index.html",
    ]


def test_removing_stale_files_never_follows_a_link_out_of_the_folder(tmp_path: Path) -> None:
    out, outside = tmp_path / "site", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (outside / "x.html").write_text("not ours", encoding="utf-8")
    (out / "sub").symlink_to(outside, target_is_directory=True)
    (out / "own.html").write_text("ours", encoding="utf-8")
    output._remove(out, {"sub/x.html", "own.html"})
    assert (outside / "x.html").read_text(encoding="utf-8") == "not ours"
    assert not (out / "own.html").exists()
    assert (out / "sub").is_symlink()
