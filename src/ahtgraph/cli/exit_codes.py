"""The exit statuses of ``ahtgraph`` (documented in docs/cli.md).

0: done (and, for the checking commands, nothing found); 1: a checking command found problems
(``validate`` does not conform, ``check`` reached ``--fail-on``, ``sources check`` misses
something, ``jsonld --check-vocabulary`` has findings, ``release`` refuses data that fails
them); 2: the request could not be carried out (bad input, a usage error, a file that would be
overwritten without ``--force``); 3: ``query --timeout`` was reached.
"""

from __future__ import annotations

#: Exit status for errors in what the user asked (click uses 2 for usage errors too).
EXIT_USAGE = 2
#: Exit status of a checking command that found problems.
EXIT_INVALID = 1
#: Exit status of ``query`` when ``--timeout`` is reached.
EXIT_TIMEOUT = 3
