"""Checks of the graph: SHACL validation and its fast SHACL-SPARQL path on Oxigraph."""
