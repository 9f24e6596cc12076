"""What the root options set for the whole run (`--debug`): imported at start-up, so it is small."""

STATE = {"debug": False}
