"""Turn the bytes of an uploaded or loaded file into text, refusing what is not text.

The first stage of the pipeline and the only one that sees bytes. It picks the format by
the file name's extension (``.txt``, ``.html``/``.htm``, ``.md``), sniffing the content
when the extension says nothing, decodes the bytes (byte-order mark, UTF-8, GB18030, then
charset-normalizer's best guess) and converts HTML and Markdown to plain text with line
breaks where the blocks were. Nothing in the input is ever executed: scripts, styles and
the page's navigation, header, footer, aside and forms are dropped unread.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from pathlib import PurePath

import charset_normalizer
from ducha.loaders.errors import UnreadableInput
from markdown_it import MarkdownIt
from markdown_it.token import Token
from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["DEFAULT_MAX_BYTES", "Document", "read_document"]

_log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_PLAIN, _HTML, _MARKDOWN = "text/plain", "text/html", "text/markdown"
_EXTENSIONS = {
    ".txt": _PLAIN,
    ".text": _PLAIN,
    ".html": _HTML,
    ".htm": _HTML,
    ".xhtml": _HTML,
    ".md": _MARKDOWN,
    ".markdown": _MARKDOWN,
}
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (perhaps DOCX or XLSX)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_SNIFF_BYTES = 4096
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.05
_HTML_SNIFF = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<(?:p|div|table)[\s>]", re.I)
_MARKDOWN_SNIFF = re.compile(r"^#{1,6}\s+\S", re.M)
_CJK_OR_PUNCTUATION = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2018-\u201d]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)
_SPACE_RUNS = re.compile(r"\s+")
# Unicode category Cc without the whitespace controls (tab, newlines, form feed).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# HTML elements whose content is never report text.
_DROPPED = frozenset(
    [
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "template",
        "iframe",
        "svg",
        "button",
        "select",
        "object",
        "embed",
        "canvas",
        "head",
        "input",
        "textarea",
    ]
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "hr",
        "figure",
        "figcaption",
        "address",
        "center",
        "caption",
        "details",
        "summary",
    ]
)
_CELLS = frozenset({"td", "th"})


@dataclass(frozen=True)
class Document:
    """Decoded text of one input file.

    ``media_type`` is the format the text was read as (``text/plain``, ``text/html`` or
    ``text/markdown``); ``hints`` holds what the file says about itself outside its text
    (an HTML ``<title>``, ``<meta name=...>`` and ``og:`` values, Markdown front matter).
    """

    text: str
    media_type: str
    name: str
    hints: dict[str, str]


def read_document(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Decode ``data`` (the content of the file called ``name``) into a :class:`Document`.

    Raises :class:`~ducha.loaders.errors.UnreadableInput` when the data is larger than
    ``max_bytes`` (checked before decoding), empty or only whitespace, binary (NUL bytes,
    a known binary format, mostly control characters) or in no encoding that decodes it.

    >>> doc = read_document("<p>督察 <b>report</b></p><script>x()</script>".encode(), "a.html")
    >>> doc.media_type, doc.text.strip()
    ('text/html', '督察 report')
    """
    if len(data) > max_bytes:
        raise UnreadableInput(
            f"{name!r} is {len(data):,} bytes, over the limit of {max_bytes:,} bytes; "
            "split the report into smaller files or raise the size limit."
        )
    if not data:
        raise UnreadableInput(f"{name!r} is empty; load a file that contains a report's text.")
    text = _decode(data, name)
    if not text.strip():
        raise UnreadableInput(
            f"{name!r} contains only whitespace; load a file that contains a report's text."
        )
    media_type = _media_type(name, text)
    hints: dict[str, str] = {}
    if media_type == _HTML:
        text = _html_text(text, hints)
    elif media_type == _MARKDOWN:
        text = _markdown_text(text, hints)
    _log.debug("read %s as %s (%d characters)", name, media_type, len(text))
    return Document(text=text, media_type=media_type, name=name, hints=hints)


