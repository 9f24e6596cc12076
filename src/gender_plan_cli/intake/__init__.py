"""Intake: discovering files, the per-file pipeline in isolated workers, gplan's own outputs."""
