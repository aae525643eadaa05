"""The passbook and the points supermarket; users import them from :mod:`wulian_core.points`."""
