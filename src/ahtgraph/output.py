"""The one writer for everything ahtgraph writes: a file given with ``-o``, or a built folder.

A user's files are never destroyed without proof they are ours (docs/cli.md, "Output files"):

``open_output(path, force=...)`` streams text or bytes to one file:

* no path: standard output;
* a new file: written to a temporary file beside it (``.NAME.xxxx.tmp``, private while written),
  renamed into place when complete; removed on any failure, Ctrl-C or SIGTERM;
* an existing regular file: refused unless ``force``; with ``force`` it is replaced the same way,
  keeping its permission bits; a read-only file, or one with other hard links (replacing it
  would silently split them), is refused even with ``force``;
* a symbolic link: followed; its target is written by the same rules, the link stays;
* a character device or a FIFO (``/dev/stdout``, ``/dev/null``, a named pipe): written through,
  never replaced; a block device, a socket or a folder: refused.

``build_folder(out, force=..., command=...)`` writes a folder in place (``site``, ``release``):
each file atomically as above, then the marker ``.ahtgraph-build`` (JSON: what was built, from
which command, and the files) LAST. While it builds, ``.ahtgraph-build.partial`` lists every
file the build may have written, so an interrupted build is recognisable and replaceable.
A folder is replaced (``force``) only when it holds one of these markers and nothing but the
files they list; anything else in it is the user's, and the build refuses to touch it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

from .errors import AhtgraphError

# json and tempfile are imported in the functions that use them: `ahtgraph query` printing to
# stdout needs neither, and start-up is most of its time (docs/scale.md).

#: Written last into a finished folder: proof that ahtgraph built it, and of which files.
MARKER = ".ahtgraph-build"
#: Written first and kept up to date while a folder is built; gone once the marker is there.
PARTIAL = ".ahtgraph-build.partial"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_HELD = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP for a few statements that must not be split (a file
    created and its name recorded); one that arrives meanwhile is raised right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class Sink:
    """What ``open_output`` yields: ``write`` takes text (encoded as UTF-8) or bytes."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.bytes_written = 0

    def write(self, data: str | bytes) -> None:
        chunk = data.encode("utf-8") if isinstance(data, str) else data
        self._stream.write(chunk)
        self.bytes_written += len(chunk)


# ------------------------------------------------------------------------------ one file


def _target(path: Path, force: bool) -> tuple[Path, os.stat_result | None]:
    """Where to write for ``path`` (a symlink's target) and what is there now (None: nothing).

    Raises AhtgraphError for anything the rules refuse.
    """
    try:
        st = os.stat(path)  # through links: what would be written
    except FileNotFoundError:
        resolved = Path(os.path.realpath(path)) if path.is_symlink() else path
        if not (resolved.parent if str(resolved.parent) else Path(".")).is_dir():
            raise AhtgraphError(f"cannot write {path}: its folder does not exist") from None
        return resolved, None
    except OSError as exc:  # a loop of links, a folder we may not enter
        raise AhtgraphError(f"cannot write {path}: {exc.strerror}") from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise AhtgraphError(f"cannot write {path}: it is a folder")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return path, st  # opened through the link (/dev/stdout -> /proc/self/fd/1 -> pipe)
    if not stat.S_ISREG(mode):
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket"
        raise AhtgraphError(f"cannot write {path}: it is {kind}")
    if not force:
        raise AhtgraphError(f"{path} exists; pass --force to replace it")
    if not mode & 0o222:
        raise AhtgraphError(f"{path} is read-only; not replacing it (make it writable first)")
    if st.st_nlink > 1:
        raise AhtgraphError(
            f"{path} has {st.st_nlink} hard links; replacing it would split them "
            "(remove it first, or write elsewhere)"
        )
    return Path(os.path.realpath(path)) if path.is_symlink() else path, st


