"""Feeding arithmetic for a starter."""

# --8<-- [start:ratio]
def flour_for(starter_grams: int) -> int:
    return starter_grams * 2
# --8<-- [end:ratio]


def water_for(flour_grams: int, hydration: float = 1.0) -> int:
    return round(flour_grams * hydration)
