"""Use cases: strategies stored per tenant (versioned, validated, imported and exported as
YAML or JSON), the shipped defaults, and the assignment rules (ordered, a default,
champion/challenger splits).

A published version never changes (docs/strategies.md): publishing a changed document makes
the next version; publishing a document equal to the latest version is a no-op. The stored
document is the canonical form (:func:`~vorder.core.strategy.strategy_to_dict`) with the
stored version number.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, cast

import yaml

from vorder.app.collection.errors import (
    InvalidExportFormat,
    StrategyNotFound,
    UnknownStrategyInRules,
)
from vorder.app.collection.ports import CollectionUnitOfWork, DefaultStrategies
from vorder.app.collection.records import AssignmentRecord, StrategyRecord
from vorder.app.ports import UnitOfWork, UnitOfWorkFactory
from vorder.app.records import Actor, Event
from vorder.core.strategy import (
    AssignmentRules,
    Problem,
    Strategy,
    assignment_to_dict,
    parse_assignment,
    parse_strategy,
    strategy_to_dict,
    validate_strategy,
)
from vorder.core.strategy.document import load_text

DEFAULT_RULES: dict[str, Any] = {
    "rules": [{"id": "zakelijk", "when": {"debtor_kind": "business"}, "strategy": "business-firm"}],
    "default": "consumer-friendly",
}
FORMATS = ("yaml", "json")


def cuow(uow: UnitOfWork) -> CollectionUnitOfWork:
    """The unit of work with the collection repositories (registered by the db adapter)."""
    return cast(CollectionUnitOfWork, uow)


@dataclass(frozen=True, slots=True)
class Published:
    record: StrategyRecord
    created: bool  # False: the document equalled the latest version


def _as_data(document: object) -> object:
    return load_text(document) if isinstance(document, str) else document


def validate_document(document: object) -> tuple[Problem, ...]:
    """Every problem of a strategy document (dict, or YAML/JSON text); empty when valid."""
    try:
        data = _as_data(document)
    except Exception as exc:  # StrategyInvalid for malformed text
        problems = getattr(exc, "problems", None)
        if problems:
            return tuple(problems)
        raise
    return validate_strategy(data)


def _event(actor_ref: str, kind: str, payload: dict[str, Any], now: datetime) -> Event:
    return Event("strategy", 0, kind, payload, now, actor_ref)


def publish_in(
    uow: CollectionUnitOfWork, data: object, *, source: str, actor_ref: str, now: datetime
) -> Published:
    """Publish inside an open unit of work (see :func:`publish_strategy`)."""
    strategy = parse_strategy(data)
    latest = uow.strategies.get(strategy.name)
    if latest is not None:
        same = strategy_to_dict(strategy) | {"version": latest.version}
        if same == latest.document:
            return Published(latest, False)
    version = latest.version + 1 if latest is not None else 1
    canonical = strategy_to_dict(strategy) | {"version": version}
    record = uow.strategies.add(
        name=strategy.name,
        version=version,
        title_nl=strategy.title.nl,
        title_en=strategy.title.en,
        document=canonical,
        source=source,
        author=actor_ref,
        now=now,
    )
    uow.events.append(
        _event(
            actor_ref,
            "StrategyPublished",
            {"name": strategy.name, "version": version, "source": source},
            now,
        ),
        now=now,
    )
    return Published(record, True)


def publish_strategy(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    document: object,
    now: datetime,
    source: str = "api",
) -> Published:
    """Validate ``document`` (a dict, or YAML/JSON text) and publish it as the next version.

    Raises :class:`~vorder.core.strategy.StrategyInvalid` with every problem and its path.
    """
    data = _as_data(document)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = cuow(base)
        published = publish_in(uow, data, source=source, actor_ref=actor.ref, now=now)
        uow.commit()
    return published


def ensure_defaults(
    uow: CollectionUnitOfWork, defaults: DefaultStrategies, *, actor_ref: str, now: datetime
) -> list[StrategyRecord]:
    """Install the shipped strategies the tenant has not got (and the default rules)."""
    installed = []
    for document in defaults.documents():
        name = str(document.get("name", ""))
        if uow.strategies.get(name) is None:
            installed.append(
                publish_in(uow, document, source="default", actor_ref=actor_ref, now=now).record
            )
    if uow.assignments.latest() is None:
        known = {r.name for r in uow.strategies.latest_all()}
        rules = parse_assignment(DEFAULT_RULES)
        if _named(rules) <= known:
            uow.assignments.add(
                version=1, document=assignment_to_dict(rules), author=actor_ref, now=now
            )
    return installed


def install_defaults(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    defaults: DefaultStrategies,
    now: datetime,
) -> list[StrategyRecord]:
    """Install the shipped default strategies for the tenant (idempotent)."""
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = cuow(base)
        installed = ensure_defaults(uow, defaults, actor_ref=actor.ref, now=now)
        uow.commit()
    return installed


def canonical(record: StrategyRecord) -> StrategyRecord:
    """The record with its document in canonical key order (PostgreSQL's JSONB keeps no
    order; the canonical form is the model's field order, defaults left out)."""
    return replace(record, document=strategy_to_dict(parse_strategy(record.document)))


def list_strategies(uow_factory: UnitOfWorkFactory, *, actor: Actor) -> list[StrategyRecord]:
    """The latest version of every strategy of the organisation."""
    with uow_factory(tenant_id=actor.tenant_id) as base:
        return [canonical(r) for r in cuow(base).strategies.latest_all()]


def get_strategy(
    uow_factory: UnitOfWorkFactory, *, actor: Actor, name: str, version: int | None = None
) -> StrategyRecord:
    with uow_factory(tenant_id=actor.tenant_id) as base:
        found = cuow(base).strategies.get(name, version)
    if found is None:
        which = f"version {version} of " if version is not None else ""
        raise StrategyNotFound(f"no {which}strategy '{name}'", field="name")
    return canonical(found)


def strategy_versions(
    uow_factory: UnitOfWorkFactory, *, actor: Actor, name: str
) -> list[StrategyRecord]:
    with uow_factory(tenant_id=actor.tenant_id) as base:
        found = cuow(base).strategies.versions(name)
    if not found:
        raise StrategyNotFound(f"no strategy '{name}'", field="name")
    return [canonical(r) for r in found]


def dump(document: Mapping[str, Any], fmt: str) -> str:
    """A document as YAML (times quoted by the dumper) or indented JSON."""
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        text: str = yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True)
        return text
    raise InvalidExportFormat(f"unknown format '{fmt}' (choose yaml or json)", field="format")


