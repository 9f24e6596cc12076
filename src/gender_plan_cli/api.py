"""The one library face that the front ends (cli/, the portal) call."""

from __future__ import annotations
