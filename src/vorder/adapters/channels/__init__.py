"""Channels: deliverers for outbox rows (e-mail over SMTP, a local sink for simulations)."""
