"""Rule tests, one module per phase of `game.engine.resolve` (docs/rules.md, in its order).

Each test builds a tiny scenario (tests/data/tiny.yaml through tests/builder.py), computes the
value the rule says from the scenario's own numbers, and checks the engine gives it: exactly
for the deterministic phases, and for the chance draws as a mean over many fixed seeds within
a tolerance derived from the rule's own distribution (see `expect.py`).
"""
