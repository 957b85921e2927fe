"""A local sink: every delivered message is written as one JSON file (simulation, demo).

Delivery is idempotent: the file name is the idempotency key's hash, written atomically; a
repeat delivery finds the file and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class SinkDeliverer:
    folder: Path
    channel: str

    def deliver(self, *, idempotency_key: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(idempotency_key.encode()).hexdigest()[:32] + ".json"
        target = self.folder / name
        if target.exists():
            return {"sink": str(target), "repeat": True}
        tmp = target.with_suffix(".tmp")
        tmp.write_text(
            json.dumps(
                {"channel": self.channel, "key": idempotency_key, "payload": payload},
                ensure_ascii=False,
                default=str,
            )
        )
        os.replace(tmp, target)
        return {"sink": str(target)}

    def messages(self) -> list[dict[str, Any]]:
        if not self.folder.exists():
            return []
        return [json.loads(p.read_text()) for p in sorted(self.folder.glob("*.json"))]
