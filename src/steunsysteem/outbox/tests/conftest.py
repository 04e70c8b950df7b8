"""A real SMTP server on loopback (aiosmtpd) that the outbox delivers to."""

import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes


@dataclass
class SMTPServer:
    """Records what it receives; ``stop()`` takes it down, ``start()`` brings it back."""

    port: int
    received: list[Received] = field(default_factory=list)
    refused_addresses: set[str] = field(default_factory=set)
    controller: Controller | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused_addresses:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        self.received.append(
            Received(
                rcpt_tos=list(envelope.rcpt_tos),
                message=message_from_bytes(raw, policy=policy.default),
                raw=raw,
            )
        )
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, ready_timeout=5)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings, tmp_path):
    """An SMTP server on 127.0.0.1 and the outbox set up as in production: queue, then deliver."""
    server = SMTPServer(port=_free_port())
    server.start()
    # Django's test set-up always swaps EMAIL_BACKEND for locmem; here it is production's.
    settings.EMAIL_BACKEND = "steunsysteem.outbox.backends.OutboxBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
        "DEFAULT_PRIORITY": "medium",
        "BATCH_DELIVERY_TIMEOUT": 10,
    }
    yield server
    server.stop()


@pytest.fixture
def send_outbox(tmp_path):
    """Run ``steunsysteem send_outbox`` once; returns what it printed."""
    from io import StringIO

    from django.core.management import call_command

    def run() -> str:
        out = StringIO()
        call_command("send_outbox", lockfile=str(tmp_path / "send"), stdout=out)
        return out.getvalue()

    return run
