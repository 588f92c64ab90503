import time


### [count]
def count_flashes(seen: list[float]) -> int:
    return len(seen)


### [count]

print(count_flashes([time.time()]))
