def too_full(litres: float) -> bool:
    limit = 1.7
    return litres > limit


def read_gauge() -> float:
    return 1.2
