"""`python -m hotline` behaves like the `hotline` command."""

from __future__ import annotations

import sys

from hotline.cli import main

if __name__ == "__main__":
    sys.exit(main())
