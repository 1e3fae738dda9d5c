"""Mapping-aware rules over OpenSearch search bodies (rulebook section 1b)."""
