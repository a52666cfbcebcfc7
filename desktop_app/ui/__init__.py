"""Everything Qt: the main window, its screens, table models and forms. Talks only to services."""
