revision = "crlf"
down_revision = \
    "a1"
