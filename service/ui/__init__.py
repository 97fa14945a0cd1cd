"""ducha's web UI: the SPARQL editor, report pages and the audit dashboard (see pages.py)."""

from ducha.service.ui.pages import install_ui, router

__all__ = ["install_ui", "router"]
