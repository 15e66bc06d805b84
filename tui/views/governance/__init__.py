"""The governance tab: its view, forms and the edits they build."""
