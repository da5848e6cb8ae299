"""One screen per module: home, account file, call, debrief, help."""