def export_strategy(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    name: str,
    version: int | None = None,
    fmt: str = "yaml",
) -> str:
    """A stored version as YAML or JSON text (importable again)."""
    if fmt not in FORMATS:
        raise InvalidExportFormat(f"unknown format '{fmt}' (choose yaml or json)", field="format")
    return dump(get_strategy(uow_factory, actor=actor, name=name, version=version).document, fmt)


def _named(rules: AssignmentRules) -> set[str]:
    names = {rules.default}
    for rule in rules.rules:
        if rule.strategy:
            names.add(rule.strategy)
        names.update(arm.strategy for arm in rule.split)
    return names


def rules_in(uow: CollectionUnitOfWork) -> tuple[int, AssignmentRules]:
    """The tenant's current rules (version 0: the built-in default rules)."""
    latest = uow.assignments.latest()
    if latest is None:
        return 0, parse_assignment(DEFAULT_RULES)
    return latest.version, parse_assignment(latest.document)


def get_assignment(uow_factory: UnitOfWorkFactory, *, actor: Actor) -> tuple[int, dict[str, Any]]:
    """(version, document) of the assignment rules; version 0 = the built-in defaults."""
    with uow_factory(tenant_id=actor.tenant_id) as base:
        version, rules = rules_in(cuow(base))
    return version, assignment_to_dict(rules)


def set_assignment(
    uow_factory: UnitOfWorkFactory, *, actor: Actor, document: object, now: datetime
) -> AssignmentRecord:
    """Validate and store new assignment rules; every named strategy must be published."""
    rules = parse_assignment(_as_data(document))
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = cuow(base)
        known = {r.name for r in uow.strategies.latest_all()}
        missing = sorted(_named(rules) - known)
        if missing:
            raise UnknownStrategyInRules(
                f"the rules name strategies that are not published: {', '.join(missing)}",
                field="rules",
            )
        latest = uow.assignments.latest()
        record = uow.assignments.add(
            version=(latest.version + 1) if latest else 1,
            document=assignment_to_dict(rules),
            author=actor.ref,
            now=now,
        )
        uow.events.append(
            _event(actor.ref, "AssignmentRulesChanged", {"version": record.version}, now), now=now
        )
        uow.commit()
    return record


class StrategyCache:
    """Parsed strategies of one run, by (tenant, name, version), and the latest version of
    each name as it was when the cache first looked (a run sees one consistent set)."""

    def __init__(self) -> None:
        self._latest: dict[tuple[int, str], Strategy | None] = {}
        self._parsed: dict[tuple[int, str, int], Strategy] = {}

    def get(self, uow: CollectionUnitOfWork, name: str, version: int | None) -> Strategy | None:
        tenant_id = uow.tenant_id or 0
        if version is None:
            key = (tenant_id, name)
            if key not in self._latest:
                self._latest[key] = self._load(uow, name, None)
            return self._latest[key]
        hit = self._parsed.get((tenant_id, name, version))
        return hit if hit is not None else self._load(uow, name, version)

    def _load(self, uow: CollectionUnitOfWork, name: str, version: int | None) -> Strategy | None:
        record = uow.strategies.get(name, version)
        if record is None:
            return None
        strategy = parse_strategy(record.document)
        self._parsed[(uow.tenant_id or 0, record.name, record.version)] = strategy
        return strategy
