#!/usr/bin/env python3
"""One run of the asyncio course's wait_n, timed from inside the process (bench/compare.ts).

    python3 bench/py_wait_n.py N MAX_DELAY SEED

Prints one JSON line: wall (seconds from just before the n coroutines are made to the
last result), the returned delays' count, adjacent inversions (i with d[i-1] > d[i]), the
largest delay, the sum of the sorted delays (to check every worker drew the same ones) and
the peak RSS in KiB (getrusage ru_maxrss, which Linux reports in KiB).
"""
import asyncio
import json
import random
import resource
import sys
import time
from typing import List


async def wait_random(max_delay: int = 10) -> float:
    """The course's wait_random, verbatim."""
    delay = random.uniform(0, max_delay)
    await asyncio.sleep(delay)
    return delay


async def wait_n(n: int, max_delay: int) -> List[float]:
    """The course's wait_n, verbatim."""
    coros = [wait_random(max_delay) for _ in range(n)]
    return [await c for c in asyncio.as_completed(coros)]


async def timed(n: int, max_delay: float) -> dict:
    start = time.perf_counter()
    delays = await wait_n(n, max_delay)
    wall = time.perf_counter() - start
    return {
        "wall": wall,
        "count": len(delays),
        "inversions": sum(1 for i in range(1, len(delays)) if delays[i - 1] > delays[i]),
        "maxDelay": max(delays, default=0.0),
        "checksum": sum(sorted(delays)),
    }


def main() -> None:
    n, max_delay, seed = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    if max_delay == int(max_delay):
        max_delay = int(max_delay)  # as the course passes it
    random.seed(seed)
    result = asyncio.run(timed(n, max_delay))
    result["rssKiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))


if __name__ == "__main__":
    main()
