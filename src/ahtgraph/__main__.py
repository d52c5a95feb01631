"""``python -m ahtgraph``: the same CLI as the ``ahtgraph`` command."""

from .cli import main

if __name__ == "__main__":
    main()
