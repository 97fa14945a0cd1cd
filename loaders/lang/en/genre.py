"""Words that mark a text as an inspection or rectification report (in English MT output).

:func:`ducha.loaders.clean.check_is_report` counts these to turn away recipes, READMEs
and lorem ipsum before any extraction runs. Machine-translated pages sometimes keep the
Chinese terms, so the Chinese originals of the key words are listed too.
"""

from __future__ import annotations

import re

__all__ = ["CHINESE_REPORT_WORDS", "ENFORCEMENT_WORDS", "REPORT_WORDS"]

# The inspection machine itself: inspecting, supervising, rectifying, feeding back,
# petitions and accountability.
REPORT_WORDS = re.compile(
    r"\b(?:inspect\w*|supervis\w*|rectif\w*|feedback|fed back|petition\w*|accountab\w*"
    r"|letters and visits|complain\w*|look(?:ing)?[- ]back|held to account|called to account)\b",
    re.IGNORECASE,
)

# Environmental enforcement, for typical-case stories that never say "inspection".
ENFORCEMENT_WORDS = re.compile(
    r"\b(?:pollut\w*|ecolog\w*|environment\w*|emission\w*|sewage|wastewater|discharg\w*"
    r"|illegal\w*|violat\w*|penalt\w*|fined|quarr\w*|mining|reclamation|nature reserve)\b",
    re.IGNORECASE,
)

CHINESE_REPORT_WORDS = re.compile(r"督察|督查|整改|巡视|反馈|问责|信访|生态环境")
