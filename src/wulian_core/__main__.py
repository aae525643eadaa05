"""``python -m wulian_core``: the same as the ``wulian`` command."""

import sys

from .cli import main

sys.exit(main())
