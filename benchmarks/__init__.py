"""Scripts that measure ducha's extraction against hand-made truth (not installed)."""
