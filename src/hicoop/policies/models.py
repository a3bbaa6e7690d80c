"""Models of policy catalogue (see apps.py)."""
