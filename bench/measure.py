"""Run one command and print its wall time and peak resident memory as JSON.

Peak memory is read from /proc/<pid>/status (VmHWM: the process image's own high-water mark) for the
command and every process it starts (dbt, extraction workers), sampled while they run. RUSAGE_CHILDREN's
ru_maxrss is not used: it inherits the forking parent's RSS across exec and inflates the figure.
`peak_rss_mib` is the largest single process; `peak_tree_rss_mib` the largest sampled sum of the tree's
resident memory at one moment; `peak_process` says which process that was (its command, shortened) and
`peak_at_s` when its high-water mark last rose, seconds after the start: set beside the run's stage times,
that names the stage that peaks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path


def _status(pid: int) -> dict[str, int]:
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
    except (OSError, ValueError):
        pass
    return out


def _children() -> dict[int, int]:
    """pid -> parent pid of every process."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return parents


def _command(pid: int) -> str:
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    # Program and first arguments only: later ones may be file paths of the inbox.
    return " ".join(Path(a.decode(errors="replace")).name if i == 0 else a.decode(errors="replace")
                    for i, a in enumerate(args[:3]) if a)


def _tree(root: int) -> list[int]:
    parents = _children()
    tree, frontier = [root], [root]
    while frontier:
        frontier = [p for p, pp in parents.items() if pp in frontier and p not in tree]
        tree += frontier
    return tree


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    hwm: dict[int, int] = {}
    commands: dict[int, str] = {}
    raised_at: dict[int, float] = {}
    tree_peak = 0
    import threading

    out: dict[str, str] = {}

    def drain(name: str, stream) -> None:
        out[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s)) for n, s in (("stdout", proc.stdout),
                                                                          ("stderr", proc.stderr))]
    for r in readers:
        r.start()
    while proc.poll() is None:
        total = 0
        for pid in _tree(proc.pid):
            st = _status(pid)
            if st:
                if pid not in commands:
                    commands[pid] = _command(pid)
                if st.get("VmHWM", 0) > hwm.get(pid, 0):
                    hwm[pid] = st["VmHWM"]
                    raised_at[pid] = time.perf_counter() - t0
                total += st.get("VmRSS", 0)
        tree_peak = max(tree_peak, total)
        time.sleep(0.2)
    for r in readers:
        r.join()
    wall = time.perf_counter() - t0
    top = max(hwm, key=hwm.__getitem__, default=None)
    print(json.dumps({
        "returncode": proc.returncode, "wall_s": round(wall, 3),
        "peak_rss_mib": round(max(hwm.values(), default=0) / 1024, 1),
        "peak_tree_rss_mib": round(tree_peak / 1024, 1),
        "peak_process": commands.get(top) if top is not None else None,
        "peak_at_s": round(raised_at.get(top, 0.0), 1) if top is not None else None,
        "stdout": out.get("stdout", ""), "stderr": out.get("stderr", "")[-4000:],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
