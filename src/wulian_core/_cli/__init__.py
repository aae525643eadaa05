"""The command line's parts, behind :mod:`wulian_core.cli`."""
