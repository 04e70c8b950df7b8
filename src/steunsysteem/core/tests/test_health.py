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
