"""Static rules over OpenSearch search bodies (rulebook section 1a)."""
