"""Names every part of the demo region shares."""

BACKBONE = ("durham-pathways-backbone", "Durham Pathways Partnership (demo backbone)")
FUNDER = ("triangle-community-foundation", "Triangle Community Foundation")
# Appended to every made-up text, so nobody mistakes it for real data.
DEMO_NOTE = " (Demo figures: not real data.)"
