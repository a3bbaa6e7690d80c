"""Pages of the meetings domain (one module per part of the meeting)."""
