"""Anyone can read how the support system works, which werktafels the region has and how to
bring in a question, without an account; the page names no member of any table."""

import pytest
from django.urls import reverse

from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def oosterhof():
    chair = UserFactory(
        coordinator=True, first_name="Ruud", last_name="Jansen", email="ruud@welzijn.example.nl"
    )
    return WorktableFactory(
        name="Werktafel Oosterhof",
        district=DistrictFactory(name="Oosterhof"),
        rhythm_weeks=4,
        contact_email="werktafel-oosterhof@example.nl",
        contact_phone="010 555 0141",
        members=[chair],
    )


def test_a_visitor_reads_which_werktafels_there_are_and_whom_to_contact(client, oosterhof):
    page = client.get(reverse("worktables:about")).content.decode()

    assert "Werktafel Oosterhof" in page and "for Oosterhof" in page
    assert "Meets about every 4 weeks." in page
    assert 'href="mailto:werktafel-oosterhof@example.nl"' in page
    assert 'href="tel:0105550141"' in page
    assert "How to bring in a question" in page and "What happens next" in page


def test_the_page_names_no_member_of_a_table(client, oosterhof):
    page = client.get(reverse("worktables:about")).content.decode()

    assert "Ruud" not in page and "Jansen" not in page
    assert "ruud@welzijn.example.nl" not in page


def test_the_sociale_kaart_header_links_to_it(client, oosterhof):
    page = client.get(reverse("directory:search")).content.decode()

    assert f'href="{reverse("worktables:about")}"' in page


def test_without_any_werktafel_the_page_says_so(client):
    page = client.get(reverse("worktables:about")).content.decode()

    assert "There is no werktafel in this region yet." in page
