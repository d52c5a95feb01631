"""Click options shared by several commands, defined once so their help reads the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


def data_option(func: Any) -> Any:
    """``--data FILE`` (repeatable): the user's RDF files added to the shipped graph."""
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help="Add this RDF file to the shipped graph (repeatable; syntax from the extension: "
        ".ttl .nt .nq .trig .jsonld .json .rdf .xml .n3).",
    )(func)
