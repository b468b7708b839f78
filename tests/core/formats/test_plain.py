import codecs

import pytest

from annotator.core.errors import ImportFailed
from annotator.core.formats import ReadOptions, plain


def read(path):
    return list(plain.read(path, ReadOptions()))


def test_title_is_first_line_when_a_blank_line_follows(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_bytes("Tillerson\u00a0meets Videgaray\r\n\r\n“We know,” he said.\r\n".encode())
    [record] = read(path)
    # Titles are shown, not annotated: their white space is tidied.
    assert record.title == "Tillerson meets Videgaray"
    # The text stays whole, title line included, with CRLF turned into LF.
    assert record.text == "Tillerson\u00a0meets Videgaray\n\n“We know,” he said.\n"
    assert record.external_id == "talks.txt"


def test_title_falls_back_to_the_file_name(tmp_path):
    path = tmp_path / "no-title.txt"
    path.write_text("One line\ncontinues here", encoding="utf-8")
    assert read(path)[0].title == "no-title"


def test_markdown_title_loses_its_hashes(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Big news\n\nBody", encoding="utf-8")
    assert read(path)[0].title == "Big news"


def test_utf16_with_bom_reads(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + "Ça va 🙂".encode("utf-16-be"))
    assert read(path)[0].text == "Ça va 🙂"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\n", "empty file"),
        (b"\x00\x01\x02binary", "binary file, not text"),
        ("Gr\xfc\xdfe".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_files_are_refused_with_the_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ImportFailed, match=reason) as caught:
        read(path)
    assert str(caught.value).startswith(str(path))
