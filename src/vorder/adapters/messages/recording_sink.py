"""A local sink that records every delivery call: one JSON file per idempotency key (the
message as delivered) and one line per *call* in ``calls.log``, so a repeated delivery is
visible even though the file is written only once.

``lookup`` tells the outbox whether a key was already handed over (the call log or the file
has it): a delivery whose outcome was never recorded (the worker died) is looked up before it
is tried again, as one would ask a mail or print provider for a message's status.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vorder.adapters.channels.sink import SinkDeliverer


@dataclass
class RecordingSink:
    folder: Path
    channel: str

    def __post_init__(self) -> None:
        self._sink = SinkDeliverer(self.folder, self.channel)

    @property
    def log(self) -> Path:
        return self.folder / "calls.log"

    def deliver(self, *, idempotency_key: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.folder.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"key": idempotency_key, "channel": self.channel}) + "\n"
        fd = os.open(self.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode())  # one write: a whole line or nothing
        finally:
            os.close(fd)
        return self._sink.deliver(idempotency_key=idempotency_key, payload=payload)

    def lookup(self, *, idempotency_key: str) -> dict[str, Any] | None:
        name = hashlib.sha256(idempotency_key.encode()).hexdigest()[:32] + ".json"
        if (self.folder / name).exists():  # the file name SinkDeliverer uses
            return {"sink": str(self.folder / name), "recovered": True}
        if self.log.exists():
            wanted = json.dumps({"key": idempotency_key, "channel": self.channel})
            with self.log.open(encoding="utf-8") as handle:
                if any(line.rstrip("\n") == wanted for line in handle):
                    return {"sink": str(self.folder), "recovered": True}
        return None

    def calls(self) -> list[str]:
        if not self.log.exists():
            return []
        return [json.loads(line)["key"] for line in self.log.read_text().splitlines() if line]

    def messages(self) -> list[dict[str, Any]]:
        return self._sink.messages()
