"""Everything about SPARQL text before and after it meets the engine.

``inspect`` reads a query's facts (form, dataset, variables, nesting) without rdflib;
``writers`` streams answers in the SPARQL result formats from pyoxigraph's own terms.
"""
