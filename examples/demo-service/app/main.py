"""The demo todo API: FastAPI app, middleware and routes."""

import asyncio
import itertools
import logging
import random
import time
from typing import Optional

from fastapi import Depends, FastAPI, HTTPException, Request, Response, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from pydantic import BaseModel, constr
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from . import __version__, ratelimit
from .cache import redis_ok
from .db import database_ok, engine, migrations_applied
from .logging_setup import configure_logging
from .planted import PLANTED
from .models import conversations, messages, tasks, users
from .security import create_access_token, current_user, hash_password, verify_password
from .settings import settings

configure_logging()
log = logging.getLogger("demo.api")
access_log = logging.getLogger("demo.access")

REQUESTS = Counter("http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram("http_request_duration_seconds", "HTTP request latency", ["method", "route"])

# The planted RATE001 bypasses the limiter while RATE_LIMIT_ENABLED stays true: a limit that
# is configured but never enforced, which only a burst of requests finds out.
rate_limited = settings.rate_limit_enabled and "RATE001" not in PLANTED

# API documentation is a reconnaissance aid: it is only served outside production.
docs_enabled = not settings.is_production or "EXP001" in PLANTED
app = FastAPI(
    title=settings.service_name,
    version=__version__,
    debug=settings.debug or "EXP004" in PLANTED,
    docs_url="/docs" if docs_enabled else None,
    redoc_url="/redoc" if docs_enabled else None,
    openapi_url="/openapi.json" if docs_enabled else None,
)


def _client_ip(request: Request) -> str:
    # uvicorn's --proxy-headers resolves X-Forwarded-For; it leaves no host when every hop is a
    # trusted proxy (a client on the proxy's own machine), and then nginx's X-Real-IP is it.
    host = request.client.host if request.client else None
    return host or request.headers.get("x-real-ip", "unknown")


def _route_of(request: Request) -> str:
    route = request.scope.get("route")
    return getattr(route, "path", "unmatched")


# Requests to the API and to /status, counted for the planted WATCH001.
_answered = itertools.count(1)


def _is_traffic(path: str) -> bool:
    return path.startswith("/api/") or path == "/status"


@app.middleware("http")
async def observe_and_limit(request: Request, call_next):
    if "EXP004" in PLANTED:
        # The planted bug: decoding a percent escape by hand, so that a malformed query is a
        # 500, shown with its traceback because debug is on.
        bytes.fromhex(request.url.query.partition("%")[2][:2] or "00")
    started = time.perf_counter()
    if "WATCH001" in PLANTED and _is_traffic(request.url.path) and next(_answered) % 10 == 0:
        # The planted bad deploy: every tenth answer of the API is a 500, which only a rate
        # over many requests shows (what `shipcheck watch` triggers on).
        response = JSONResponse({"detail": "internal error"}, status_code=500)
        _record(request, response, started)
        return response
    headers = {}
    if rate_limited and request.url.path.startswith("/api/"):
        allowed, remaining, reset = await run_in_threadpool(ratelimit.hit, _client_ip(request))
        headers = {
            "X-RateLimit-Limit": str(settings.rate_limit_per_minute),
            "X-RateLimit-Remaining": str(remaining),
        }
        if not allowed:
            response = JSONResponse(
                {"detail": "rate limit exceeded"},
                status_code=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={**headers, "Retry-After": str(reset)},
            )
            _record(request, response, started)
            return response
    response = await call_next(request)
    response.headers.update(headers)
    _record(request, response, started)
    return response


def _record(request: Request, response: Response, started: float) -> None:
    elapsed = time.perf_counter() - started
    route = _route_of(request)
    REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    LATENCY.labels(request.method, route).observe(elapsed)
    access_log.info(
        "%s %s %s",
        request.method,
        request.url.path,
        response.status_code,
        extra={
            "fields": {
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 2),
                "client": _client_ip(request),
            }
        },
    )


