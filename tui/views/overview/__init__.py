"""The overview tab: its view, forms and the edits they build."""
