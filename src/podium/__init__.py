"""Podium: plan, run and record UN-style intergovernmental meetings."""
