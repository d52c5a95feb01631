"""The response byte cap counts what the client receives: UTF-8 bytes, not characters."""

from __future__ import annotations

from ahtgraph.serve.formats import _Capped


def test_the_cap_counts_utf8_bytes() -> None:
    out = _Capped()
    out.write("ab")
    out.write("Sürya")  # 5 characters, 6 bytes
    out.write("\U0001f600")  # 1 character, 4 bytes
    assert out.size == 2 + 6 + 4
