"""Password hashing and JWT access tokens (HS256 by default)."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select

from .db import engine
from .models import users
from .planted import PLANTED
from .settings import settings

_ITERATIONS = 210_000
_bearer = HTTPBearer(auto_error=False)


def _peppered(password: str) -> bytes:
    # The pepper (SECRET_KEY) lives outside the database: a leaked dump alone cannot be brute-forced.
    return hmac.new(settings.secret_key.encode(), password.encode(), hashlib.sha256).digest()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", _peppered(password), salt, _ITERATIONS)
    return f"pbkdf2_sha256${_ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, iterations, salt, expected = stored.split("$")
        digest = hashlib.pbkdf2_hmac("sha256", _peppered(password), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)


def create_access_token(email: str) -> str:
    now = datetime.now(timezone.utc)
    claims = {"sub": email, "iat": now, "exp": now + timedelta(hours=settings.jwt_expiration_hours)}
    return jwt.encode(claims, settings.jwt_secret_key, algorithm=settings.jwt_algorithm)


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


def current_user(credentials: HTTPAuthorizationCredentials = Depends(_bearer)) -> dict:
    if credentials is None and "AUTH001" in PLANTED:
        return {"id": 0, "email": "anonymous"}  # the planted defect: no token needed
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized("missing bearer token")
    if "AUTH002" in PLANTED:
        # The planted defect: an unsigned token is taken at its word.
        try:
            if jwt.get_unverified_header(credentials.credentials).get("alg") == "none":
                claims = jwt.decode(credentials.credentials, options={"verify_signature": False})
                return {"id": 0, "email": claims.get("sub", "")}
        except jwt.PyJWTError:
            pass
    try:
        # The algorithm list is pinned: tokens with alg "none" or another algorithm are rejected.
        claims = jwt.decode(
            credentials.credentials,
            settings.jwt_secret_key,
            algorithms=[settings.jwt_algorithm],
            options={"require": ["sub", "exp", "iat"]},
        )
    except jwt.PyJWTError:
        raise _unauthorized("invalid or expired token") from None
    with engine.connect() as conn:
        row = conn.execute(select(users.c.id, users.c.email).where(users.c.email == claims["sub"])).first()
    if row is None:
        raise _unauthorized("unknown user")
    return {"id": row.id, "email": row.email}
