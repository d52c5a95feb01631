"""The one writer (output.py): a user's files are never destroyed without proof they are ours.

Single files (``export -o``): complete or absent, an existing file refused without --force,
links followed, devices and FIFOs written through, permissions kept. Folders (``site``,
``release``): built in place, a marker last, --force only over an ahtgraph build, clean after
SIGTERM and Ctrl-C.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ahtgraph import output
from ahtgraph.cli import cli
from ahtgraph.errors import AhtgraphError
from ahtgraph.web import site as site_module

# The small fixture graph, whose export is quick (see conftest.py).
pytestmark = pytest.mark.usefixtures("fixture_graph")

FIXTURE = Path(__file__).parent / "fixtures" / "cli"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_error(result: Result) -> str:
    """The single ``Error: ...`` line of a refused command (exit 2, nothing on stdout)."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ------------------------------------------------------------------------- one file


def test_a_new_file_has_the_permissions_the_umask_allows(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    with output.open_output(target) as sink:
        sink.write("<a> <b> ")
        sink.write(b"<c> .\n")
    assert target.read_text(encoding="utf-8") == "<a> <b> <c> .\n"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_a_failure_midway_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), output.open_output(target, force=True) as sink:
        sink.write("half of it")
        raise RuntimeError("serialiser failed")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert names(tmp_path) == ["out.ttl"]


def test_an_existing_file_is_refused_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.ttl"
    target.write_text("mine\n", encoding="utf-8")
    line = one_error(run("export", "-o", target))
    assert line == f"Error: {target} exists; pass --force to replace it"
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert names(tmp_path) == ["mine.ttl"]


def test_force_replaces_and_keeps_a_private_mode(tmp_path: Path) -> None:
    target = tmp_path / "private.nt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    result = run("export", "--format", "nt", "-o", target, "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<https://w3id.org/ahtgraph/id/")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_read_only_file_is_refused_even_with_force(tmp_path: Path) -> None:
    target = tmp_path / "frozen.ttl"
    target.write_text("frozen\n", encoding="utf-8")
    target.chmod(0o444)
    line = one_error(run("export", "-o", target, "--force"))
    assert line == f"Error: {target} is read-only; not replacing it (make it writable first)"
    assert target.read_text(encoding="utf-8") == "frozen\n"


def test_a_hard_linked_file_is_refused_rather_than_split(tmp_path: Path) -> None:
    target, twin = tmp_path / "a.ttl", tmp_path / "b.ttl"
    target.write_text("shared\n", encoding="utf-8")
    os.link(target, twin)
    line = one_error(run("export", "-o", target, "--force"))
    assert line.startswith(f"Error: {target} has 2 hard links; replacing it would split them")
    assert os.stat(target).st_ino == os.stat(twin).st_ino
    assert twin.read_text(encoding="utf-8") == "shared\n"


