"""Writes of the talent app: list versions (lists), checks and pre-checks (checks), permits
(permits). Each public function is one transaction and names its actor."""
