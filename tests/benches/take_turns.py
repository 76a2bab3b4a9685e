#!/usr/bin/env python3
"""Times two commands taking turns, so that a shared machine's slow spells hit both alike.

    take_turns.py RUNS 'command one' 'command two'

Prints each command's median and the median of the per-turn ratios (two / one). Output goes to
/dev/null; exit codes are ignored (diff tools exit 1 when the files differ). See BENCHMARKS.md.
"""
import shlex
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    commands = [shlex.split(c) for c in sys.argv[2:]]
    times: list[list[float]] = [[], []]
    for turn in range(runs + 3):
        for k, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
            if turn >= 3:  # the first turns warm the page cache
                times[k].append((time.perf_counter() - start) * 1000)
    for command, t in zip(sys.argv[2:], times):
        print(f"median {statistics.median(t):7.1f} ms  min {min(t):7.1f} ms  {command}")
    ratios = [b / a for a, b in zip(*times)]
    print(f"median ratio (two / one): {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
