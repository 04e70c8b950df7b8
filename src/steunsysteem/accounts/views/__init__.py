"""Pages of accounts: signing in with a second factor, "Mijn account", invitations.
Access is decided in ``accounts.permissions``."""
