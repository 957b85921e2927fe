"""Collection: strategies stored per tenant, the runner that carries them out, claim actions,
message delivery, dry runs and the simulation (docs/collection.md, docs/adr/0012-runner.md)."""
