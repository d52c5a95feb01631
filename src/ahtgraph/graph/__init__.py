"""The graph and the engine that answers SPARQL over it (pyoxigraph); see ``engine``."""
