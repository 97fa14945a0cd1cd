"""English web-page chrome: what news and government pages print around a report.

:mod:`ducha.loaders.clean` strips these lines from the report text and keeps the
metadata some of them carry (source, release time, region tags, contacts). The patterns
come from the pages in ``service/samples/`` and the seeds: navigation bars glued into one
line ("HomeProducts & ServicesAbout UsContact Us"), breadcrumbs, bylines, share buttons,
"Like(0) Collect(0)", CMS footers and comment forms.
"""

from __future__ import annotations

import re

from ducha.loaders.anchors import Anchored

__all__ = [
    "BREADCRUMB",
    "BYLINE",
    "BYLINE_PEOPLE",
    "CONTACT_LABEL",
    "CONTACT_LABEL_AT",
    "DATELINE",
    "DATE_PREFIX",
    "FOOTER_START",
    "FULL_DATE",
    "LABELLED_FIELD",
    "MONTHS",
    "NAVIGATION_WORDS",
    "PAGE_DATE_LINE",
    "PHOTO_CREDIT",
    "PHOTO_CREDIT_MARK",
    "SIGNATORY_WORDS",
    "TRAILING_CHROME",
    "WIDGET",
]

# "Source:", "Release Time:", "Region:" and other labelled page fields. Group "label" is
# normalised by the caller (lower case, single spaces).
LABELLED_FIELD = re.compile(
    r"(?P<label>Source|Release Time|Release Date|Publish(?:ed)? Time|Region|Regions"
    r"|Hot Keywords|Keywords|Tags|Editor|Author|Responsible Editor|来源|发布时间|地区)"
    r"\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)

# Menu words of navigation bars; a line made only of these (even glued together) is chrome.
NAVIGATION_WORDS = frozenset(
    (
        "home",
        "products",
        "services",
        "products & services",
        "about us",
        "contact us",
        "feedback",
        "log in",
        "login",
        "sign up",
        "sign in",
        "register",
        "latest news",
        "news",
        "news release",
        "database",
        "reports",
        "analytic tools",
        "case studies",
        "search",
        "menu",
        "english",
        "video",
        "photos",
        "opinion",
        "business",
        "world",
        "china",
        "society",
        "subscribe",
        "print",
        "close",
        "share",
    )
)

# "Home > News > News Release", "home >", "Home / China / Society".
BREADCRUMB = re.compile(r"^(?:home|首页)\b.*[>/›»]|[>›»]\s*$|\s[>›»]\s", re.IGNORECASE)

# Bylines: "By Li Rongde and Zhou Dongxu | Caixin Global | April 14th, 2017",
# "China Daily | By HUO YAN/ZHANG YI | Updated: ...", "Source: Xinhua | ... | Editor: ...",
# "□ Rule of Law Daily reporter Zhang Wei", "2022-06-02 0 By".
BYLINE = re.compile(
    r"^By\s+\S.{0,120}$"
    r"|\|\s*(?:By|Editor|Updated|Source|Author)\b"
    r"|^\W{0,3}[\w' ]{0,40}\breporters?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\s*$"
    r"|\bBy\s*$",
)

# The part of a byline line that names people; it stays in the text (a researcher may want
# the author, and the people extractor reads it) while the rest of the line is chrome:
# "By Li Rongde and Zhou Dongxu", "By HUO YAN/ZHANG YI", "Editor: Yang Yi",
# "Rule of Law Daily reporter Zhang Wei". Names only: "By 2020, ..." is never a byline.
_BYLINE_NAMES = r"[A-Z][\w'’-]*(?:(?:\s*[/,&]\s*|\s+and\s+|\s+)[A-Z][\w'’-]*){0,11}"
BYLINE_PEOPLE = re.compile(
    rf"(?:^|\|)\s*(?P<people>(?:By\s+|(?:Responsible\s+)?(?:Editor|Author)s?\s*[:：]\s*)"
    rf"{_BYLINE_NAMES})\s*(?=\||$)"
    r"|^\W{0,3}(?P<reporter>[\w' ]{0,40}\breporters?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s*$"
)

# A line that is only the page's date and time ("2017-09-07 09:31:44", "2022-06-02 0 By").
PAGE_DATE_LINE = re.compile(
    r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+\d+\s+By)?\s*$"
)

