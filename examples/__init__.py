"""Relying parties that sign in through the mock IDM (docs/relying-parties.md)."""
