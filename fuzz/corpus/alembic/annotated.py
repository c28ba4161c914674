"""add users

Revision ID: ae1027a6acf
Revises: 1a2b3c4d5e6f
"""
from typing import Sequence, Union

from alembic import op

revision: str = "ae1027a6acf"
down_revision: Union[str, None] = "1a2b3c4d5e6f"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute("UPDATE users SET revision = 'x'")
