"""English wording of a stated change: "from 45 to 38, down 15.6%", "98.1%, an increase of
3.7 percentage points year-on-year", "1.4 percentage points higher than last quarter".

Each pattern is matched right before (``*_BEFORE``) or right after (``*_AFTER``) the number
that states the change; the named group ``up`` or ``down`` gives its direction.
"""

from __future__ import annotations

import re

__all__ = ["CHANGE_AFTER", "CHANGE_BEFORE", "FROM_BEFORE", "JOINS_VALUE", "TO_BETWEEN"]

# "up" and "down" only as a change ("38, down 7", "up by 5"), never "set up four groups"
_UP = (
    r"increase|rise|growth|gain|increased|rose|risen|grew|grown"
    r"|(?<=,\s)up|(?<=\()up|up(?=\s+by\b)"
)
_DOWN = (
    r"decrease|decline|drop|fall|reduction|decreased|declined|dropped|fell|fallen|reduced"
    r"|(?<=,\s)down|(?<=\()down|down(?=\s+by\b)"
)

# "an increase of", "down by", "fell by", "a drop of": the change follows.
CHANGE_BEFORE = re.compile(
    rf"\b(?:an?\s+)?(?:(?P<up>{_UP})|(?P<down>{_DOWN}))(?:\s+(?:of|by))?\s+"
    r"(?:about\s+|nearly\s+|approximately\s+)?$",
    re.IGNORECASE,
)

# "3.7 percentage points higher", "10% lower": the change precedes (matched at its end).
CHANGE_AFTER = re.compile(
    r"\s*(?:(?P<up>higher|more|up)|(?P<down>lower|less|down))\s+(?:than|from|on|over|year)",
    re.IGNORECASE,
)

# "... from 45 ..." right before the older value.
FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|a\s+)?$", re.IGNORECASE)

# What may stand between the older and the newer value: "last year to", " in 2022 to".
TO_BETWEEN = re.compile(r"^[^,;:()]{0,40}?\s+to\s+(?:the\s+|a\s+)?$", re.IGNORECASE)

# What may stand between the newer value and its change, once the direction words are
# taken off: "98.1%, [an increase of] 3.7", "97.4%, which is 1.4 … higher", "38 (down 7)",
# "38 this year, [down] 15.6%".
JOINS_VALUE = re.compile(
    r"^(?:\s+(?:this|last|that)\s+(?:year|quarter|month)|\s+in\s+(?:19|20)\d\d)?"
    r"\s*[,(]?\s*(?:which\s+(?:is|was)\s+|representing\s+)?(?:an?\s+)?"
    r"(?:year[- ]on[- ]year\s+)?$",
    re.IGNORECASE,
)
