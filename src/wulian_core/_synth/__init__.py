"""The parts of :mod:`wulian_core.synth`, one whole thing each; import them from the face.

``parts`` holds the building blocks both builders use (ids, invented people, stations);
``district`` builds Kangbashi, ``province`` a province, and ``funding`` the money on
top of them.
"""
