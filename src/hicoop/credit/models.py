"""Models of credit supervision (see apps.py)."""
