"""Scorecard (tab 8): every metric against its conditions, observations, trends, small groups hidden."""
