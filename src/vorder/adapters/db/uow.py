"""SQLAlchemy unit of work: one session, one transaction, repositories on top."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from vorder.adapters.db import platform_repos as r
from vorder.adapters.db.engine import make_session_factory
from vorder.app import ports


class SqlUnitOfWork:
    session: Session
    tenants: ports.TenantRepository
    users: ports.UserRepository
    memberships: ports.MembershipRepository
    api_keys: ports.ApiKeyRepository
    web_sessions: ports.WebSessionRepository
    modules: ports.ModuleRepository
    events: ports.EventLog
    outbox: ports.Outbox
    outbox_delivery: ports.OutboxDelivery
    access_log: ports.AccessLog

    def __init__(
        self, factory: sessionmaker[Session], *, tenant_id: int | None, system: bool
    ) -> None:
        self._factory = factory
        self.tenant_id = tenant_id
        self._system = system
        self._callbacks: list[Callable[[], None]] = []

    def __enter__(self) -> SqlUnitOfWork:
        self.session = self._factory()
        self.session.info["tenant_id"] = self.tenant_id
        self.session.info["system"] = self._system
        s = self.session
        self.tenants = r.TenantRepo(s)
        self.users = r.UserRepo(s)
        self.memberships = r.MembershipRepo(s)
        self.api_keys = r.ApiKeyRepo(s)
        self.web_sessions = r.WebSessionRepo(s)
        self.modules = r.ModuleRepo(s)
        self.events = r.EventLogRepo(s)
        self.outbox = r.OutboxRepo(s)
        self.access_log = r.AccessLogRepo(s)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def rollback(self) -> None:
        self.session.rollback()
        self._callbacks = []

    def after_commit(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    def __getattr__(self, name: str) -> Any:
        # Area repositories registered by other modules (claims, payments, ...).
        factory = AREA_REPOSITORIES.get(name)
        if factory is None:
            raise AttributeError(name)
        repo = factory(self.session)
        setattr(self, name, repo)
        return repo


AREA_REPOSITORIES: dict[str, Callable[[Session], Any]] = {}


class SqlUnitOfWorkFactory:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.sessions = make_session_factory(engine)

    def __call__(self, *, tenant_id: int | None = None, system: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, tenant_id=tenant_id, system=system)
