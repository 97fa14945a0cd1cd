"""What every router needs: the running :class:`Service` and the update-token check.

The app holds one :class:`Service` (settings, store, query executor, write lock) in
``app.state.service``; routes get it with ``Depends(get_service)`` and writes go through
:meth:`Service.writing`, which serializes them and tells the query workers afterwards.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated

from ducha.loaders.errors import NotFound
from ducha.loaders.store import Store
from ducha.service.errors import Forbidden, Unauthorized
from ducha.service.executor import QueryExecutor
from ducha.service.settings import Settings
from fastapi import Depends, Request

__all__ = ["Service", "ServiceDep", "get_service", "require_token"]


@dataclass
class Service:
    """The state of one running service."""

    settings: Settings
    store: Store
    executor: QueryExecutor
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """Hold the write lock while writing to the store; the query workers refresh their
        view afterwards. Writes are one at a time, so two uploads of the same report can
        never both find it missing and both write it."""
        with self.write_lock:
            try:
                yield self.store
            finally:
                self.executor.store_changed()


def get_service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


ServiceDep = Annotated[Service, Depends(get_service)]


def require_token(request: Request, service: ServiceDep) -> None:
    """Let a write through only with ``Authorization: Bearer <the configured token>``.

    404 when no token is configured (writes are off and the surface does not exist), 401
    without a bearer token, 403 with a wrong one.
    """
    expected = service.settings.update_token
    if not expected:
        raise NotFound("writing to this server is off: the operator has not set DUCHA_UPDATE_TOKEN")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("this needs the update token: send 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Forbidden("the update token is wrong")
