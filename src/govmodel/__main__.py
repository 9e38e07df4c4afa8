"""``python -m govmodel``: the same as the ``govmodel`` command."""

import sys

from govmodel.cli import main

sys.exit(main())
