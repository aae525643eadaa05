"""Volunteers and activities: the private implementation of :mod:`wulian_core.volunteering`."""
