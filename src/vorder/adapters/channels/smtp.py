"""E-mail over SMTP. The Message-ID is derived from the outbox idempotency key, so a repeat
delivery after a crash carries the same Message-ID and the receiving side can drop it."""

from __future__ import annotations

import hashlib
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr
from typing import Any

from vorder.app.outbox import PermanentFailure


def message_id(idempotency_key: str, domain: str) -> str:
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:32]
    return f"<{digest}@{domain}>"


@dataclass
class SmtpDeliverer:
    host: str
    port: int
    sender: str
    sender_name: str = "Vorder"
    domain: str = "vorder.local"
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 30.0

    def build(self, *, idempotency_key: str, payload: dict[str, Any]) -> EmailMessage:
        to = payload.get("to")
        if not to or "@" not in str(to):
            raise PermanentFailure(f"no valid e-mail address: {to!r}")
        msg = EmailMessage()
        msg["From"] = formataddr((payload.get("from_name") or self.sender_name, self.sender))
        msg["To"] = str(to)
        msg["Subject"] = str(payload.get("subject", ""))
        msg["Message-ID"] = message_id(idempotency_key, self.domain)
        if payload.get("reply_to"):
            msg["Reply-To"] = str(payload["reply_to"])
        msg.set_content(str(payload.get("text", "")))
        if payload.get("html"):
            msg.add_alternative(str(payload["html"]), subtype="html")
        return msg

    def deliver(self, *, idempotency_key: str, payload: dict[str, Any]) -> dict[str, Any]:
        msg = self.build(idempotency_key=idempotency_key, payload=payload)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password or "")
            try:
                refused = smtp.send_message(msg)
            except smtplib.SMTPRecipientsRefused as exc:
                raise PermanentFailure(f"recipient refused: {msg['To']}") from exc
        if refused:
            raise PermanentFailure(f"recipient refused: {', '.join(refused)}")
        return {"message_id": msg["Message-ID"], "to": msg["To"]}