@contextmanager
def _atomic(
    path: Path, old: os.stat_result | None, exclusive: bool, durable: bool = True
) -> Iterator[Sink]:
    """Write to a temporary file beside ``path``; put it in place only if the block succeeds.

    ``exclusive``: refuse rather than replace a file that appeared meanwhile. ``durable``:
    fsync before the rename (one file given with ``-o``; a folder's hundreds of files skip it,
    which makes a site build several times faster, and the marker written last is synced).
    """
    import tempfile  # here, not at the top: a query to stdout never needs it (start-up time)

    folder = path.parent if str(path.parent) else Path(".")
    tmp: Path | None = None
    try:
        with _signals_held():  # no SIGTERM between creating the file and knowing its name
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            tmp = Path(name)
        with os.fdopen(fd, "wb") as handle:
            yield Sink(handle)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask())
        if exclusive:
            try:
                os.link(tmp, path)  # never replaces: EEXIST if someone else wrote path
            except FileExistsError:
                raise AhtgraphError(f"{path} exists; pass --force to replace it") from None
            except OSError:  # a file system without hard links
                if path.exists():
                    raise AhtgraphError(f"{path} exists; pass --force to replace it") from None
                os.replace(tmp, path)
            tmp.unlink(missing_ok=True)
        else:
            os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise


def check_output(path: Path | None, force: bool = False) -> None:
    """Refuse now what ``open_output`` would refuse, before a long computation."""
    if path is not None and _own_descriptor(Path(path)) is None:
        _target(Path(path), force)


def _own_descriptor(path: Path) -> int | None:
    """The descriptor ``path`` names in this process (``/dev/stdout``, ``/dev/fd/3``), if any:
    written through as it is open, never reopened (which would truncate a ``>>`` file)."""
    text = str(path)
    named = {"/dev/stdout": 1, "/dev/stderr": 2}
    if text in named:
        return named[text]
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        if text.startswith(prefix) and text[len(prefix) :].isdigit():
            return int(text[len(prefix) :])
    return None


@contextmanager
def open_output(path: Path | None, force: bool = False) -> Iterator[Sink]:
    """A place to stream one output to (see the module docstring for the rules)."""
    descriptor = 1 if path is None else _own_descriptor(Path(path))
    if descriptor == 1:
        sys.stdout.flush()  # whatever click.echo wrote comes first
        stream = sys.stdout.buffer
        yield Sink(stream)
        stream.flush()
        return
    if descriptor is not None:
        with os.fdopen(os.dup(descriptor), "wb") as handle:
            yield Sink(handle)
        return
    assert path is not None
    path = Path(path)
    target, old = _target(path, force)
    if old is not None and not stat.S_ISREG(old.st_mode):
        with open(target, "wb") as stream:  # a device or FIFO: through it, never replaced
            yield Sink(stream)
        return
    with _atomic(target, old, exclusive=old is None) as sink:
        yield sink


@contextmanager
def replace_file(path: Path, durable: bool = True) -> Iterator[Sink]:
    """Stream to ``path`` atomically, replacing a file there: for a folder that
    ``build_folder`` owns, or a caller that has already decided it may. A new file gets the
    permissions the umask allows (as ``open(path, "w")`` would give); a replaced one keeps its
    own."""
    path = Path(path)
    try:
        st = os.lstat(path)
        old = st if stat.S_ISREG(st.st_mode) else None
    except FileNotFoundError:
        old = None
    with _atomic(path, old, exclusive=False, durable=durable) as sink:
        yield sink


def write_file(path: Path, data: str | bytes, durable: bool = True) -> None:
    """``replace_file`` for data already in memory."""
    with replace_file(path, durable) as sink:
        sink.write(data)


# ---------------------------------------------------------------------------- a folder


def _listed(folder: Path, name: str) -> set[str] | None:
    """The files a marker (or partial log) lists; None when it is absent."""
    import json

    path = folder / name
    if not path.is_file() or path.is_symlink():
        return None
    try:
        if name == MARKER:
            files = json.loads(path.read_text(encoding="utf-8"))["files"]
            # A marker someone else wrote ({"files": 3}) is not proof the files are ours.
            if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
                raise TypeError(files)
        else:
            files = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise AhtgraphError(
            f"{path} is not an ahtgraph build marker; not touching {folder}"
        ) from None
    return {f for f in files if _safe(f)}


def _safe(relative: str) -> bool:
    parts = PurePosixPath(relative).parts
    return bool(parts) and not relative.startswith("/") and ".." not in parts


def _present(folder: Path) -> set[str]:
    """Every file and link under ``folder`` (relative, with ``/``); folders are not listed."""
    found = set()
    for root, dirs, files in os.walk(folder):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            found.add(Path(root, name).relative_to(folder).as_posix())
    return found


