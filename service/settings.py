"""ducha's settings: one typed object fed by ``DUCHA_`` environment variables.

Read once through :func:`get_settings` (cached); the CLI builds its own from options and the
service injects it as a dependency that tests override. Library code takes arguments instead.
One variable is read before these settings exist: ``DUCHA_ALLOCATOR``, the memory allocator
the ``ducha`` command starts with (:mod:`ducha.service.allocator`).

>>> Settings(store=None).max_upload_bytes
52428800
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Everything an operator can set; each field is also ``DUCHA_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="DUCHA_", extra="ignore")

    store: Path | None = Field(
        default=Path(".ducha/store"),
        description="Data directory of the embedded store; None keeps the store in memory.",
    )
    max_upload_bytes: int = Field(
        default=50 * 1024 * 1024, gt=0, description="Largest report file ducha reads."
    )
    base_iri: str = Field(
        default="https://w3id.org/ducha/id/", description="Base of minted data IRIs."
    )
    query_timeout_s: float = Field(default=30.0, gt=0, description="Time limit per query.")
    update_token: str | None = Field(
        default=None, description="Bearer token for SPARQL Update; None turns updates off."
    )
    federation: bool = Field(default=False, description="Allow SPARQL SERVICE calls.")
    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        description="Processes that extract and validate reports while loading (all cores).",
    )
    batch_size: int = Field(
        # RocksDB merges each bulk load into what the store holds: small batches make it
        # merge more often (at 10,000 reports, batches of 16 stalled writes 572 times), and
        # a load's batches grow from 64 to this as it writes (1,000 seed-sized reports:
        # 14.1 reports/s with batches of 64, 17.2 growing to 256, 1.9 GB at the peak;
        # 10,000 generated reports: 20.3 reports/s up to 256, 1.4 GB, and 22.5 up to 512,
        # RocksDB's merges 22 instead of 29 processor-ms per report, 2.4 GB; in another
        # sitting 31.2 up to 512 and 36.1 up to 1,024, merges 17.6 against 11.1, 2.4 against
        # 3.6 GB: 1.27 times the per-report time of 100 reports instead of 1.46).
        default=1024,
        ge=1,
        description="Most reports written per store write while loading (a load's first "
        "batches are smaller); a crash loses at most one batch. Batches of new reports go "
        "through the bulk loader.",
    )
    in_memory: bool = Field(
        default=False,
        description="Serve from an in-memory copy of the on-disk store (read at start; every "
        "write goes to both). 5-8x faster joins; needs about 500 bytes of RAM per triple.",
    )
    store_url: str | None = Field(
        default=None,
        description="SPARQL 1.1 query endpoint of an external store (e.g. Virtuoso's "
        "/sparql-auth); set, it replaces the embedded store. See docs/scale.md.",
    )
    update_url: str | None = Field(
        default=None, description="SPARQL 1.1 update endpoint of the external store."
    )
    graph_store_url: str | None = Field(
        default=None, description="Graph store protocol endpoint of the external store."
    )
    store_user: str | None = Field(default=None, description="User for the external store.")
    store_password: str | None = Field(
        default=None, description="Password for the external store."
    )
    store_auth: Literal["basic", "digest"] = Field(
        default="digest", description="HTTP authentication the external store asks for."
    )
    validator: Literal["compiled", "pyshacl"] = Field(
        default="compiled", description="SHACL engine when loading: compiled SPARQL or pySHACL."
    )
    report_timeout_s: float = Field(
        default=120.0, gt=0, description="Seconds a pooled load may spend on one report."
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings from the environment, read once per process."""
    return Settings()
