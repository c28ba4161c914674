"""Demo only: the live defects `scripts/demo plant DIR RULE` switches on in the app.

One defect per line in .run/live-defects, a rule or RULE:VARIANT (HLTH001:503), read once
at start; empty in a good demo. The app plants EXP001, EXP004, HLTH001, HLTH001:503, CORS001,
AUTH001, AUTH002, RATE001, PERF001 and WATCH001 itself; nginx the others.
"""

from pathlib import Path

_FILE = Path(".run/live-defects")
PLANTED = set(_FILE.read_text().split()) if _FILE.exists() else set()
