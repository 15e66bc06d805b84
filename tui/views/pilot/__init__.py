"""Pilot (tab 7): the pilot's design, jurisdictions, conditions, training and its life."""
