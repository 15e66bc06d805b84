"""The stages tab: its view, forms and the edits they build."""
