"""The HTTP service: :func:`create_app` assembles the routers around one store.

>>> from ducha.service.settings import Settings
>>> app = create_app(Settings(store=None))
>>> sorted(path for path in app.openapi()["paths"] if path.startswith(("/sparql", "/update")))
['/sparql', '/update']
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from ducha.loaders.remote import open_store
from ducha.loaders.store import Store
from ducha.service.dependencies import Service
from ducha.service.errors import install_error_handlers
from ducha.service.executor import QueryExecutor
from ducha.service.routers import (
    audit,
    graph_store,
    queries,
    regulations,
    reports,
    resources,
    sparql,
    update,
)
from ducha.service.settings import Settings, get_settings
from ducha.service.ui import install_ui
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.routing import Route

__all__ = ["create_app"]

_log = logging.getLogger(__name__)

_DESCRIPTION = """
Eco-environmental inspection and rectification reports as a knowledge graph.

* **SPARQL 1.1** query endpoint at `/sparql` (GET, POST form, POST direct; JSON, XML, CSV,
  TSV, Turtle, N-Triples, JSON-LD, RDF/XML, TriG), with a time limit per query.
* **Update** at `/update` and the **Graph Store Protocol** at `/rdf-graph-store`, only when
  the operator sets `DUCHA_UPDATE_TOKEN`, and then with `Authorization: Bearer <token>`.
* **Reports**: upload (load and validate), list, show, delete.
* **Audit** findings, the **queries** catalogue, and **Linked Data** pages for every IRI.
"""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The FastAPI app serving ``store`` (opened from ``settings.store`` when not given).

    Query workers start with the app and stop with it (on the ASGI lifespan).
    """
    settings = settings or get_settings()
    store = store if store is not None else open_store(settings)
    write_lock = threading.Lock()
    executor = QueryExecutor(store, settings.query_timeout_s, write_lock=write_lock)
    service = Service(settings, store, executor, write_lock)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.executor.start()
        _log.info(
            "serving %s with %d query workers",
            store.path or "an in-memory store",
            service.executor.workers,
        )
        try:
            yield
        finally:
            service.executor.close()

    app = FastAPI(
        title="ducha",
        summary="SPARQL endpoint and API for eco-environmental inspection reports",
        description=_DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.service = service
    install_error_handlers(app)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["Location", "Content-Type"],
    )
    install_ui(app)  # first: the web UI's `/` is the start page
    for module in (sparql, update, graph_store, reports, audit, queries, regulations, resources):
        app.include_router(module.router)
    # The lean path for SPARQL queries, tried before every FastAPI route (see routers/sparql).
    app.router.routes.insert(
        0,
        Route("/sparql", sparql.sparql_endpoint, methods=["GET", "POST"], include_in_schema=False),
    )
    return app
