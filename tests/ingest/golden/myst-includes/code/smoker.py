"""Keeps the smoker lit."""

FUEL = ["pine needles", "cardboard", "dry grass"]


def light(fuel):
    # light from the bottom
    return f"lit {fuel}"


def puff(times):
    # start puffing
    for _ in range(times):
        print("puff")
    # stop puffing
