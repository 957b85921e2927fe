"""``/api/strategies``: collection strategies — list, show, versions, validate, publish
(import), export as YAML or JSON, the shipped defaults, the assignment rules and a dry run
on today's portfolio. Each route makes one application call (``vorder.app.collection``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.responses import JSONResponse, Response

from vorder.adapters.strategy_defaults import PackagedDefaults
from vorder.app.admin import Workspace
from vorder.app.collection import dry_run, strategies
from vorder.app.collection.records import StrategyRecord
from vorder.core.access import Permission
from vorder.core.strategy import strategy_schema
from vorder.web.api.ledger._common import IDEMPOTENCY_KEY, POST_RESPONSES, In, respond
from vorder.web.deps import container_of, require_permission
from vorder.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/strategies", tags=["strategies"], responses=ERROR_RESPONSES)
Name = Path(description="The strategy's stable key, e.g. consumer-friendly")
EXAMPLE: dict[str, Any] = {
    "name": "kort-traject",
    "version": 1,
    "title": {"nl": "Kort traject", "en": "Short route"},
    "phases": [
        {
            "phase": "in_house",
            "steps": [
                {
                    "id": "herinnering",
                    "trigger": {"type": "due_date", "days": 7},
                    "action": {
                        "type": "send_message",
                        "channel": "email",
                        "template": "herinnering",
                        "tone": "friendly",
                    },
                }
            ],
        }
    ],
}


class StrategyOut(BaseModel):
    name: str
    version: int
    title: dict[str, str]
    source: str = Field(description="default, import, api or cli")
    author: str
    published_at: datetime

    @classmethod
    def of(cls, r: StrategyRecord) -> StrategyOut:
        return cls(
            name=r.name,
            version=r.version,
            title={"nl": r.title_nl, "en": r.title_en},
            source=r.source,
            author=r.author,
            published_at=r.published_at,
        )


class StrategyDetailOut(StrategyOut):
    document: dict[str, Any] = Field(description="The canonical document (defaults left out)")


class PublishedOut(StrategyDetailOut):
    created: bool = Field(description="False: equal to the latest version, nothing published")


class DocumentIn(In):
    """A strategy as a JSON document, or as YAML/JSON text."""

    document: dict[str, Any] | None = None
    text: str | None = Field(default=None, max_length=1_000_000)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"document": EXAMPLE}]}
    )

    @model_validator(mode="after")
    def _one(self) -> DocumentIn:
        if (self.document is None) == (self.text is None):
            raise ValueError("give either document or text")
        return self

    @property
    def data(self) -> object:
        return self.document if self.document is not None else self.text


class ProblemOut(BaseModel):
    path: str
    message: str


class ValidationOut(BaseModel):
    valid: bool
    problems: list[ProblemOut]


class RulesIn(In):
    rules: dict[str, Any] = Field(description="Assignment rules: ordered rules and a default")

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"rules": {"default": "consumer-friendly"}}]},
    )


class RulesOut(BaseModel):
    version: int = Field(description="0: the built-in default rules")
    rules: dict[str, Any]


class DryRunIn(In):
    strategy: str | None = Field(default=None, description="What-if: decide every claim on it")
    version: int | None = Field(default=None, ge=1)

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{}]})


class CountOut(BaseModel):
    action: str
    channel: str | None
    count: int


class PlannedOut(BaseModel):
    claim_id: int
    debtor_id: int
    step_id: str
    phase: str
    action: str
    channel: str | None
    template: str | None
    tone: str | None
    letterhead: str | None
    strategy: str
    version: int
    variant: str | None
    planned_at: datetime = Field(description="Local time in Europe/Amsterdam")


class DryRunOut(BaseModel):
    claims: int
    counts: list[CountOut]
    messages_after_grouping: int
    total_actions: int
    actions: list[PlannedOut] = Field(description="The first 1,000 planned actions")
    unresolved: list[int]
    strategy: str | None
    version: int | None


@router.get("", response_model=list[StrategyOut], summary="The latest version of each strategy")
def list_all(
    request: Request, ws: Workspace = Depends(require_permission(Permission.READ))
) -> list[StrategyOut]:
    rows = strategies.list_strategies(container_of(request).uow, actor=ws.actor)
    return [StrategyOut.of(r) for r in rows]


@router.post(
    "",
    status_code=201,
    response_model=PublishedOut,
    responses=POST_RESPONSES,
    summary="Publish (import) a strategy as its next version",
)
def publish(
    request: Request,
    body: DocumentIn,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_STRATEGIES)),
) -> JSONResponse:
    c = container_of(request)

    def work() -> tuple[int, PublishedOut]:
        done = strategies.publish_strategy(
            c.uow, actor=ws.actor, document=body.data, now=c.clock.now(), source="api"
        )
        record = strategies.canonical(done.record)
        out = PublishedOut(
            **StrategyOut.of(record).model_dump(), document=record.document, created=done.created
        )
        return (201 if done.created else 200), out

    return respond(request, ws, key, body, work)


@router.post("/validate", response_model=ValidationOut, summary="Check a strategy document")
def validate(
    body: DocumentIn, ws: Workspace = Depends(require_permission(Permission.READ))
) -> ValidationOut:
    problems = strategies.validate_document(body.data)
    return ValidationOut(
        valid=not problems, problems=[ProblemOut(path=p.path, message=p.message) for p in problems]
    )


@router.get("/schema", summary="The JSON Schema (draft 2020-12) of a strategy document")
def schema(ws: Workspace = Depends(require_permission(Permission.READ))) -> dict[str, Any]:
    return strategy_schema()


@router.post(
    "/install-defaults",
    response_model=list[StrategyOut],
    responses=POST_RESPONSES,
    summary="Install the shipped default strategies the organisation has not got",
)
def install_defaults(
    request: Request, ws: Workspace = Depends(require_permission(Permission.MANAGE_STRATEGIES))
) -> list[StrategyOut]:
    c = container_of(request)
    rows = strategies.install_defaults(
        c.uow, actor=ws.actor, defaults=PackagedDefaults(), now=c.clock.now()
    )
    return [StrategyOut.of(r) for r in rows]


@router.get("/assignment", response_model=RulesOut, summary="The assignment rules")
def get_rules(
    request: Request, ws: Workspace = Depends(require_permission(Permission.READ))
) -> RulesOut:
    version, document = strategies.get_assignment(container_of(request).uow, actor=ws.actor)
    return RulesOut(version=version, rules=document)


@router.put(
    "/assignment",
    response_model=RulesOut,
    responses=POST_RESPONSES,
    summary="Set the assignment rules (ordered rules, a default, champion/challenger splits)",
)
def put_rules(
    request: Request,
    body: RulesIn,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_STRATEGIES)),
) -> RulesOut:
    c = container_of(request)
    record = strategies.set_assignment(
        c.uow, actor=ws.actor, document=body.rules, now=c.clock.now()
    )
    return RulesOut(version=record.version, rules=record.document)


@router.post(
    "/dry-run",
    response_model=DryRunOut,
    summary="What the strategies would do to today's portfolio (nothing is sent)",
)
def run_dry(
    request: Request,
    body: DryRunIn,
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> DryRunOut:
    c = container_of(request)
    view = dry_run.dry_run_portfolio(
        c.uow,
        actor=ws.actor,
        now=c.clock.now(),
        strategy=body.strategy,
        version=body.version,
        defaults=PackagedDefaults(),
    )
    return DryRunOut(
        claims=view.claims,
        counts=[CountOut(action=x.action, channel=x.channel, count=x.count) for x in view.counts],
        messages_after_grouping=view.messages_after_grouping,
        total_actions=view.total_actions,
        actions=[_planned(a) for a in view.actions],
        unresolved=list(view.unresolved),
        strategy=view.strategy,
        version=view.version,
    )


def _planned(a: dry_run.PlannedItem) -> PlannedOut:
    return PlannedOut(
        claim_id=a.claim_id,
        debtor_id=a.debtor_id,
        step_id=a.step_id,
        phase=a.phase,
        action=a.action,
        channel=a.channel,
        template=a.template,
        tone=a.tone,
        letterhead=a.letterhead,
        strategy=a.strategy,
        version=a.version,
        variant=a.variant,
        planned_at=a.planned_at,
    )


@router.get("/{name}", response_model=StrategyDetailOut, summary="A version of a strategy")
def get_one(
    request: Request,
    name: str = Name,
    version: int | None = Query(default=None, ge=1, description="Default: the latest"),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> StrategyDetailOut:
    r = strategies.get_strategy(
        container_of(request).uow, actor=ws.actor, name=name, version=version
    )
    return StrategyDetailOut(**StrategyOut.of(r).model_dump(), document=r.document)


@router.get(
    "/{name}/versions", response_model=list[StrategyOut], summary="Every version of a strategy"
)
def versions(
    request: Request,
    name: str = Name,
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> list[StrategyOut]:
    rows = strategies.strategy_versions(container_of(request).uow, actor=ws.actor, name=name)
    return [StrategyOut.of(r) for r in rows]


@router.get(
    "/{name}/export",
    summary="A version as YAML or JSON text (importable again)",
    responses={200: {"content": {"application/yaml": {}, "application/json": {}}}},
)
def export(
    request: Request,
    name: str = Name,
    version: int | None = Query(default=None, ge=1),
    format: Literal["yaml", "json"] = "yaml",
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> Response:
    text = strategies.export_strategy(
        container_of(request).uow, actor=ws.actor, name=name, version=version, fmt=format
    )
    media = "application/json" if format == "json" else "application/yaml"
    return Response(text, media_type=media)
