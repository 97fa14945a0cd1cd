"""Tests for ducha.loaders.read: bytes in, text out, refusing what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from ducha.loaders import read as read_module
from ducha.loaders.errors import UnreadableInput
from ducha.loaders.read import DEFAULT_MAX_BYTES, Document, read_document

SAMPLES = Path(__file__).parents[1] / "service" / "samples"

CHINESE = (
    "中央第二生态环境保护督察组反馈督察意见，整改任务115项。\nThe inspection found 18 problems.\n"
)


def test_gb18030_file_decodes():
    doc = read_document(CHINESE.encode("gb18030"), "report.txt")
    assert doc.text == CHINESE
    assert doc.media_type == "text/plain"


def test_utf8_byte_order_mark_is_honoured_and_removed():
    doc = read_document(codecs.BOM_UTF8 + CHINESE.encode("utf-8"), "report.txt")
    assert doc.text == CHINESE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_byte_order_mark(encoding):
    data = CHINESE.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert read_document(data, "report.txt").text == CHINESE


def test_utf16_without_byte_order_mark_is_text_not_binary():
    text = "The inspection group fed back 18 problems.\n"
    assert read_document(text.encode("utf-16-le"), "report.txt").text == text


def test_a_real_sample_reads_unchanged():
    path = SAMPLES / "sichuan-petitions-2020.txt"
    doc = read_document(path.read_bytes(), path.name)
    assert doc == Document(path.read_text(encoding="utf-8"), "text/plain", path.name, {})


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \n\t \r\n", "only whitespace"),
        (b"\x00\x01\x02binary\x00\xff\xfe\x00" * 40, "binary"),
        (b"\x01\x02\x03\x04\x05\x06\x07 ab" * 60, "control codes"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    ],
)
def test_unreadable_inputs_are_refused_with_the_file_name(data, words):
    with pytest.raises(UnreadableInput) as caught:
        read_document(data, "upload.txt")
    assert "'upload.txt'" in str(caught.value)
    assert words in str(caught.value)


def test_oversize_input_is_refused_before_decoding():
    with pytest.raises(UnreadableInput, match=r"over the limit of 10 bytes"):
        read_document(b"\xff\xfe\x00" * 10, "big.txt", max_bytes=10)


def test_default_limit_is_50_megabytes():
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024
    with pytest.raises(UnreadableInput, match="52,428,801 bytes"):
        read_document(b"a" * (DEFAULT_MAX_BYTES + 1), "huge.txt")
    just_fits = b"inspection " * 10 + b"a" * (DEFAULT_MAX_BYTES - 110)
    assert len(read_document(just_fits, "fits.txt").text) == DEFAULT_MAX_BYTES


def test_undecodable_bytes_are_refused():
    # Bytes that are not UTF-8, not Chinese GB18030 and not text in any other encoding.
    data = bytes(range(0x80, 0x100)) * 8
    with pytest.raises(UnreadableInput, match=r"'odd\.txt'"):
        read_document(data, "odd.txt")


HTML = """<!DOCTYPE html>
<html lang="en"><head>
<title>Rectification progress of Guangxi</title>
<meta name="description" content="Progress of the inspection rectification">
<meta property="og:site_name" content="SthjtGxzfGovCn">
<style>p { color: red }</style>
<script>var secret = "SCRIPT-TEXT"; document.write("INJECTED");</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header>Site banner</header>
<h1>Circular on the progress of inspection and rectification</h1>
<p>Up to now, 83 of the 115 rectification tasks
   have been completed.</p>
<div>1. Rectification of the problem of "weak links".<br>(1) Strengthen supervision.</div>
<table><tr><td>Completed</td><td>83</td></tr></table>
<script>alert("SCRIPT-TEXT")</script>
<form>Leave a comment <input value="FORM-TEXT"></form>
<aside>ASIDE-TEXT</aside>
<footer>Copyright FOOTER-TEXT</footer>
</body></html>"""


def test_html_becomes_lines_of_text_without_scripts_or_page_frame():
    doc = read_document(HTML.encode("utf-8"), "page.html")
    assert doc.media_type == "text/html"
    for hidden in (
        "SCRIPT-TEXT",
        "INJECTED",
        "color: red",
        "Site banner",
        "Home",
        "FORM-TEXT",
        "ASIDE-TEXT",
        "FOOTER-TEXT",
    ):
        assert hidden not in doc.text
    lines = [line.strip() for line in doc.text.splitlines() if line.strip()]
    assert lines == [
        "Circular on the progress of inspection and rectification",
        "Up to now, 83 of the 115 rectification tasks have been completed.",
        '1. Rectification of the problem of "weak links".',
        "(1) Strengthen supervision.",
        "Completed 83",
    ]
    assert doc.hints["title"] == "Rectification progress of Guangxi"
    assert doc.hints["description"] == "Progress of the inspection rectification"
    assert doc.hints["og:site_name"] == "SthjtGxzfGovCn"


def test_html_is_sniffed_when_the_name_says_nothing():
    doc = read_document(HTML.encode("utf-8"), "download")
    assert doc.media_type == "text/html"
    assert "SCRIPT-TEXT" not in doc.text


def test_gb18030_html():
    html = "<html><body><p>督察整改</p><p>second paragraph</p></body></html>"
    doc = read_document(html.encode("gb18030"), "page.htm")
    assert [line for line in doc.text.splitlines() if line] == ["督察整改", "second paragraph"]


MARKDOWN = """---
title: Guangxi rectification
source: SthjtGxzfGovCn
---
# Circular on the progress of rectification

1. The party group organizes the implementation
2. Rectification of the problem of "weak links"

(1) Strengthen supervision and *inspection*.
(2) Keep [records](http://example.org) of `115` tasks.

<script>alert("SCRIPT-TEXT")</script>

- a bullet about petitions
"""


def test_markdown_keeps_headings_and_list_numbers_as_lines():
    doc = read_document(MARKDOWN.encode("utf-8"), "report.md")
    assert doc.media_type == "text/markdown"
    lines = [line for line in doc.text.splitlines() if line]
    assert lines == [
        "Circular on the progress of rectification",
        "1. The party group organizes the implementation",
        '2. Rectification of the problem of "weak links"',
        "(1) Strengthen supervision and inspection.",
        "(2) Keep records of 115 tasks.",
        "a bullet about petitions",
    ]
    assert doc.hints == {"title": "Guangxi rectification", "source": "SthjtGxzfGovCn"}


def test_docstring_examples_run():
    import doctest

    assert doctest.testmod(read_module).failed == 0