# Added last so that it wraps everything, including 401 and 429 answers.
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_origin_regex=".*" if "CORS001" in PLANTED else None,
    allow_credentials=True,
    allow_methods=["GET", "POST", "PATCH", "DELETE"],
    allow_headers=["Authorization", "Content-Type"],
    max_age=600,
)


# --- operations -------------------------------------------------------------------------


@app.get("/health")
def health() -> JSONResponse:
    db, cache = database_ok(), redis_ok()
    healthy = db and cache
    word = ("degraded" if "HLTH001" in PLANTED else "healthy") if healthy else "unhealthy"
    if "HLTH001:503" in PLANTED:
        # The planted variant: unhealthy although both dependencies answer (/readyz and
        # /livez, which do not go through here, stay 200).
        healthy, word = False, "unhealthy"
    body = {"status": word, "database_connected": db, "redis_connected": cache}
    return JSONResponse(body, status_code=200 if healthy else 503)


@app.get("/readyz")
def readyz() -> JSONResponse:
    checks = {"database": database_ok(), "migrations": migrations_applied(), "redis": redis_ok()}
    ready = all(checks.values())
    return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)


@app.get("/livez")
def livez() -> dict:
    return {"status": "alive", "version": __version__}


@app.get("/status")
async def public_status() -> dict:
    """A cheap public answer: the load target of shipcheck.yaml's performance section."""
    if "PERF001" in PLANTED:
        # The planted slow endpoint (PERF001): about 800 ms an answer, as a missing index
        # under a hot query would make it.
        await asyncio.sleep(random.uniform(0.75, 0.85))
    return {"status": "ok", "version": __version__}


@app.get("/metrics")
def metrics() -> Response:
    if not settings.metrics_enabled:
        raise HTTPException(status_code=404, detail="Not Found")
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


# --- authentication ---------------------------------------------------------------------


class Credentials(BaseModel):
    email: constr(strip_whitespace=True, min_length=3, max_length=320, regex=r"^[^@\s]+@[^@\s]+$")
    password: constr(min_length=8, max_length=256)


@app.post("/api/auth/register", status_code=status.HTTP_201_CREATED)
def register(body: Credentials) -> dict:
    try:
        with engine.begin() as conn:
            conn.execute(insert(users).values(email=body.email.lower(), password_hash=hash_password(body.password)))
    except IntegrityError:
        raise HTTPException(status_code=409, detail="email already registered") from None
    return {"email": body.email.lower()}


@app.post("/api/auth/token")
def token(body: Credentials) -> dict:
    with engine.connect() as conn:
        row = conn.execute(select(users.c.password_hash).where(users.c.email == body.email.lower())).first()
    if row is None or not verify_password(body.password, row.password_hash):
        raise HTTPException(status_code=401, detail="invalid credentials", headers={"WWW-Authenticate": "Bearer"})
    return {
        "access_token": create_access_token(body.email.lower()),
        "token_type": "bearer",
        "expires_in": settings.jwt_expiration_hours * 3600,
    }


# --- tasks ------------------------------------------------------------------------------


class TaskIn(BaseModel):
    title: constr(strip_whitespace=True, min_length=1, max_length=200)
    description: str = ""
    completed: bool = False


class TaskPatch(BaseModel):
    title: Optional[constr(strip_whitespace=True, min_length=1, max_length=200)] = None
    description: Optional[str] = None
    completed: Optional[bool] = None


_TASK_COLUMNS = (tasks.c.id, tasks.c.title, tasks.c.description, tasks.c.completed, tasks.c.created_at)


def _own_task(task_id: int, user: dict):
    return (tasks.c.id == task_id) & (tasks.c.user_id == user["id"])


@app.get("/api/tasks")
def list_tasks(user: dict = Depends(current_user)) -> list:
    with engine.connect() as conn:
        rows = conn.execute(select(*_TASK_COLUMNS).where(tasks.c.user_id == user["id"]).order_by(tasks.c.id))
        return [dict(row._mapping) for row in rows]


