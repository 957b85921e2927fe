"""Messages: the templates and renderer of reminders, aanmaningen, 14-day letters and
sommaties (Dutch and English, per tone), and the wiring the collection entry points use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vorder.adapters import lawdata
from vorder.adapters.messages.recording_sink import RecordingSink
from vorder.adapters.messages.renderer import MessageTemplates
from vorder.adapters.strategy_defaults import PackagedDefaults
from vorder.app.collection.runner import CollectionServices

CHANNELS = ("email", "post", "sms")


def collection_services(data_dir: Path) -> CollectionServices:
    """The renderer, the rate tables (package data + the operator's overlay under
    ``data_dir/law``) and the shipped default strategies."""
    return CollectionServices(
        renderer=MessageTemplates(),
        rates=lawdata.cached_rate_tables(data_dir / "law"),
        defaults=PackagedDefaults(),
    )


def sink_deliverers(data_dir: Path) -> dict[str, Any]:
    """A local sink per channel under ``data_dir/sink/<channel>`` (demo and simulation)."""
    return {ch: RecordingSink(data_dir / "sink" / ch, ch) for ch in CHANNELS}
