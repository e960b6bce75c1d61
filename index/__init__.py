"""The lessons index: records, Whoosh schema, writing and searching (shared by both sides)."""
