"""`python -m detente.cli ...` is the `detente` command."""
from detente.cli import main

main()
