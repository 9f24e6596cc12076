"""gplan: compliance calculator for Hanoi's plan implementing Decision 2282/QĐ-TTg."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gplan")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
