"""Everyone who can see other people's personal data logs in with a second factor: a code from
an authenticator app (or a one-time backup code)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from steunsysteem.accounts import services
from steunsysteem.accounts.constants import AuditAction, AuditResult, Role
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.directory.tests.factories import UserFactory

from .two_factor import PASSWORD, current_code, give_totp_device, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
REVIEW_QUEUE = reverse("directory:review_queue")


def log_in(client, user, *, next_url=REVIEW_QUEUE):
    return client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD, "next": next_url}
    )


def test_a_coordinator_without_an_app_is_sent_to_set_it_up_after_the_password(client):
    coordinator = UserFactory(coordinator=True)

    response = log_in(client, coordinator)
    assert response.url == REVIEW_QUEUE
    response = client.get(REVIEW_QUEUE)

    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Fte-beoordelen%2F"


def test_a_coordinator_with_an_app_is_asked_for_the_code(client):
    coordinator = UserFactory(coordinator=True)
    give_totp_device(coordinator)
    log_in(client, coordinator)

    response = client.get(REVIEW_QUEUE)

    assert response.url == f"{VERIFY}?next=%2Fte-beoordelen%2F"


@pytest.mark.parametrize(
    "role", [Role.RELATIVE, Role.PROFESSIONAL, Role.VOLUNTEER, Role.ADMINISTRATOR]
)
def test_every_role_that_sees_other_peoples_data_must_pass_the_second_factor(client, role):
    client.force_login(UserFactory(role=role))

    assert client.get(reverse("accounts:account")).url.startswith(SETUP)


def test_staff_must_pass_it_for_the_admin_site_too(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith(SETUP)


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.PROVIDER_EDITOR, Role.POLICY_OFFICER])
def test_roles_that_see_nobody_elses_data_go_straight_on(client, role):
    client.force_login(UserFactory(role=role))

    assert client.get(reverse("accounts:account")).status_code == 200


def test_the_api_answers_403_problem_json_until_the_second_factor(client):
    client.force_login(UserFactory(coordinator=True))

    response = client.get("/api/v1/services/")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 403


def test_an_htmx_request_is_redirected_by_htmx_itself(client):
    client.force_login(UserFactory(coordinator=True))

    response = client.get(REVIEW_QUEUE, headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == SETUP


@pytest.mark.parametrize(
    "path",
    ["/accounts/password_reset/", "/healthz", "/static/core/site.css", SETUP],
)
def test_pages_to_get_through_stay_open(client, path):
    client.force_login(UserFactory(coordinator=True))

    assert client.get(path).status_code == 200


def test_logging_out_stays_possible(client):
    client.force_login(UserFactory(coordinator=True))

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert not client.get(reverse("login")).wsgi_request.user.is_authenticated


def test_the_setup_page_shows_a_qr_code_and_the_key_in_groups(client):
    coordinator = UserFactory(coordinator=True)
    client.force_login(coordinator)

    response = client.get(SETUP)

    html = response.content.decode()
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert 'src="data:image/svg+xml' in html
    assert ' style="' not in html and "<script>" not in html
    key = response.context["key_groups"]
    assert len(key.split(" ")) == 8 and all(len(group) == 4 for group in key.split(" "))
    assert key.replace(" ", "") in device.config_url
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-store" in response["Cache-Control"]
    # Loading the page again shows the same key, so a half-finished set-up still works.
    assert client.get(SETUP).context["key_groups"] == key


def test_the_first_code_confirms_the_app_and_shows_backup_codes_once(client):
    coordinator = UserFactory(coordinator=True)
    client.force_login(coordinator)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=coordinator)

    response = client.post(SETUP, {"code": current_code(device), "next": REVIEW_QUEUE})

    assert response.status_code == 302
    shown = client.get(response.url)
    codes = shown.context["codes"]
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert codes[0] in shown.content.decode()
    assert client.get(response.url).context["codes"] is None, "shown only once"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(REVIEW_QUEUE).status_code == 200


def test_a_wrong_first_code_says_so_and_confirms_nothing(client):
    coordinator = UserFactory(coordinator=True)
    client.force_login(coordinator)
    client.get(SETUP)

    response = client.post(SETUP, {"code": "000000"})

    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert client.get(REVIEW_QUEUE).status_code == 302


def test_the_right_code_lets_the_coordinator_in_under_a_new_session_key(client):
    coordinator = UserFactory(coordinator=True)
    device = give_totp_device(coordinator)
    log_in(client, coordinator)
    key_after_password = client.session.session_key

    response = client.post(VERIFY, {"code": current_code(device), "next": REVIEW_QUEUE})

    assert response.url == REVIEW_QUEUE
    assert client.get(REVIEW_QUEUE).status_code == 200
    assert client.session.session_key != key_after_password


def test_a_backup_code_works_once(client):
    coordinator = UserFactory(coordinator=True)
    give_totp_device(coordinator)
    client.force_login(coordinator)
    client.get(SETUP)
    (code, *_rest) = services.backup_codes_replace(user=coordinator)

    assert client.post(VERIFY, {"code": code.upper()}).status_code == 302
    client.post(reverse("logout"))
    client.force_login(coordinator)
    with freeze_time(timedelta(seconds=5)):
        response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()


def test_wrong_codes_make_the_next_try_wait_longer_and_are_audited(client):
    coordinator = UserFactory(coordinator=True)
    device = give_totp_device(coordinator)
    client.force_login(coordinator)

    with freeze_time() as clock:
        first = client.post(VERIFY, {"code": "111111"})
        right_away = client.post(VERIFY, {"code": current_code(device)})
        clock.tick(timedelta(seconds=2))
        second = client.post(VERIFY, {"code": "222222"})
        clock.tick(timedelta(seconds=1))
        too_soon = client.post(VERIFY, {"code": current_code(device)})

    assert "This code is not right" in first.content.decode()
    assert "Wait 1 second and try again" in right_away.content.decode()
    assert "This code is not right" in second.content.decode()
    assert "You entered a wrong code too often" in too_soon.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 2
    assert client.get(REVIEW_QUEUE).status_code == 302, "not in, even with the right code"
    failures = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert failures.count() == 2
    assert {entry.result for entry in failures} == {AuditResult.DENIED}
    assert {entry.object_id for entry in failures} == {str(coordinator.pk)}


def test_the_sign_in_helper_passes_the_second_factor(client):
    coordinator = UserFactory(coordinator=True)

    sign_in(client, coordinator)

    assert client.get(REVIEW_QUEUE).status_code == 200


def test_an_administrator_resets_a_lost_phone_in_the_admin(admin_client):
    coordinator = UserFactory(coordinator=True)
    give_totp_device(coordinator)
    services.backup_codes_replace(user=coordinator)

    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [coordinator.pk]},
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not StaticToken.objects.filter(device__user=coordinator).exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DELETE, object_id=str(coordinator.pk), fields=["two_factor_devices"]
    ).exists()


def test_before_the_second_factor_the_menu_shows_only_the_public_links(client):
    coordinator = UserFactory(coordinator=True)
    client.force_login(coordinator)

    before = client.get(SETUP).content.decode()
    sign_in(client, coordinator)
    after = client.get(reverse("accounts:account")).content.decode()

    assert f'href="{REVIEW_QUEUE}"' not in before
    assert f'href="{reverse("accounts:account")}"' not in before
    assert f'href="{REVIEW_QUEUE}"' in after
