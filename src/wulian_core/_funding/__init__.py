"""The parts of :mod:`wulian_core.funding`, one whole thing each; import them from the face.

``checks`` holds the field validators; ``values`` the amounts, the enums and
:class:`Buyer`; ``records`` the purchases, their payments and the awards; ``totals`` the
exact sums; ``example`` the doctests' purchase.
"""
