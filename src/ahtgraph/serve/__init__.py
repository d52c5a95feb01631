"""``ahtgraph serve``: the graph online, a read-only SPARQL 1.1 endpoint and Linked Data.

Layout: :mod:`.command` (click), :mod:`.server` (start, stop), :mod:`.http` (the HTTP front),
:mod:`.app` (routes), :mod:`.pool` (query worker processes), :mod:`.worker` and :mod:`.jobs`
(what runs in a worker), :mod:`.backend` (the one seam to the query engine), :mod:`.formats`
(result writers), :mod:`.conneg` (content negotiation).
"""
