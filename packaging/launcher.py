"""Entry point of the PyInstaller bundle: exactly the `hotline` command."""

import sys

from hotline.cli import main

if __name__ == "__main__":
    sys.exit(main())
