"""`ahtgraph describe` on the shipped graph shows who states each relation, and when read."""

from __future__ import annotations

from click.testing import CliRunner

from ahtgraph.cli import cli


def test_describe_shows_which_pages_state_each_relation() -> None:
    result = CliRunner().invoke(cli, ["describe", "payoke"])
    assert result.exit_code == 0
    out = result.output
    section = out[out.index("Who states the relations") :].splitlines()
    assert section[0] == "Who states the relations (6):"
    funds = section.index("  id:fps-justice aht:funds id:payoke")
    assert section[funds + 1 : funds + 4] == [
        "      <https://news.belgium.be./fr/node/21230>  (read 2026-11-28)",
        "      <https://samilia.org/en/other-resources/>  (read 2026-11-28)",
        "      <https://www.pzc.nl/antwerpen/stad-en-payoke-smeken-minister-crevits-om-hulp-in"
        "-borealis-dossier-we-betaalden-al-310-000-euro-voor-opvang~a116f348/>  (read 2026-11-28)",
    ]
    # Every funder a page names has its own relation (issue 12 A.3).
    assert "  id:flemish-government aht:funds id:payoke" in section
    assert "  id:national-lottery aht:funds id:payoke" in section
    # Supervision is stated by the source page alone (issue 12 A.2).
    supervises = section.index("  id:fps-justice aht:supervises id:payoke")
    assert section[supervises + 1 :] == [
        "      <https://samilia.org/en/other-resources/>  (read 2026-11-28)",
    ]
    # Provenance records are not listed as relations of the entity.
    assert "rdf:object" not in out
    assert "rdf:subject" not in out


def test_describe_turtle_carries_the_provenance_records() -> None:
    result = CliRunner().invoke(cli, ["describe", "payoke", "--format", "turtle"])
    assert result.exit_code == 0
    assert "id:claim-fps-justice-funds-payoke" in result.output
    assert "rdf:Statement" in result.output
