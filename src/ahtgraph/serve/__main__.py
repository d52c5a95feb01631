"""``python -m ahtgraph.serve``: the same command as ``ahtgraph serve``."""

from .command import serve

if __name__ == "__main__":
    serve(prog_name="ahtgraph serve")
