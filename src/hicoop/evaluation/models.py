"""Models of monitoring and evaluation (see apps.py)."""
