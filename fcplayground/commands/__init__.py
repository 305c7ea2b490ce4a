"""The ``fcplayground`` subcommands, one module each.

Each module has ``register(subparsers)``, which adds its parser and sets ``run`` (a function
of the parsed arguments that returns the exit status).
"""
