"""Models of technology transfer (see apps.py)."""
