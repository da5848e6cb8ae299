"""The trainee's Textual app: pick a call, read the account file, negotiate, learn from the debrief.

Only `make_app` is public. The app renders engine events and holds no negotiation logic; it
imports the content library, the engine and the scoring lazily so the first screen is up fast.
"""
