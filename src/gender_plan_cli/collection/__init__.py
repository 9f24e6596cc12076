"""The collection: the registry of units that must report, received dates, cross-file checks, status."""
