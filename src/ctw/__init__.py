"""china-trade-warehouse's Python: the build and its publication, the input gate, validation, what people see, and
the scale and Spark tooling. The command-line entry points are scripts/*.py (the Makefile runs them); the project's
folders and settings are in ctw.config."""
