def test_health_endpoint_reports_database_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_log_lines_lose_email_addresses_and_phone_numbers():
    from steunsysteem.core.logging import scrub

    line = scrub("mail janny@example.org or call 06-12345678 at 3901 AB, /zoek?q=janny&page=2")

    assert "janny@example.org" not in line
    assert "12345678" not in line
    assert "3901 AB" not in line
    assert "q=janny" not in line


def test_log_lines_are_json_without_personal_data(capsys):
    import json
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    logging.getLogger("steunsysteem.test").warning("mail from %s", "janny@example.org")

    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["message"] == "mail from [e-mail]"
    assert line["levelname"] == "WARNING"
