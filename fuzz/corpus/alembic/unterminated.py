revision = 'c3
down_revision = """never closed