# A page date glued in front of the first paragraph: " date 2018-01-18 The construction ...".
DATE_PREFIX = re.compile(r"^date\s+\d{4}-\d{1,2}-\d{1,2}\s+(?=\S)", re.IGNORECASE)

# "(Photo/China News Servic)" — a photo credit inside a caption paragraph.
PHOTO_CREDIT = re.compile(r"\s*\((?:Photo|Photograph|Image|Picture)\s*[/:：][^)]*\)?\s*$")
# What every line PHOTO_CREDIT changes holds: lines without it are not searched.
PHOTO_CREDIT_MARK = "("

# Buttons and widgets: "Share - WeChat", "Video PlayerClose", "Like(0)", "Facebook".
WIDGET = re.compile(
    r"^(?:Share\b.*|Video\s*Player.*|(?:Like|Collect|Comments?|Favorite|Views?)\s*\(\d+\)"
    r"|Facebook|Twitter|Weibo|WeChat|LinkedIn|WhatsApp|Email|Print|Close|Font size.*"
    r"|\[Print\].*|\[Close\].*|logo_\S*)$",
    re.IGNORECASE,
)

# Lines from which everything to the end of the page is footer.
FOOTER_START = re.compile(
    r"^(?:File Download|Related (?:Files|Links|News|Articles|Reading)|Leave a (?:Reply|Comment)"
    r"|Post a Comment|Produced By)\b"
    r"|^(?:Previous|Next|Recommended|Copyright)"
    r"(?: article| post| page| reading| news)?\s*[:：]?\s*$"
    r"|^\[Print\]|^(?:Like|Collect)\s*\(\d+\)|^logo_|©|\ball rights reserved\b"
    r"|^\(?This English version is for (?:your )?reference only",
    re.IGNORECASE,
)

# Lines that are chrome only at the very end of a page: news outlets, comment-form fields.
TRAILING_CHROME = re.compile(
    r"^(?:Global Times|Xinhua|Xinhua News Agency|China Daily|People's Daily|CGTN|ECNS"
    r"|China News Service|Caixin Global|chinadaily\.com\.cn"
    r"|Your email address will not be published.*|Required fields are marked.*"
    r"|Comment\s*\*?|Name\s*\*?|Email\s*\*?|Website|Post Comment|Submit"
    r"|Save my name.*)$",
    re.IGNORECASE,
)

# Contact fields at the end of a notice: "Tel: 0771-5714871, Address: ..., Zip Code: ...".
CONTACT_LABEL = re.compile(
    r"\b(?:Tel|Telephone|Phone|Hotline|Fax|Address|E-?mail|Zip Code|Post(?:al)? ?Code|Postcode)"
    r"\s*[:：]",
    re.IGNORECASE,
)
CONTACT_LABEL_AT = Anchored(
    CONTACT_LABEL,
    ("tel", "phone", "hotline", "fax", "address", "e-mail", "email", "zip code", "post"),
)

# Words a signatory line uses: the issuing body of a notice.
SIGNATORY_WORDS = re.compile(
    r"\b(?:Party Group|Committee|Department|Government|Bureau|Office|Commission|Ministry"
    r"|Group|Leading Group|Administration|Council|Agency|Inspectorate|Center|Centre)\b"
)

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# A complete date as pages print it: "2023-11-16", "November 16, 2023", "Mar 30, 2018",
# "16 November 2023", "2023年11月16日". Named groups y, m (number or name) and d.
FULL_DATE = re.compile(
    r"(?P<y1>\d{4})\s*[-/.年]\s*(?P<m1>\d{1,2})\s*[-/.月]\s*(?P<d1>\d{1,2})日?"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y2>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m3>{_MONTH})\.?,?\s+(?P<y3>\d{{4}})",
    re.IGNORECASE,
)

# A news dateline opening the first paragraph: "Xinhua News Agency, Beijing, May 10 --",
# "NANNING, Aug. 25 (Xinhua) --", "China News Service, May 12 (Xinhua) It is learned".
DATELINE = re.compile(
    rf"(?:[A-Z][\w.'’ -]{{1,40}},\s*){{1,3}}(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})"
    r"(?:st|nd|rd|th)?\s*(?:\([^)]{1,40}\)\s*)?(?:--|—|–)?",
    re.IGNORECASE,
)
