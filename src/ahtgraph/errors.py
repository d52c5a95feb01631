"""The one exception type that means "the user asked for something we cannot do".

The CLI turns it into a single ``Error: ...`` line and exit status 2; notebook users get an
ordinary exception they can catch. Anything else escaping is a bug and keeps its traceback.
"""

from __future__ import annotations


class AhtgraphError(Exception):
    """A problem with the user's input (query, data file, entity name), not with ahtgraph."""

    def __init__(self, message: str) -> None:
        # One line, always: the CLI prints it verbatim and scripts grep it.
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        """The one-line explanation, without the ``Error:`` prefix."""
        return str(self.args[0])


class InvalidData(AhtgraphError):
    """The data fails ``validate`` or ``check`` and the command will not publish it.

    The CLI exits with status 1 (the checking commands' "found problems"), not 2: the request
    was fine, the data is not.
    """


class QueryTimeout(AhtgraphError):
    """The query ran past its time limit and was stopped (the CLI exits with status 3).

    Defined here, beside the other error types, so the CLI can catch it by class without
    importing the engine (and pyoxigraph) at start-up.
    """