# --- decoding ----------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding), name)
            except UnicodeDecodeError as error:
                why = (
                    f"it has a {encoding} byte-order mark but byte {error.start + len(bom)} is not"
                )
                raise _undecodable(name, why) from error
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise UnreadableInput(
                f"{name!r} is {kind}, not text; ducha reads .txt, .html and .md files. "
                "Convert it to text first."
            )
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _binary(name, "it contains NUL bytes")
        return _checked(data.decode(utf16, errors="strict"), name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_chinese(text):
            return _checked(text, name)
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _undecodable(
            name, "it is not UTF-8, GB18030 or any encoding charset-normalizer knows"
        )
    _log.info("%s decoded as %s by charset-normalizer", name, best.encoding)
    return _checked(str(best), name)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark has NULs in every other byte (for ASCII)."""
    sample = data[:_SNIFF_BYTES]
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes many non-Chinese byte strings; accept it only for Chinese-looking text."""
    foreign = [c for c in text if ord(c) > 0x7F]
    if not foreign or _PRIVATE_USE.search(text):
        return False
    chinese = sum(1 for c in foreign if _CJK_OR_PUNCTUATION.match(c))
    return chinese / len(foreign) >= 0.5


def _checked(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (binary data that decoded)."""
    if text:
        controls = len(_CONTROL_CHARACTERS.findall(text))
        if controls / len(text) > _MAX_CONTROL_SHARE:
            raise _binary(name, f"{controls:,} of its {len(text):,} characters are control codes")
    return text


def _binary(name: str, why: str) -> UnreadableInput:
    return UnreadableInput(
        f"{name!r} looks like a binary file, not text ({why}); "
        "ducha reads .txt, .html and .md files. Convert it to text first."
    )


def _undecodable(name: str, why: str) -> UnreadableInput:
    return UnreadableInput(
        f"{name!r} could not be decoded as text ({why}); save it as UTF-8 and load it again."
    )


def _media_type(name: str, text: str) -> str:
    known = _EXTENSIONS.get(PurePath(name).suffix.lower())
    if known is not None:
        return known
    head = text[:_SNIFF_BYTES]
    if _HTML_SNIFF.search(head):
        return _HTML
    if _MARKDOWN_SNIFF.search(head):
        return _MARKDOWN
    return _PLAIN


# --- HTML --------------------------------------------------------------------------------


def _html_text(html: str, hints: dict[str, str]) -> str:
    tree = LexborHTMLParser(html)
    title = tree.css_first("title")
    if title is not None and title.text(strip=True):
        hints["title"] = title.text(strip=True)
    for meta in tree.css("meta"):
        key = meta.attributes.get("name") or meta.attributes.get("property")
        content = meta.attributes.get("content")
        if key and content:
            hints[key.strip().lower()] = content.strip()
    root = tree.body or tree.root
    return _element_text(root) if root is not None else ""


def _element_text(root: LexborNode) -> str:
    """Text of ``root`` with a line break around every block element, iteratively."""
    out: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    preformatted = 0
    while stack:
        node, closing = stack.pop()
        tag = node.tag or ""
        if closing:
            if tag == "pre":
                preformatted -= 1
            out.append("\n" if tag in _BLOCKS else " " if tag in _CELLS else "")
            continue
        if node.is_text_node:
            value = node.text_content or ""
            out.append(value if preformatted else _SPACE_RUNS.sub(" ", value))
            continue
        if not node.is_element_node or tag in _DROPPED:
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag in _BLOCKS:
            out.append("\n")
        if tag == "pre":
            preformatted += 1
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    return "".join(out)


# --- Markdown ----------------------------------------------------------------------------


def _markdown_text(source: str, hints: dict[str, str]) -> str:
    front = _FRONT_MATTER.match(source)
    if front is not None:
        for line in front.group("body").splitlines():
            key, _, value = line.partition(":")
            if key.strip() and value.strip():
                hints[key.strip().lower()] = value.strip().strip("\"'")
        source = source[front.end() :]
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    out: list[str] = []
    for token in parser.parse(source):
        out.append(_markdown_token_text(token))
    return "".join(out)


def _markdown_token_text(token: Token) -> str:
    kind = token.type
    if kind == "inline":
        return "".join(_inline_text(child) for child in token.children or [])
    if kind in ("heading_close", "paragraph_close"):
        return "\n" if token.hidden else "\n\n"
    if kind == "list_item_open" and token.markup in (".", ")"):
        return f"{token.info}{token.markup} "  # keep "1." as printed: it is outline numbering
    if kind in ("fence", "code_block"):
        return token.content + "\n"
    if kind == "html_block":
        root = LexborHTMLParser(token.content).root
        return _element_text(root) if root is not None else ""
    if kind in ("hr", "tr_close", "bullet_list_close", "ordered_list_close"):
        return "\n"
    if kind in ("th_close", "td_close"):
        return " "
    return ""


def _inline_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return "\n"  # keep the source's lines: numbering at a line start is structure
    if token.type == "image":
        return "".join(_inline_text(child) for child in token.children or [])
    return ""
