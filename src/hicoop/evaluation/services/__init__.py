"""Writes of the evaluation domain, one module per concern (runs, data sets, scenarios,
commendations, setup)."""