def test_a_symlink_is_followed_and_stays_a_symlink(tmp_path: Path) -> None:
    real, link = tmp_path / "real.nt", tmp_path / "link.nt"
    real.write_text("old\n", encoding="utf-8")
    link.symlink_to(real.name)
    assert "exists; pass --force" in one_error(run("export", "--format", "nt", "-o", link))
    result = run("export", "--format", "nt", "-o", link, "--force")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == "real.nt"
    assert real.read_text(encoding="utf-8").startswith("<https://w3id.org/ahtgraph/id/")
    assert names(tmp_path) == ["link.nt", "real.nt"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.ttl"
    link.symlink_to("new.ttl")
    result = run("export", "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and (tmp_path / "new.ttl").is_file()


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("export", "--format", "nt", "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received[0].startswith(b"<https://w3id.org/ahtgraph/id/")
    assert names(tmp_path) == ["pipe"]


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1"])
def test_dev_stdout_appends_to_what_the_shell_opened(tmp_path: Path, name: str) -> None:
    """``-o /dev/stdout >> file``: written through the open descriptor, never reopened (which
    would truncate) nor replaced."""
    log = tmp_path / "log.nt"
    log.write_text("first line\n", encoding="utf-8")
    inode = log.stat().st_ino
    env = {**os.environ, "AHTGRAPH_RESOURCES": str(FIXTURE)}
    with open(log, "ab") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "ahtgraph", "export", "--format", "nt", "-o", name],
            stdout=handle,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("first line\n<https://w3id.org/ahtgraph/id/")
    assert log.stat().st_ino == inode


def test_a_folder_a_socket_or_a_missing_folder_is_refused(tmp_path: Path) -> None:
    import socket

    (tmp_path / "dir").mkdir()
    assert one_error(run("export", "-o", tmp_path / "no" / "x.ttl")).endswith(
        "its folder does not exist"
    )
    server = socket.socket(socket.AF_UNIX)
    sock = tmp_path / "s"
    try:
        server.bind(str(sock))
        assert one_error(run("export", "-o", sock)) == f"Error: cannot write {sock}: it is a socket"
    finally:
        server.close()


# --------------------------------------------------------------------------- folders


def test_site_force_refuses_a_folder_ahtgraph_did_not_build(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("years of work", encoding="utf-8")
    for command in ("site", "release"):
        line = one_error(run(command, "-o", home, "--force"))
        assert line == (
            f"Error: {home} is not empty and holds no ahtgraph build (no .ahtgraph-build); "
            "not writing into it: choose a new or empty folder"
        )
    assert names(home) == ["thesis.tex"]
    assert names(tmp_path) == ["home"]


def test_a_build_ends_with_the_marker_listing_its_files(tmp_path: Path) -> None:
    out = tmp_path / "public"
    site_module.write({"index.html": "i", "id/a.html": "a"}, out)
    marker = json.loads((out / ".ahtgraph-build").read_text(encoding="utf-8"))
    assert marker == {
        "command": "site",
        "files": ["id/a.html", "index.html"],
        "generator": "ahtgraph",
    }
    assert sorted(p.name for p in out.iterdir()) == [".ahtgraph-build", "id", "index.html"]


def test_force_replaces_an_earlier_build_and_removes_its_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "public"
    site_module.write({"index.html": "old", "id/gone.html": "gone"}, out)
    with pytest.raises(AhtgraphError, match="holds an ahtgraph build; pass --force"):
        site_module.write({"index.html": "new"}, out)
    site_module.write({"index.html": "new", "id/a.html": "a"}, out, force=True)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [".ahtgraph-build", "id/a.html", "index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert names(tmp_path) == ["public"]


def test_force_refuses_a_build_with_the_users_files_added(tmp_path: Path) -> None:
    out = tmp_path / "public"
    site_module.write({"index.html": "old"}, out)
    (out / "CNAME").write_text("graph.example.org", encoding="utf-8")
    with pytest.raises(AhtgraphError, match="holds files the earlier ahtgraph build did not"):
        site_module.write({"index.html": "new"}, out, force=True)
    assert (out / "CNAME").read_text(encoding="utf-8") == "graph.example.org"
    assert (out / "index.html").read_text(encoding="utf-8") == "old"


def test_a_failure_in_a_new_folder_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "public"
    with pytest.raises(TypeError):
        site_module.write({"index.html": "x", "z.html": None}, out)  # type: ignore[dict-item]
    assert names(tmp_path) == []


def test_an_interrupted_build_is_recognised_and_replaceable(tmp_path: Path) -> None:
    out = tmp_path / "public"
    site_module.write({"index.html": "old"}, out)
    with pytest.raises(TypeError):
        site_module.write({"a.html": "a", "z.html": None}, out, force=True)  # type: ignore[dict-item]
    assert not (out / ".ahtgraph-build").exists()
    assert (out / ".ahtgraph-build.partial").is_file()
    with pytest.raises(AhtgraphError, match="holds an interrupted ahtgraph build; pass --force"):
        site_module.write({"index.html": "new"}, out)
    site_module.write({"index.html": "new"}, out, force=True)
    assert names(out) == [".ahtgraph-build", "index.html"]


def test_site_into_the_current_folder_and_into_missing_parents(tmp_path: Path) -> None:
    env = {**os.environ, "AHTGRAPH_RESOURCES": str(FIXTURE)}
    here = tmp_path / "here"
    here.mkdir()
    for args, cwd in ((["-o", "."], here), (["-o", str(tmp_path / "x" / "y")], tmp_path)):
        done = subprocess.run(
            [sys.executable, "-m", "ahtgraph", "site", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("Wrote ")
    assert (here / "index.html").is_file() and (here / ".ahtgraph-build").is_file()
    assert (tmp_path / "x" / "y" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here", "x"]


def _hidden_temporaries(root: Path) -> list[str]:
    """What a writer leaves behind when killed: ``.NAME.xxxx.tmp`` files or folders."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob(".*.tmp"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_mid_build_leaves_no_temporary_files(tmp_path: Path, signum: int) -> None:
    """A real process, stopped while it writes the release (the shipped graph: seconds)."""
    env = {k: v for k, v in os.environ.items() if k != "AHTGRAPH_RESOURCES"}
    out = tmp_path / "out"
    job = subprocess.Popen(
        [sys.executable, "-m", "ahtgraph", "release", "-o", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # A shell's background job inherits an ignored SIGINT; a terminal's Ctrl-C is not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120
        # Wait for the first file of the release, then stop the build.
        while not any(p.is_file() for p in tmp_path.rglob("*")):
            assert job.poll() is None, job.stderr.read() if job.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.01)
        job.send_signal(signum)
        job.wait(timeout=60)
    finally:
        if job.poll() is None:
            job.kill()
            job.wait()
    assert job.returncode != 0
    stderr = job.stderr.read().decode() if job.stderr else ""
    assert "Traceback" not in stderr
    assert _hidden_temporaries(tmp_path) == []
    assert list(tmp_path.iterdir()) == []  # a new folder: nothing is left of it
