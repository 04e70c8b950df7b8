"""The look: forms in NL Design System classes with a real empty choice, the region's colours
checked before they reach the page's CSS, and the design tokens in one file."""

from pathlib import Path

import pytest
from django import forms

from steunsysteem.conf.env import env_colour
from steunsysteem.core.forms import UtrechtFormMixin, name_blank_choice
from steunsysteem.directory.models import District

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[1] / "static" / "core"


class ExampleForm(UtrechtFormMixin, forms.Form):
    name = forms.CharField()
    agree = forms.BooleanField(required=False)
    colour = forms.ChoiceField(choices=[("", "---------"), ("red", "Red")], required=False)
    district = forms.ModelChoiceField(queryset=District.objects.none(), required=False)
    kinds = forms.MultipleChoiceField(
        choices=[("a", "A")], widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


def test_every_widget_gets_its_nl_design_system_class():
    form = ExampleForm()

    assert form.fields["name"].widget.attrs["class"].startswith("utrecht-textbox")
    assert form.fields["agree"].widget.attrs["class"].startswith("utrecht-checkbox")
    assert form.fields["colour"].widget.attrs["class"].startswith("utrecht-select")
    assert form.fields["kinds"].widget.attrs["class"].startswith("utrecht-checkbox")


def test_a_select_never_shows_dashes_as_its_empty_choice():
    html = str(ExampleForm()["colour"]) + str(ExampleForm()["district"])

    assert "---------" not in html
    assert html.count('<option value="" selected>Kies …</option>') == 2


def test_a_real_empty_label_of_the_form_is_kept():
    field = forms.ChoiceField(choices=[("", "All districts"), ("x", "X")])

    name_blank_choice(field)

    assert list(field.choices)[0] == ("", "All districts")


@pytest.mark.parametrize("value", ["#154273", "#ABCDEF"])
def test_a_colour_setting_is_a_hex_colour(monkeypatch, value):
    monkeypatch.setenv("SITE_COLOUR_PRIMARY", value)

    assert env_colour("SITE_COLOUR_PRIMARY") == value.lower()


@pytest.mark.parametrize("value", ["red", "#12345", "#1234567", "#fff; } body { x", "url(x)"])
def test_anything_else_as_a_colour_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("SITE_COLOUR_PRIMARY", value)

    with pytest.raises(ValueError, match="SITE_COLOUR_PRIMARY"):
        env_colour("SITE_COLOUR_PRIMARY")


def test_the_region_colours_reach_every_page(client, settings):
    settings.SITE_COLOUR_PRIMARY = "#5a1d6e"
    settings.SITE_COLOUR_ACCENT = "#f0c000"

    html = client.get("/sociale-kaart/").content.decode()

    assert "--steunsysteem-brand: #5a1d6e; --steunsysteem-accent: #f0c000;" in html
    assert html.index("core/tokens.css") < html.index("core/site.css")


def test_a_logo_shows_in_the_header_only_when_configured(client, settings):
    assert "steunsysteem-header__logo" not in client.get("/sociale-kaart/").content.decode()

    settings.SITE_LOGO_URL = "/static/regio/logo.svg"
    html = client.get("/sociale-kaart/").content.decode()

    assert '<img class="steunsysteem-header__logo" src="/static/regio/logo.svg" alt="">' in html


def test_the_colours_of_the_site_css_come_from_the_tokens_file():
    site = (STATIC / "site.css").read_text()
    tokens = (STATIC / "tokens.css").read_text()

    assert ":root {" not in site
    assert "--steunsysteem-brand:" in tokens and "--steunsysteem-brand:" not in site


# Words (B1) ------------------------------------------------------------------------------


def dutch(msgid: str) -> str:
    from django.utils import translation

    with translation.override("nl"):
        return translation.gettext(msgid)


def test_a_due_date_reads_before_not_by():
    assert dutch("by %(date)s") == "vóór %(date)s"
    assert dutch("before %(date)s") == "vóór %(date)s"


@pytest.mark.parametrize("msgid", ["In my own account", "Through my contact person"])
def test_how_to_get_in_touch_never_says_my_to_someone_else(msgid):
    """A professional reads the person's contact route too: no "mijn" in it."""
    assert "mijn" not in dutch(msgid).lower()


def test_zrm_is_explained_where_it_is_used():
    assert "Zelfredzaamheid-Matrix" in dutch(
        "ZRM stands for Zelfredzaamheid-Matrix: a list of parts of life, such as money, "
        "housing and contacts. For each part it says how well someone manages on their own."
    )