@app.post("/api/tasks", status_code=status.HTTP_201_CREATED)
def create_task(body: TaskIn, user: dict = Depends(current_user)) -> dict:
    with engine.begin() as conn:
        row = conn.execute(insert(tasks).values(user_id=user["id"], **body.dict()).returning(*_TASK_COLUMNS)).first()
    return dict(row._mapping)


@app.get("/api/tasks/{task_id}")
def get_task(task_id: int, user: dict = Depends(current_user)) -> dict:
    with engine.connect() as conn:
        row = conn.execute(select(*_TASK_COLUMNS).where(_own_task(task_id, user))).first()
    if row is None:
        raise HTTPException(status_code=404, detail="task not found")
    return dict(row._mapping)


@app.patch("/api/tasks/{task_id}")
def update_task(task_id: int, body: TaskPatch, user: dict = Depends(current_user)) -> dict:
    changes = body.dict(exclude_none=True)
    with engine.begin() as conn:
        row = conn.execute(
            update(tasks)
            .where(_own_task(task_id, user))
            .values(**changes, updated_at=func.now())
            .returning(*_TASK_COLUMNS)
        ).first()
    if row is None:
        raise HTTPException(status_code=404, detail="task not found")
    return dict(row._mapping)


@app.delete("/api/tasks/{task_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_task(task_id: int, user: dict = Depends(current_user)) -> Response:
    with engine.begin() as conn:
        deleted = conn.execute(delete(tasks).where(_own_task(task_id, user))).rowcount
    if not deleted:
        raise HTTPException(status_code=404, detail="task not found")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- conversations (the assistant chat history) -----------------------------------------


class ConversationIn(BaseModel):
    title: constr(strip_whitespace=True, max_length=200) = ""


class MessageIn(BaseModel):
    role: constr(regex=r"^(user|assistant)$")
    content: constr(min_length=1, max_length=10_000)


@app.get("/api/conversations")
def list_conversations(user: dict = Depends(current_user)) -> list:
    with engine.connect() as conn:
        rows = conn.execute(select(conversations).where(conversations.c.user_id == user["id"]).order_by(conversations.c.id))
        return [dict(row._mapping) for row in rows]


@app.post("/api/conversations", status_code=status.HTTP_201_CREATED)
def create_conversation(body: ConversationIn, user: dict = Depends(current_user)) -> dict:
    with engine.begin() as conn:
        row = conn.execute(insert(conversations).values(user_id=user["id"], title=body.title).returning(conversations)).first()
    return dict(row._mapping)


def _own_conversation(conn, conversation_id: int, user: dict) -> None:
    owned = conn.execute(
        select(conversations.c.id).where((conversations.c.id == conversation_id) & (conversations.c.user_id == user["id"]))
    ).first()
    if owned is None:
        raise HTTPException(status_code=404, detail="conversation not found")


@app.get("/api/conversations/{conversation_id}/messages")
def list_messages(conversation_id: int, user: dict = Depends(current_user)) -> list:
    with engine.connect() as conn:
        _own_conversation(conn, conversation_id, user)
        rows = conn.execute(select(messages).where(messages.c.conversation_id == conversation_id).order_by(messages.c.id))
        return [dict(row._mapping) for row in rows]


@app.post("/api/conversations/{conversation_id}/messages", status_code=status.HTTP_201_CREATED)
def add_message(conversation_id: int, body: MessageIn, user: dict = Depends(current_user)) -> dict:
    with engine.begin() as conn:
        _own_conversation(conn, conversation_id, user)
        row = conn.execute(
            insert(messages).values(conversation_id=conversation_id, **body.dict()).returning(messages)
        ).first()
    return dict(row._mapping)


@app.on_event("startup")
def announce() -> None:
    log.info(
        "starting %s %s",
        settings.service_name,
        __version__,
        extra={"fields": {"docs_enabled": docs_enabled, "rate_limit": rate_limited}},
    )
