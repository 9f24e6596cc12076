"""Validation: a located table's rows → unit figures and cell-located findings."""
