"""Bytes → cell grids. One module per format, plus the safety checks that run first."""
