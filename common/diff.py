"""A line-by-line diff of two texts, for the version pages of the agenda and the pathways."""

import difflib
from dataclasses import dataclass


@dataclass
class DiffLine:
    kind: str  # "same", "added" or "removed"
    text: str


def line_diff(old: list[str], new: list[str]) -> list[DiffLine]:
    result = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += [DiffLine("same", line) for line in old[i1:i2]]
            continue
        result += [DiffLine("removed", line) for line in old[i1:i2]]
        result += [DiffLine("added", line) for line in new[j1:j2]]
    return result
