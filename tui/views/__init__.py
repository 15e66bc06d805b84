"""The tabs' views: one package per area (view, forms, the edits they build); see ``base``."""
