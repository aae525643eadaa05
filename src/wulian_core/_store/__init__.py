"""The event store's parts; users import them from :mod:`wulian_core.store`."""
