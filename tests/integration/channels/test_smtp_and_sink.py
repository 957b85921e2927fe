"""E-mail through a real SMTP server (aiosmtpd on loopback) and the local sink."""

from __future__ import annotations

import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from vorder.adapters.channels.sink import SinkDeliverer
from vorder.adapters.channels.smtp import SmtpDeliverer, message_id
from vorder.app.outbox import PermanentFailure


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example"):
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def test_email_is_delivered_with_a_stable_message_id(smtp_server):
    inbox, port = smtp_server
    smtp = SmtpDeliverer(
        host="127.0.0.1",
        port=port,
        sender="noreply@korenschoof.nl",
        sender_name="Bakkerij De Korenschoof",
    )
    payload = {
        "to": "jan@example.nl",
        "subject": "Herinnering factuur 2026-001",
        "text": "Beste Jan,\n\nWij hebben uw betaling nog niet ontvangen.",
    }
    result = smtp.deliver(idempotency_key="claim-7:step-reminder", payload=payload)
    assert result == {
        "message_id": message_id("claim-7:step-reminder", "vorder.local"),
        "to": "jan@example.nl",
    }
    [(rcpts, msg)] = inbox.messages
    assert rcpts == ["jan@example.nl"]
    assert msg["Subject"] == "Herinnering factuur 2026-001"
    assert msg["From"] == "Bakkerij De Korenschoof <noreply@korenschoof.nl>"
    assert msg["Message-ID"] == result["message_id"]
    assert "Wij hebben uw betaling nog niet ontvangen." in msg.get_payload(decode=True).decode()


def test_refused_recipient_is_a_permanent_failure(smtp_server):
    inbox, port = smtp_server
    smtp = SmtpDeliverer(host="127.0.0.1", port=port, sender="noreply@x.nl")
    with pytest.raises(PermanentFailure, match="refused"):
        smtp.deliver(idempotency_key="k", payload={"to": "nobody@refused.example"})
    with pytest.raises(PermanentFailure, match="no valid e-mail address"):
        smtp.deliver(idempotency_key="k", payload={"to": ""})
    assert inbox.messages == []


def test_unreachable_server_is_transient():
    smtp = SmtpDeliverer(host="127.0.0.1", port=_free_port(), sender="noreply@x.nl", timeout=2)
    with pytest.raises(OSError):
        smtp.deliver(idempotency_key="k", payload={"to": "a@b.nl"})


def test_sink_writes_once_per_key(tmp_path):
    sink = SinkDeliverer(tmp_path / "sink", "post")
    first = sink.deliver(idempotency_key="c1:s1", payload={"to": "Jan"})
    again = sink.deliver(idempotency_key="c1:s1", payload={"to": "Jan"})
    assert again == {"sink": first["sink"], "repeat": True}
    assert sink.messages() == [{"channel": "post", "key": "c1:s1", "payload": {"to": "Jan"}}]
