"""Which rhetorical role a sentence plays, from its place in the tree and the words it uses.
Explainable: the answer names the pattern that decided it."""

from __future__ import annotations

from drafter.resources import RoleRules


def classify(text: str, place: str, rules: RoleRules) -> tuple[str, str]:
    """(role, why): the role of PLACE whose patterns weigh most in TEXT, or the place's default."""
    best, best_score, why = rules.defaults[place], 0.0, "default"
    for role in rules.of_place(place):
        matched = [(p.pattern, w) for p, w in role.patterns if p.search(text)]
        score = sum(w for _, w in matched)
        if score > best_score:
            best, best_score, why = role.id, score, " + ".join(p for p, _ in matched)
    return best, why
