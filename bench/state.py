#!/usr/bin/env python3
"""The state benchmark of issue 19: a --state of many sources, built night by night, then one more night and a report.

    python3 bench/state.py                          # 10,000,000 sources in 10 nights (about 3.5 GB of logs, 15+ GB of map)
    python3 bench/state.py --sources 1000000        # a million, in 10 nights
    python3 bench/state.py --help

Each night's log holds sources never seen before, one Code Red I line each (the worst case for the map: every line
a new entry). The runs are `java -jar target/wormsign.jar` with the launcher's JVM flags and --absorb-only (a night's
cost, not the state's), then a small night (new sources and sources the state holds) on the full state, then
`report --state`. For each: wall and CPU seconds, and the peak resident memory split as Linux counts it: anonymous
(the Java heap and the JVM's own) and file-backed (the map's pages mapped; the kernel may drop them under pressure,
they are the page cache). The data goes to $BENCH_DATA or /tmp/wormsign-bench/state, never into the repository.
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, "..", "target", "wormsign.jar")
TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a"
LINE = ('{ip} - - [{day:02d}/Jul/2001:{h:02d}:{m:02d}:{s:02d} +0000] "GET /default.ida?' + "N" * 224 + TAIL
        + ' HTTP/1.0" 404 - "-" "-"\n')


def address(i):
    # From 1.0.0.0 on: every source a different IPv4 address.
    i += 1 << 24
    return "%d.%d.%d.%d" % (i >> 24 & 255, i >> 16 & 255, i >> 8 & 255, i & 255)


def write_night(path, first, count):
    with open(path, "w", buffering=1 << 20) as f:
        for k in range(count):
            t = (first + k) % (19 * 86400)
            f.write(LINE.format(ip=address(first + k), day=1 + t // 86400, h=t // 3600 % 24, m=t // 60 % 60, s=t % 60))


def jvm_flags():
    # The launcher's defaults, read from its line (as bench/run.sh does).
    with open(os.path.join(HERE, "..", "wormsign")) as f:
        for line in f:
            if line.startswith("WORMSIGN_JVM_DEFAULTS="):
                return line.split("=", 1)[1].strip().strip('"').split()
    return []


def status_kb(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(args, label):
    """Runs the jar; returns wall s, CPU s, peak RSS, peak anonymous and peak file-backed RSS (MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    p = subprocess.Popen(["java"] + jvm_flags() + ["-jar", JAR] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = {"VmRSS": 0, "RssAnon": 0, "RssFile": 0}
    while p.poll() is None:
        for k in peak:
            peak[k] = max(peak[k], status_kb(p.pid, k))
        time.sleep(0.1)
    wall = time.monotonic() - start
    err = p.stderr.read().decode("utf-8", "replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if p.returncode != 0:
        sys.exit("%s failed (%d): %s" % (label, p.returncode, err))
    row = (label, wall, cpu, peak["VmRSS"] / 1024, peak["RssAnon"] / 1024, peak["RssFile"] / 1024)
    print("%-28s %8.1f s wall %8.1f s CPU   peak RSS %7.0f MiB (anonymous %6.0f, file-backed %6.0f)" % row, flush=True)
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=int, default=10_000_000, help="sources in the state (default: %(default)s)")
    ap.add_argument("--nights", type=int, default=10, help="nights the state is built in (default: %(default)s)")
    ap.add_argument("--small", type=int, default=20_000, help="sources of the last night, half new (default: %(default)s)")
    a = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("build the jar first: mvn -q -DskipTests package")
    data = os.path.join(os.environ.get("BENCH_DATA", "/tmp/wormsign-bench"), "state")
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    state = os.path.join(data, "state")
    per = a.sources // a.nights
    print("state of %d sources, %d nights of %d; data in %s; %d cores (timings on a shared machine are noisy)"
          % (a.sources, a.nights, per, data, os.cpu_count()), flush=True)
    build_wall = build_cpu = 0.0
    for n in range(a.nights):
        log = os.path.join(data, "night-%02d.log" % n)
        write_night(log, n * per, per)
        row = run(["analyze", "--no-progress", "--absorb-only", "--state", state, "-o", os.path.join(data, "out"), log], "night %d (+%d)" % (n + 1, per))
        build_wall += row[1]
        build_cpu += row[2]
        os.remove(log)
    print("%-28s %8.1f s wall %8.1f s CPU" % ("built", build_wall, build_cpu))
    size = sum(os.path.getsize(os.path.join(state, f)) for f in os.listdir(state))
    print("state folder: %.0f MiB on disk (%s)" % (size / 2**20, ", ".join(sorted(os.listdir(state)))))
    # The small night: half sources the state holds, half new ones.
    log = os.path.join(data, "small.log")
    write_night(log, a.sources - a.small // 2, a.small)
    run(["analyze", "--no-progress", "--absorb-only", "--state", state, "-o", os.path.join(data, "out"), log], "small night (%d)" % a.small)
    run(["report", "--state", state, "-o", os.path.join(data, "report")], "report --state")


if __name__ == "__main__":
    main()
