"""`python -m liplint ARGS...` runs the liplint executable exactly like the `liplint` console script."""

from liplint import main

main()
