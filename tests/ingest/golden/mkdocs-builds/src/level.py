LINE = 1.7  # (1)!
HALF = LINE / 2  # (2)!
