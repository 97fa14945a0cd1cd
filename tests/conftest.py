"""Real servers for the service tests: uvicorn on 127.0.0.1, a fresh on-disk store each.

- ``server``: three development reports loaded, IRIs minted under the server's own
  ``/id/`` so they resolve there, updates on with :data:`TOKEN`, a short query time limit.
- ``update_server``: an empty store with updates on, for the protocol tests that clear
  the whole store (``DROP ALL``) and the graph store tests.

Both start once per test session and stop at its end (with their query workers).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from ducha.loaders.store import Store
from ducha.service.app import create_app
from ducha.service.corpus import load_paths
from ducha.service.settings import Settings

TOKEN = "test-token-4f1c"
SAMPLES = Path(__file__).parents[1] / "service" / "samples"
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
# Reports the ``server`` fixture loads: a Violation (complaint types summing over the
# batch), warnings (deadline schedules), and a plain feedback report with word multipliers.
SERVER_REPORTS = (
    "jiangsu-fifth-batch-petitions-2022.txt",
    "zhejiang-rectification-meeting-2018.txt",
    "shanxi-feedback-2017.txt",
)
QUERY_TIMEOUT_S = 4.0


@dataclass(frozen=True)
class Server:
    """A running ducha service."""

    url: str
    settings: Settings
    store: Store

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {TOKEN}"}

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)  # type: ignore[arg-type]


@contextmanager
def running_server(store_dir: Path, reports: tuple[Path, ...] = ()) -> Iterator[Server]:
    """Serve a new store in ``store_dir`` on a free port until the block ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    settings = Settings(
        store=store_dir,
        base_iri=f"http://127.0.0.1:{port}/id/",
        update_token=TOKEN,
        query_timeout_s=QUERY_TIMEOUT_S,
        max_upload_bytes=200_000,
    )
    store = Store.open(store_dir)
    if reports:
        outcomes = load_paths(store, list(reports), settings=settings)
        failed = [o for o in outcomes if o.status == "error"]
        assert not failed, failed
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, store), log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Server(f"http://127.0.0.1:{port}", settings, store)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    reports = tuple(SAMPLES / name for name in SERVER_REPORTS)
    with running_server(tmp_path_factory.mktemp("store"), reports) as running:
        yield running


@pytest.fixture(scope="session")
def update_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("update-store")) as running:
        yield running


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as http:
        yield http
