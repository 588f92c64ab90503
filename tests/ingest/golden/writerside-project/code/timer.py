"""A steeping timer for the shelf's teas."""

import time


def steep(minutes):
    print("Steeping…")
    time.sleep(minutes * 60)
    print("Done: lift the leaves out.")
