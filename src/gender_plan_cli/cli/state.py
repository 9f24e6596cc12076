"""What the root options and the entry point set for the whole run: imported at start-up, so
it is small. `debug`: --debug. `process`: the run is gplan's own process (`cli.main`), not a
command invoked inside another program (a test's CliRunner), so it may tune the interpreter
for itself (the collector: `common.load_files`)."""

STATE = {"debug": False, "process": False}
