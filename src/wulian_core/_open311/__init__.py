"""The parts of :mod:`wulian_core.open311`, one whole thing each; import them from the face.

``catalogue`` (the services and the service list) and ``masking`` stand alone;
``requests`` (cases as service requests) and ``posts`` (a POST as ``Case.open``
arguments) build on them; ``example`` holds the doctests' case.
"""
