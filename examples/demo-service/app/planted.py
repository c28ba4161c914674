"""Demo only: the live defects `scripts/demo plant DIR RULE` switches on in the app.

One rule per line in .run/live-defects, read once at start; empty in a good demo. The app
plants EXP001, EXP004, HLTH001, CORS001, AUTH001 and AUTH002 itself; nginx the others.
"""

from pathlib import Path

_FILE = Path(".run/live-defects")
PLANTED = set(_FILE.read_text().split()) if _FILE.exists() else set()
