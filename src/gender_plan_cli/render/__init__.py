"""Renderers: results → table, JSON, CSV, GitHub annotations. The only place besides cli/ that knows rich."""
