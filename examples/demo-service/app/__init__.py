"""Demo todo API: a small FastAPI service used to exercise shipcheck against real servers."""

__version__ = "1.0.0"
