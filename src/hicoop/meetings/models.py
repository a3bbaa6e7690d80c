"""Models of promotion meetings (see apps.py)."""
