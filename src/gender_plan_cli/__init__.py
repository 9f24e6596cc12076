"""gplan: compliance calculator for Hanoi's plan implementing Decision 2282/QĐ-TTg."""

# A literal, read by hatch at build time: importlib.metadata costs ~30 ms at every start.
__version__ = "0.1.0"
