"""Podium's pure domain core: the meeting's rules, with no Django imports.

Django apps are thin adapters around these modules; a rule lives here, once.
"""
