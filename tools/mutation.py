"""Time-boxed mutation testing of one small module with its fast tests (issue 11, part F).

mutmut (``pip install mutmut``; not a project dependency) changes the module one mutation at a
time (an operator, a constant, a returned value, a removed argument...) and runs the given
tests against each mutant: a mutant the tests still pass on ("survived") is a behaviour no test
pins down. The run happens in a throw-away copy of the checkout's tracked files, so neither
mutmut's ``mutants/`` folder nor its configuration ever touch the repository.

    python tools/mutation.py src/ahtgraph/output.py tests/test_output.py
    python tools/mutation.py src/ahtgraph/params.py tests/test_cli_query.py --show

It prints killed / total (a mutant that makes the tests time out counts as killed; "no tests"
means no selected test runs that function), the survivors' names, and with ``--show`` each
survivor's diff. Tests that run ``ahtgraph`` in a subprocess cannot kill a mutant: the
subprocess imports the installed package, not mutmut's copy.
docs/testing.md lists the figures and the modules measured.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _copy_checkout(target: Path) -> None:
    """The tracked files of the working tree (with their uncommitted edits), nothing else."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _configure(target: Path, module: str, tests: list[str]) -> None:
    """mutmut reads setup.cfg when pyproject.toml has no [tool.mutmut] (ours has none)."""
    lines = [
        "[mutmut]",
        "source_paths=src",
        f"only_mutate={module}",
        "pytest_add_cli_args_test_selection=",
        *(f"  {t}" for t in tests),
        # The shipped graph, shapes and queries sit beside src/ in the copy mutmut tests.
        "also_copy=",
        "  data",
        "  shapes",
        "  queries",
        "pytest_add_cli_args=",
        "  -p",
        "  no:cacheprovider",
        "  -x",
        "  -q",
        "",
    ]
    (target / "setup.cfg").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", help="e.g. src/ahtgraph/output.py")
    parser.add_argument("tests", nargs="+", help="the module's fast test files")
    parser.add_argument("--timeout", type=float, default=600, help="seconds (default 600)")
    parser.add_argument("--children", type=int, default=2, help="parallel mutants")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    args = parser.parse_args()
    mutmut = shutil.which("mutmut")
    if mutmut is None:
        sys.exit("mutmut is not installed: pip install mutmut")
    with tempfile.TemporaryDirectory(prefix="ahtgraph-mutation-") as folder:
        work = Path(folder)
        _copy_checkout(work)
        _configure(work, args.module, args.tests)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        log = work / "mutmut-run.log"
        try:
            with open(log, "wb") as handle:
                done = subprocess.run(
                    [mutmut, "run", "--max-children", str(args.children)],
                    cwd=work,
                    env=env,
                    timeout=args.timeout,
                    check=False,
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                )
            if done.returncode != 0:  # e.g. the tests fail before any mutation
                tail = log.read_text(encoding="utf-8", errors="replace").replace("\r", "\n")
                print("mutmut failed:\n" + "\n".join(tail.splitlines()[-25:]))
        except subprocess.TimeoutExpired:
            print(f"time box of {args.timeout:.0f} s reached; figures are partial")
        listing = subprocess.run(
            [mutmut, "results", "--all", "true"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        statuses = re.findall(r"^\s*(\S+): (\S.*)$", listing, flags=re.MULTILINE)
        counts: dict[str, int] = {}
        for _, status in statuses:
            counts[status] = counts.get(status, 0) + 1
        killed = counts.get("killed", 0) + counts.get("timeout", 0)
        print(
            f"{args.module}: {killed} killed (incl. timeouts) / {len(statuses)} mutants  {counts}"
        )
        for name, status in statuses:
            if status != "killed":
                print(f"  {status}: {name}")
                if args.show:
                    diff = subprocess.run(
                        [mutmut, "show", name],
                        cwd=work,
                        env=env,
                        capture_output=True,
                        text=True,
                        check=False,
                    ).stdout
                    print("    " + diff.strip().replace("\n", "\n    "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
