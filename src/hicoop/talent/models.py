"""Models of foreign talent (see apps.py)."""
