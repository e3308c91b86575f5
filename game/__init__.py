"""Kinmen 1958: a turn-based strategy game of the 1958 Kinmen (Quemoy) artillery crisis."""

__version__ = "0.1.0"
