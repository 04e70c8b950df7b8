"""Text typed by people leaves the server only without characters that XML, iCalendar or a
mail header cannot hold."""

import pytest

from steunsysteem.core.printable import printable_text

CONTROLS = "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r")
LONE_SURROGATES = "\ud800\udfff"
C1 = "".join(chr(code) for code in range(0x80, 0xA0) if code != 0x85)


def test_control_characters_del_c1_and_lone_surrogates_are_dropped():
    assert printable_text(f"Ja{CONTROLS}n\x7f{C1}n{LONE_SURROGATES}y\ufffe\uffff") == "Janny"


def test_tab_and_line_breaks_stay_in_running_text_as_plain_line_feeds():
    assert printable_text("Eerste regel\r\nTweede\rDerde\x85Vierde\tvak") == (
        "Eerste regel\nTweede\nDerde\nVierde\tvak"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "Werktafel\r\nBcc: iedereen@example.org",
        "Werktafel \n Bcc: iedereen@example.org",
        "Werktafel\u2028Bcc: iedereen@example.org",
        "Werktafel\x85Bcc:\tiedereen@example.org",
    ],
)
def test_on_one_line_every_line_break_becomes_one_space(typed):
    assert printable_text(typed, one_line=True) == "Werktafel Bcc: iedereen@example.org"


def test_ordinary_text_is_left_alone():
    text = "Ayşe & Can <Wijkteam> — ‘t Hoekje, 5 € ★ 😀"

    assert printable_text(text) == text
    assert printable_text(text, one_line=True) == text


def test_the_template_filter_does_the_same():
    from django.template import engines

    template = engines["django"].from_string("{% load printable %}{{ name|printable }}")

    assert template.render({"name": "A\x01n<b>"}) == "An&lt;b&gt;"
