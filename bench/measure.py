"""Run one command and print its wall time and peak resident memory as JSON.

A wrapper process of its own, so RUSAGE_CHILDREN covers exactly the measured command and nothing else.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({
        "returncode": proc.returncode, "wall_s": round(wall, 3), "peak_rss_mib": round(peak_kib / 1024, 1),
        "stdout": proc.stdout, "stderr": proc.stderr[-4000:],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
