"""negotiation-sim: practise debt-collection negotiation in the terminal."""

__version__ = "0.1.0"
