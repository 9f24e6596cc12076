"""Targets: rules → indicators → assessment, coverage, trend and the city report."""
