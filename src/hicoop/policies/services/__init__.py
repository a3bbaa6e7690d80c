"""Writes to the policy catalogue; each public function is one transaction, audited as ``actor``."""
