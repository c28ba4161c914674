"""Operator commands: `python3 -m app.cli create-user EMAIL` (idempotent).

The password is read from stdin when given, else a random one is set: such an account is
used with tokens minted by the operator (smoke tests), never with a password.
"""

import secrets
import sys

from sqlalchemy.dialects.postgresql import insert

from .db import engine
from .models import users
from .security import hash_password


def create_user(email: str, password: str) -> bool:
    with engine.begin() as conn:
        result = conn.execute(
            insert(users)
            .values(email=email.lower(), password_hash=hash_password(password))
            .on_conflict_do_nothing(index_elements=["email"])
        )
    return result.rowcount == 1


def main(argv: list) -> int:
    if len(argv) != 2 or argv[0] != "create-user":
        print("usage: python3 -m app.cli create-user EMAIL  (password on stdin, optional)", file=sys.stderr)
        return 2
    password = "" if sys.stdin.isatty() else sys.stdin.read().strip()
    created = create_user(argv[1], password or secrets.token_urlsafe(32))
    print(f"{'created' if created else 'exists'}: {argv[1].lower()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