def check_folder(out: Path, force: bool) -> set[str]:
    """Refuse ``out`` unless it is absent, empty, or an ahtgraph build that ``force`` replaces;
    the files of that earlier build (which the new one may remove)."""
    out = Path(out)
    if out.is_symlink() and not out.is_dir():
        raise AhtgraphError(f"cannot write into {out}: it is a link to no folder")
    if out.exists() and not out.is_dir():
        raise AhtgraphError(f"cannot write into {out}: it is a file")
    if not out.exists():
        return set()
    present = _present(out)
    if not present:
        return set()
    built, partial = _listed(out, MARKER), _listed(out, PARTIAL)
    if built is None and partial is None:
        raise AhtgraphError(
            f"{out} is not empty and holds no ahtgraph build (no {MARKER}); "
            "not writing into it: choose a new or empty folder"
        )
    if not force:
        what = "an ahtgraph build" if built is not None else "an interrupted ahtgraph build"
        raise AhtgraphError(f"{out} holds {what}; pass --force to replace it")
    ours = (built or set()) | (partial or set()) | {MARKER, PARTIAL}
    foreign = sorted(present - ours)
    if foreign:
        raise AhtgraphError(
            f"{out} holds files the earlier ahtgraph build did not write ({foreign[0]}"
            + (f" and {len(foreign) - 1} more" if len(foreign) > 1 else "")
            + "); not replacing it: move them away first"
        )
    return ours - {MARKER, PARTIAL}


class Folder:
    """A folder being built: ``write`` puts one file (relative path with ``/``) atomically."""

    def __init__(self, path: Path, log: IO[str]) -> None:
        self.path = path
        self._log = log
        #: Every file begun, logged before it is written (so a clean-up misses none).
        self.begun: list[str] = []
        self.written: list[str] = []

    def write(self, relative: str, data: str | bytes) -> None:
        if not _safe(relative) or relative in (MARKER, PARTIAL):
            raise ValueError(f"not a file name inside the folder: {relative!r}")
        self.begun.append(relative)
        self._log.write(relative + "\n")
        self._log.flush()
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_file(target, data, durable=False)
        self.written.append(relative)


def _remove(folder: Path, relatives: set[str]) -> None:
    """Remove these files of ours, then the folders they leave empty (deepest first)."""
    parents: set[Path] = set()
    for relative in relatives:
        path = folder / relative
        if any(p.is_symlink() for p in path.parents if folder in p.parents):
            continue  # never follow a link out of the folder
        path.unlink(missing_ok=True)
        parents.update(p for p in path.parents if folder in p.parents)
    for parent in sorted(parents, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: holds something else
            parent.rmdir()


@contextmanager
def build_folder(
    out: Path, force: bool = False, command: str = "", about: dict[str, Any] | None = None
) -> Iterator[Folder]:
    """Build the folder ``out`` in place (see the module docstring)."""
    import json

    out = Path(out)
    previous = check_folder(out, force)
    created = [p for p in [out, *out.parents] if not p.exists()]
    partial = out / PARTIAL
    log: IO[str] | None = None
    folder: Folder | None = None
    try:
        with _signals_held():  # the folder and its log exist together, or neither
            out.mkdir(parents=True, exist_ok=True)
            log = open(partial, "w", encoding="utf-8")  # noqa: SIM115 (closed in finally)
        log.writelines(relative + "\n" for relative in sorted(previous))
        log.flush()
        (out / MARKER).unlink(missing_ok=True)
        folder = Folder(out, log)
        yield folder
        _remove(out, previous - set(folder.written))
        marker = {"generator": "ahtgraph", "command": command, **(about or {})}
        marker["files"] = sorted(folder.written)
        write_file(out / MARKER, json.dumps(marker, indent=2, sort_keys=True) + "\n")
        partial.unlink()
    except BaseException:
        if not previous:  # a new or empty folder: leave it as it was
            _remove(out, set(folder.begun if folder else ()) | {MARKER, PARTIAL})
            for path in created:
                try:
                    path.rmdir()
                except OSError:
                    break
        raise
    finally:
        if log is not None:
            log.close()
