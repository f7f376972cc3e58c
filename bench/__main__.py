"""`python -m bench`: the benchmark at province scale (see bench/README.md)."""

import sys

from bench.runner import main

sys.exit(main())
