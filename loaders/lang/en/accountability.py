"""English wording of accountability figures: "42 Party organizations and 142 people were held
accountable, of which 3 at the department and Bureau level, 30 at the county level ...".

A whole counts accountability when the words right after it say so (``ACCOUNTABLE`` within
``WHOLE_WINDOW`` characters); each of its parts names its level in the words right after
the part ("at the county level", ``LEVEL`` within ``LEVEL_WINDOW`` characters).
"""

from __future__ import annotations

import re

__all__ = ["ACCOUNTABLE", "LEVEL", "LEVEL_WINDOW", "WHOLE_WINDOW"]

# "held accountable", "accountability": searched anywhere in the window, case ignored.
ACCOUNTABLE = re.compile(r"accountab", re.IGNORECASE)
WHOLE_WINDOW = 120

# "at the county level", "of the township and section level": the level is group 1, from
# after "the" to the first "level", never across a comma, full stop or semicolon.
LEVEL = re.compile(r"[ \t\n\r]*(?:at|of) the ([^,.;]*?level)")
LEVEL_WINDOW = 80
