"""``python -m govplan``."""

from govplan.cli import main

main()
