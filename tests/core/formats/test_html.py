import pytest

from annotator.core.errors import ImportFailed
from annotator.core.formats import ReadOptions, html

PAGE = """<!doctype html>
<html><head><title>Talks in
 Mexico</title>
<script>document.write("evil")</script><style>p { color: red }</style>
<link rel="stylesheet" href="https://example.com/s.css"></head>
<body>
<header><h1>Site name</h1></header>
<nav><a href="/">Home</a></nav>
<article>
  <h1>Tillerson meets Videgaray</h1>
  <p>WASHINGTON&nbsp;— Secretary   of State
     Rex Tillerson declared &ldquo;the wall does not define us.&rdquo;</p>
  <aside>Related: other news</aside>
  <p>Line one<br>Line two <img src="https://example.com/pixel.gif"> 🙂</p>
  <pre>  kept
    as is</pre>
</article>
<footer>© Paper</footer>
</body></html>"""


def test_article_text_keeps_paragraphs_and_drops_page_furniture():
    text, title = html.extract(PAGE)
    assert title == "Talks in Mexico"
    assert text == (
        "Tillerson meets Videgaray\n\n"
        "WASHINGTON\u00a0— Secretary of State Rex Tillerson declared “the wall does not "
        "define us.”\n\n"
        "Line one\nLine two 🙂\n\n"
        "  kept\n    as is"
    )
    for furniture in ("evil", "color", "Site name", "Home", "Related", "Paper"):
        assert furniture not in text


def test_main_is_used_without_article_and_first_h1_titles():
    text, title = html.extract(
        "<body><div>Menu</div><main><h1>Headline</h1><p>Body text.</p></main></body>"
    )
    assert (text, title) == ("Headline\n\nBody text.", "Headline")


def test_whole_body_is_used_without_article_or_main():
    text, _ = html.extract("<p>One</p><div>Two <b>bold</b></div><ul><li>Three</li></ul>")
    assert text == "One\n\nTwo bold\n\nThree"


def test_read_makes_a_document_named_after_the_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [record] = html.read(path, ReadOptions())
    assert (record.external_id, record.title) == ("page.html", "Talks in Mexico")
    assert record.text.startswith("Tillerson meets Videgaray")


def test_page_without_text_is_refused(tmp_path):
    path = tmp_path / "empty.htm"
    path.write_text("<html><script>x()</script></html>", encoding="utf-8")
    with pytest.raises(ImportFailed, match="empty.htm: no article text"):
        list(html.read(path, ReadOptions()))


def test_latin1_page_is_refused(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes('<meta charset="iso-8859-1"><p>caf\xe9</p>'.encode("latin-1"))
    with pytest.raises(ImportFailed, match="not valid UTF-8"):
        list(html.read(path, ReadOptions()))
