"""Search of the sociale kaart: Dutch free text (typos, inflections, compounds, synonyms),
filters and distance to a postcode, identical on SQLite and PostgreSQL.

The index lives in plain tables (``SearchEntry``: stemmed term, service, weight; ``SearchWord``:
the vocabulary for typo correction). **Keep it fresh**: every write to a service — the editor
workflow, the HSDS importer, the admin — must call ``index_service(service)`` afterwards
(``transaction.on_commit(lambda: index_service(service))`` in a service function). After bulk
imports, run ``rebuild_index()`` or ``steunsysteem rebuild_search_index``.

A search costs a fixed number of SQL queries whatever the size of the directory: one for the
vocabulary stamp (the vocabulary itself is cached per process and reloaded only when the stamp
changed), one for the postcode area when a postcode is given, one to rank the text matches
(at most ``engine.MAX_RESULTS`` are kept), then the page and the count.
"""

from .engine import search_services
from .index import index_service, rebuild_index
from .params import SearchParams, SearchResult

__all__ = ["SearchParams", "SearchResult", "index_service", "rebuild_index", "search_services"]
