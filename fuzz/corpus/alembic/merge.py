"""merge heads"""
revision = "27c6a30d7c24"
down_revision = (
    "ae1027a6acf",  # users
    "3f9e0c1b2a44",
)
