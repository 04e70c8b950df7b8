"""Signing a test client in as a user."""


def sign_in(client, user):
    client.force_login(user)
