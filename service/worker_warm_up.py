"""Imported by the loading workers' fork server (:mod:`ducha.service.fork_server`) and
nowhere else: importing it warms the pipeline up (:func:`ducha.service.prepare.warm_up`),
because a module to import is the one thing ``multiprocessing`` lets a fork server run
before it forks. Workers forked from the server then start with the tables loaded once,
where each loaded them again on its first report; ``ducha load`` starts the server before its
own command line, so this runs beside it, not before the first result.
"""

from __future__ import annotations

import logging

from ducha.service.prepare import warm_up

__all__: list[str] = []

try:
    warm_up()
except Exception as error:
    # Only a head start: whatever broke here breaks again on the first report, which reports
    # it (a fork server that died of it would leave the pool nothing to start workers from).
    logging.getLogger(__name__).warning("warming the loading workers up failed: %r", error)
