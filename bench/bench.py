#!/usr/bin/env python3
"""The benchmark of issue 7 (performance): run by bench/run.sh, which README.md in this folder explains.

Generates the data from a seed (reused when already there): the three forms of one server's log by `wormsign
simulate --also-as`, million.log and the dense logs (Code Red at 2, 25 and 60 % of the lines, issue 18) by
GenerateLogs.java. Then runs every command once per round, in an order rotated
each round, and reports medians, ratios against grep and gzip measured in the same rounds, CPU use and peak RSS,
checks every wormsign run against the data's ground truth, and writes results.md.
"""
import argparse
import concurrent.futures
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import tempfile
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GIB = 1 << 30
MIB = 1 << 20
PARTS = 4
RSS_LIMIT_MIB = 512
# Issue 18's dense logs: (Code Red share of the lines in percent, distinct Code Red sources at full size; --quick
# makes a tenth of the sources, as it does for million.log).
DENSE = [(2, 10_000), (25, 100_000), (60, 1_000_000)]
OUTPUTS_SHARE_LIMIT = 0.15
# What wormsign writes to its output folder (their bytes are what `cp` copies in the outputs baseline).
OUTPUT_FILES = ["report.html", "hosts.csv", "evidence.csv", "rejects.csv", "summary.json"]
DEBUG_TIMES = re.compile(r"debug: scan ([\d.]+) s, report model ([\d.]+) s, outputs ([\d.]+) s")
# Bump when what this script derives from the generator's output (archives, tiny.log) changes: the data is remade.
DATA_VERSION = 1
# What makes the simulated data: its bytes follow from these sources alone (and the seed and size), so a change
# elsewhere (the analyzer, the pom) does not remake gigabytes of data.
SIMULATOR_SOURCES = ["src/main/java/org/wormsign/simulate", "src/main/java/org/wormsign/cli/SimulateCommand.java"]
# The server whose log, and its two mirrors, are the benchmark's three forms: Apache 2.4 (combined, Berlin time).
SIM_SERVER = "apache-2.4"
SIM_FILES = {"apache.log": f"{SIM_SERVER}/access_log", "nginx.log": f"{SIM_SERVER}.nginx-combined/access.log",
             "w3c.log": f"{SIM_SERVER}.iis-w3c/extend1.log"}


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True, text=True, **kw).stdout.strip()


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run.sh", description="wormsign's benchmark (issue 7): one command, see bench/README.md.")
    p.add_argument("--size", type=float, help="GiB of apache.log (and of each other form): default 3, --quick 0.3")
    p.add_argument("--runs", type=int, help="rounds (each command once per round): default 3, --quick 1")
    p.add_argument("--quick", action="store_true", help="smoke test: 0.3 GiB, 100,000 sources, one round, no JMH")
    p.add_argument("--seed", type=int, default=1, help="seed of the generated data (default 1)")
    p.add_argument("--sources", type=int, help="distinct Code Red sources of million.log: default 1,000,000, --quick 100,000")
    p.add_argument("--dense-size", type=float,
                   help="GiB of each dense log (Code Red at 2, 25 and 60 %% of the lines): default 1, --quick 0.1")
    p.add_argument("--no-dense", action="store_true", help="do not make or run the dense logs")
    p.add_argument("--data", default=os.environ.get("BENCH_DATA", "/tmp/wormsign-bench"),
                   help="data folder, outside the repository (default $BENCH_DATA or /tmp/wormsign-bench)")
    p.add_argument("--data-source", choices=["simulate", "generator"], default="simulate",
                   help="what makes apache.log, nginx.log and w3c.log: `wormsign simulate` (default) or bench/GenerateLogs.java "
                        "(more worm traffic and junk lines, checked for Nimda, other .ida and off-schedule too)")
    p.add_argument("--budget", type=float, default=15.0,
                   help="minutes for the rounds: no round starts that would end past it, judged by what its commands took last round (default 15; 0: none)")
    p.add_argument("--jar", help="time this jar instead of a snapshot of target/wormsign.jar built by ./wormsign")
    p.add_argument("--only", help="comma-separated command names to run (see the table), e.g. grep,wormsign,wormsign-t1")
    p.add_argument("--no-goaccess", action="store_true", help="do not run (or install) goaccess")
    p.add_argument("--goaccess-rounds", type=int, default=1,
                   help="rounds that run goaccess, the first ones (default 1: it is a reference, not a target, and slow)")
    p.add_argument("--jmh", dest="jmh", action="store_true", default=None, help="run the JMH parse+detect benchmark (default: on unless --quick)")
    p.add_argument("--no-jmh", dest="jmh", action="store_false")
    p.add_argument("--results", help="also copy results.md here")
    p.add_argument("--prepare", action="store_true", help="only generate the data (or check it is there), then stop")
    p.add_argument("--keep-outputs", action="store_true",
                   help="keep every output of the last round (by default only each run's summary.json: the CSVs of a full run are GBs)")
    a = p.parse_args(argv)
    if a.size is None:
        a.size = 0.3 if a.quick else 3.0
    if a.runs is None:
        a.runs = 1 if a.quick else 3
    if a.sources is None:
        a.sources = 100_000 if a.quick else 1_000_000
    if a.dense_size is None:
        a.dense_size = 0.1 if a.quick else 1.0
    a.dense = [] if a.no_dense else [(share, n // 10 if a.quick else n) for share, n in DENSE]
    if a.jmh is None:
        a.jmh = not a.quick
    if a.size <= 0 or a.runs < 1 or a.sources < 1 or a.dense_size <= 0:
        p.error("--size, --dense-size, --runs and --sources must be positive")
    return a


# ---------------------------------------------------------------------------------------------------------------
# Data


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def read_props(path):
    props = {}
    for line in Path(path).read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            k, v = line.split("=", 1)
            props[k] = int(v) if re.fullmatch(r"-?\d+", v) else v
    return props


def simulator_sha256():
    """One hash of the simulator's sources (as they are in the working tree, which ./wormsign builds from)."""
    h = hashlib.sha256()
    for name in SIMULATOR_SOURCES:
        p = REPO / name
        for f in sorted(p.rglob("*.java")) if p.is_dir() else [p]:
            h.update(str(f.relative_to(REPO)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def stamp_of(kind, **args):
    gen = simulator_sha256() if kind == "sim-logs" else file_sha256(BENCH / "GenerateLogs.java")
    gz = sh(["gzip", "--version"]).splitlines()[0] if kind in ("logs", "sim-logs") else ""
    return json.dumps({"kind": kind, "generator": gen, "gzip": gz, "data_version": DATA_VERSION, **args}, sort_keys=True)


def logs_folder(a, data):
    # The generator's data keeps the folder name it always had, so switching back reuses it.
    return data / (f"logs-sim-seed{a.seed}-{a.size:g}GiB" if a.data_source == "simulate" else f"logs-seed{a.seed}-{a.size:g}GiB")


def generate_logs(a, folder, simulator):
    """The three forms, the archives and tiny.log; `simulator()` gives the jar to simulate with (built on demand)."""
    size = int(a.size * GIB)
    kind = "sim-logs" if a.data_source == "simulate" else "logs"
    stamp = stamp_of(kind, seed=a.seed, bytes=size)
    names = ["apache.log", "nginx.log", "w3c.log", "apache.log.gz", "tiny.log", "truth.properties"] + [f"part-{k}.log.gz" for k in range(1, PARTS + 1)]
    if (folder / "STAMP").exists() and (folder / "STAMP").read_text() == stamp and all((folder / n).exists() for n in names):
        log(f"reusing {folder} (same seed, size and generator)")
        return None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "STAMP").unlink(missing_ok=True)
    need = 3.3 * size
    free = shutil.disk_usage(folder).free
    if free < need:
        sys.exit(f"bench: {folder} has {free / GIB:.1f} GiB free, the data needs about {need / GIB:.1f} GiB")
    t0 = time.perf_counter()
    if a.data_source == "simulate":
        simulate_logs(a, folder, size, simulator())
    else:
        log(f"generating {a.size:g} GiB of Apache combined, nginx and W3C logs (seed {a.seed}) in {folder} ...")
        subprocess.run(["java", str(BENCH / "GenerateLogs.java"), "logs", "--seed", str(a.seed), "--bytes", str(size), "--out", str(folder)], check=True)
    t1 = time.perf_counter()
    # Four archives of consecutive quarters (as logrotate would leave them), compressed at once; apache.log.gz
    # is the four joined, a multi-member gzip file like `cat a.gz b.gz` (the same bytes to decompress).
    splits = [0] + [int(x) for x in (folder / "apache.splits").read_text().split()] + [(folder / "apache.log").stat().st_size]
    log(f"compressing the {PARTS} quarters with gzip -n -6, {os.cpu_count()} at once ...")

    def compress(k):
        with open(folder / f"part-{k + 1}.log.gz", "wb") as out, open(folder / "apache.log", "rb") as src:
            p = subprocess.Popen(["gzip", "-n", "-6"], stdin=subprocess.PIPE, stdout=out)
            src.seek(splits[k])
            left = splits[k + 1] - splits[k]
            while left > 0:
                b = src.read(min(left, 4 << 20))
                if not b:
                    break
                p.stdin.write(b)
                left -= len(b)
            p.stdin.close()
            if p.wait() != 0 or left != 0:
                raise RuntimeError(f"gzip of part {k + 1} failed")

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(compress, range(PARTS)))
    with open(folder / "apache.log.gz", "wb") as out:
        for k in range(1, PARTS + 1):
            with open(folder / f"part-{k}.log.gz", "rb") as f:
                shutil.copyfileobj(f, out, 8 << 20)
    with open(folder / "apache.log", "rb") as src, open(folder / "tiny.log", "wb") as out:
        for _ in range(1000):
            out.write(src.readline())
    t2 = time.perf_counter()
    (folder / "STAMP").write_text(stamp)
    return {"generate_s": t1 - t0, "gzip_s": t2 - t1}


def simulate_logs(a, folder, size, jar):
    """apache.log, nginx.log and w3c.log: one simulated Apache 2.4 server's log and its two mirrors, the same
    requests line for line; apache.splits, and truth.properties from the simulator's truth.csv and the files."""
    sim = folder / "simulated"
    cmd = ["java", "-jar", str(jar), "simulate", "--seed", str(a.seed), "--servers", SIM_SERVER, "--also-as", "nginx-combined,iis-w3c",
           "--rotate", "none", "--target-bytes", str(size), "-o", str(sim)]
    log(f"simulating {a.size:g} GiB of Apache combined, and the same requests as nginx and W3C (seed {a.seed}) in {folder} ...")
    log("  " + " ".join(shlex.quote(x) for x in cmd))
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    for name, path in SIM_FILES.items():
        os.replace(sim / path, folder / name)
    apache = folder / "apache.log"
    # Quarters cut at line starts, as GenerateLogs writes them.
    splits = []
    with open(apache, "rb") as f:
        for k in range(1, PARTS):
            f.seek(apache.stat().st_size * k // PARTS)
            f.readline()
            splits.append(f.tell())
    (folder / "apache.splits").write_text(" ".join(map(str, splits)) + "\n")
    write_sim_truth(folder, sim / "truth.csv", " ".join(cmd[3:]))


def launcher_jvm_flags(java_opts):
    """The JVM flags the ./wormsign launcher adds (its WORMSIGN_JVM_DEFAULTS line), unless JAVA_OPTS picks a
    collector or young generation itself, as the launcher decides: wormsign is timed as users run it."""
    text = (REPO / "wormsign").read_text()
    m = re.search(r'^WORMSIGN_JVM_DEFAULTS="([^"]*)"', text, re.M)
    if not m:
        sys.exit("bench: the launcher has no WORMSIGN_JVM_DEFAULTS line")
    # Word by word, as the launcher decides (-XX:+UseLargePages is no collector), over the same variables.
    words = shlex.split(java_opts) + shlex.split(os.environ.get("JDK_JAVA_OPTIONS", "")) + shlex.split(os.environ.get("JAVA_TOOL_OPTIONS", ""))
    if any(re.fullmatch(r"-XX:\+Use\S*GC|-Xmn\S*|-XX:NewSize=\S*|-XX:MaxNewSize=\S*", w) for w in words):
        return []
    return shlex.split(m.group(1))


def class_data_archive(jar, flags, work):
    """The flags for a class-data sharing archive of this jar, made as the ./wormsign launcher makes its own
    (a run over sample-logs with -XX:ArchiveClassesAtExit); none if that fails, as the launcher does."""
    # Beside the snapshot, in the run's own folder: never written next to a jar given with --jar.
    jsa = work / (jar.name + ".jsa")
    quiet = ["-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
    if not jsa.exists():
        log(f"making the class-data archive of {jar.name}, as the launcher does ...")
        with tempfile.TemporaryDirectory(prefix="wormsign-cds.") as tmp:
            subprocess.run(["java"] + flags + [f"-XX:ArchiveClassesAtExit={jsa}"] + quiet
                           + ["-jar", str(jar), "analyze", "--no-progress", "--tz", "America/New_York", "-o", str(Path(tmp) / "out"),
                              str(REPO / "sample-logs")], capture_output=True)
    return [f"-XX:SharedArchiveFile={jsa}"] + quiet if jsa.exists() and jsa.stat().st_size > 0 else []


def scan(path):
    """(lines, lines starting with '#', occurrences of default.ida) of a file, read once in big blocks."""
    lines = hashes = ida = 0
    needle = b"default.ida"
    prev = b"\n"  # the start of the file counts as a line start
    with open(path, "rb") as f:
        while True:
            b = f.read(16 << 20)
            if not b:
                break
            lines += b.count(b"\n")
            hashes += b.count(b"\n#") + (1 if prev[-1:] == b"\n" and b[:1] == b"#" else 0)
            # The needle may straddle two blocks: search the joint once, with less than a needle on each side.
            ida += b.count(needle) + (prev[-(len(needle) - 1):] + b[:len(needle) - 1]).count(needle)
            prev = b
    return lines, hashes, ida


def write_sim_truth(folder, truth_csv, args):
    """What a perfect analysis of the three files counts, from what the simulator wrote: truth.csv's attempts per
    source, and the lines of the files. The simulator writes no junk, so every line of apache.log and nginx.log is
    a record, and every line of w3c.log a record or a directive. It keeps no Nimda, other .ida or off-schedule
    count, so those are not checked on this data."""
    import csv
    cr = cr2 = src = src2 = 0
    with open(truth_csv, newline="") as f:
        for row in csv.DictReader(f):
            a, b = int(row["code_red_attempts"]), int(row["code_red_ii_attempts"])
            cr, cr2 = cr + a, cr2 + b
            src, src2 = src + (a > 0), src2 + (b > 0)
    counts = {n: scan(folder / n) for n in SIM_FILES}
    lines = counts["apache.log"][0]
    if counts["nginx.log"][0] != lines or counts["w3c.log"][0] - counts["w3c.log"][1] != lines:
        sys.exit(f"bench: the three forms do not hold the same number of requests: {counts}")
    for n, (_, _, ida) in counts.items():
        # Every Code Red request names default.ida once, and the simulator's ordinary traffic never does.
        if ida != cr + cr2:
            sys.exit(f"bench: {n} names default.ida {ida} times, truth.csv has {cr + cr2} Code Red attempts")
    truth = {"lines": lines, "records": lines, "rejected": 0, "skipped": 0,
             "w3c_lines": counts["w3c.log"][0], "w3c_skipped": counts["w3c.log"][1],
             "code_red": cr, "code_red_ii": cr2, "code_red_sources": src, "code_red_ii_sources": src2,
             "default_ida_lines": cr + cr2}
    with open(folder / "truth.properties", "w") as w:
        w.write(f"# What a perfect analysis of apache.log, nginx.log and w3c.log counts (wormsign {args}): from its truth.csv and the files\n")
        w.write("source=simulate\n")
        for k, v in truth.items():
            w.write(f"{k}={v}\n")


def gzip_million(folder):
    """million.log.gz: the same log compressed (no name or time in the header, so the same bytes each time).
    A compressed input cannot give its evidence lines back, so it is the memory target's hardest case."""
    gz = folder / "million.log.gz"
    if gz.exists():
        return
    log(f"compressing million.log to {gz} ...")
    tmp = folder / "million.log.gz.part"
    with open(tmp, "wb") as out:
        subprocess.run(["gzip", "-1", "-n", "-c", str(folder / "million.log")], stdout=out, check=True)
    tmp.rename(gz)


def generate_million(a, folder):
    stamp = stamp_of("million", seed=a.seed, sources=a.sources)
    if (folder / "STAMP").exists() and (folder / "STAMP").read_text() == stamp and (folder / "million.log").exists():
        log(f"reusing {folder}")
        gzip_million(folder)
        return None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "STAMP").unlink(missing_ok=True)
    (folder / "million.log.gz").unlink(missing_ok=True)
    log(f"generating million.log: {a.sources:,} distinct Code Red sources (seed {a.seed}) in {folder} ...")
    t0 = time.perf_counter()
    subprocess.run(["java", str(BENCH / "GenerateLogs.java"), "million", "--seed", str(a.seed), "--sources", str(a.sources), "--out", str(folder)], check=True)
    gzip_million(folder)
    (folder / "STAMP").write_text(stamp)
    return {"generate_s": time.perf_counter() - t0}


def dense_name(share):
    return f"dense-{share:02d}"


def generate_dense(a, folder):
    """The dense logs (issue 18): for each share and source count of a.dense, NAME.log by GenerateLogs.java dense,
    with NAME.truth.properties and NAME.truth.csv (every source's attempts), and NAME.log.gz (gzip -6 -n, the
    three compressed at once)."""
    size = int(a.dense_size * GIB)
    stamp = stamp_of("dense", seed=a.seed, bytes=size, logs=a.dense, gzip_version=sh(["gzip", "--version"]).splitlines()[0])
    names = [dense_name(share) + ext for share, _ in a.dense for ext in (".log", ".log.gz", ".truth.properties", ".truth.csv")]
    if (folder / "STAMP").exists() and (folder / "STAMP").read_text() == stamp and all((folder / n).exists() for n in names):
        log(f"reusing {folder}")
        return None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "STAMP").unlink(missing_ok=True)
    need = 1.2 * size * len(a.dense)
    free = shutil.disk_usage(folder).free
    if free < need:
        sys.exit(f"bench: {folder} has {free / GIB:.1f} GiB free, the dense logs need about {need / GIB:.1f} GiB")
    t0 = time.perf_counter()
    for share, n in a.dense:
        log(f"generating {dense_name(share)}.log: {a.dense_size:g} GiB, Code Red {share} % of the lines from {n:,} sources (seed {a.seed}) ...")
        subprocess.run(["java", str(BENCH / "GenerateLogs.java"), "dense", "--seed", str(a.seed), "--share", str(share), "--sources", str(n),
                        "--bytes", str(size), "--name", dense_name(share), "--out", str(folder)], check=True)
    t1 = time.perf_counter()
    log(f"compressing the {len(a.dense)} dense logs with gzip -n -6, at once ...")

    def compress(share):
        tmp = folder / f"{dense_name(share)}.log.gz.part"
        with open(tmp, "wb") as out:
            subprocess.run(["gzip", "-n", "-6", "-c", str(folder / f"{dense_name(share)}.log")], stdout=out, check=True)
        tmp.rename(folder / f"{dense_name(share)}.log.gz")

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(compress, [share for share, _ in a.dense]))
    (folder / "STAMP").write_text(stamp)
    return {"generate_s": t1 - t0, "gzip_s": time.perf_counter() - t1}


def check_hosts(hosts_csv, truth_csv):
    """hosts.csv against the generator's per-source truth: the same sources, each with the same Code Red I, Code Red
    II and off-schedule attempts. Returns the problems (empty when they agree)."""
    import csv
    cols = ("code_red_attempts", "code_red_ii_attempts", "off_schedule_attempts")
    want = {}
    with open(truth_csv, newline="") as f:
        for row in csv.DictReader(f):
            want[row["source_ip"]] = ",".join(row[k] for k in cols)
    wrong, extra, examples = 0, 0, []
    with open(hosts_csv, newline="") as f:
        for row in csv.DictReader(f):
            got = ",".join(row[k] for k in cols)
            expected = want.pop(row["source_ip"], None)
            if expected is None:
                extra += 1
            elif expected != got:
                wrong += 1
            else:
                continue
            if len(examples) < 3:
                examples.append(f"{row['source_ip']} {got} (truth {expected or 'none'})")
    problems = []
    if wrong or extra or want:
        problems.append(f"hosts.csv: {wrong:,} sources with other counts (I,II,off schedule), {extra:,} not in the truth, "
                        f"{len(want):,} missing" + (f"; e.g. {'; '.join(examples or [next(iter(want))])}" if examples or want else ""))
    return problems


def warm(files):
    """Reads every file once, so the first round does not pay for the disk (and says how fast that was)."""
    total, t0 = 0, time.perf_counter()
    for f in files:
        with open(f, "rb", buffering=0) as fh:
            while True:
                b = fh.read(16 << 20)
                if not b:
                    break
                total += len(b)
    return total, time.perf_counter() - t0


# ---------------------------------------------------------------------------------------------------------------
# Commands


class Cmd:
    def __init__(self, name, what, argv, *, stdout=None, env=None, shell=None, inputs=(), bytes_in=0, ref=None,
                 truth=None, truth_keys=None, out=None, grep_expect=None, wormsign=False, hosts_truth=None, prepare=None):
        self.name, self.what, self.argv = name, what, argv
        self.prepare = prepare   # run before each timed run, untimed
        self.stdout, self.env, self.shell = stdout, env or {}, shell
        self.inputs, self.bytes_in, self.ref = inputs, bytes_in, ref
        self.truth, self.truth_keys, self.out = truth, truth_keys or {}, out
        self.grep_expect, self.wormsign = grep_expect, wormsign
        self.hosts_truth = hosts_truth
        self.samples = []   # (round, wall, user, sys, rss_kib)
        self.phases = []    # wormsign's --debug times: (scan, report model, outputs) seconds, one per run
        self.failures = []
        self.check = None

    def display(self, short):
        """The command as one would type it, paths shortened."""
        if self.shell:
            text = self.shell
        else:
            text = " ".join(shlex.quote(x) for x in self.argv)
            if self.stdout:
                text += " > " + shlex.quote(str(self.stdout))
        text = " ".join(f"{k}={v}" for k, v in self.env.items()) + (" " if self.env else "") + text
        for long_, s in short:
            text = text.replace(long_, s)
        return text


def build_commands(a, logs, million, dense, work, jar, goaccess):
    truth = read_props(logs / "truth.properties")
    mtruth = read_props(million / "million.truth.properties")
    apache, nginx, w3c = logs / "apache.log", logs / "nginx.log", logs / "w3c.log"
    gz = logs / "apache.log.gz"
    parts = [logs / f"part-{k}.log.gz" for k in range(1, PARTS + 1)]
    size = apache.stat().st_size
    flags = launcher_jvm_flags(os.environ.get("JAVA_OPTS", ""))
    java = ["java"] + flags + class_data_archive(jar, flags, work) + shlex.split(os.environ.get("JAVA_OPTS", "")) \
        + ["-jar", str(jar), "analyze", "--no-progress", "--debug"]
    out = work / "out"
    worm_keys = ["code_red", "code_red_ii", "code_red_sources", "code_red_ii_sources", "nimda", "other_ida", "off_schedule"]
    # Only what the data's truth knows is checked (simulated data has no Nimda, other .ida or off-schedule count).
    combined_keys = {k: k for k in ["lines", "records", "rejected", "skipped"] + worm_keys if k in truth}
    w3c_keys = dict(combined_keys, lines="w3c_lines", skipped="w3c_skipped")
    million_keys = {k: k for k in ["lines", "records", "rejected", "code_red", "code_red_ii", "code_red_sources", "code_red_ii_sources"]}
    nproc = os.cpu_count() or 1

    def ws(name, what, inputs, extra=(), bytes_in=size, ref=None, t=truth, keys=combined_keys, hosts_truth=None):
        o = out / name
        return Cmd(name, what, java + ["-o", str(o)] + list(extra) + [str(i) for i in inputs], inputs=inputs, bytes_in=bytes_in,
                   ref=ref, truth=t, truth_keys=keys, out=o, wormsign=True, hosts_truth=hosts_truth)

    def grep(name, what, f, expect=truth["default_ida_lines"]):
        return Cmd(name, what, ["grep", "-c", "default.ida", str(f)], env={"LC_ALL": "C"}, stdout=out / f"{name}.txt",
                   inputs=[f], bytes_in=f.stat().st_size, grep_expect=expect)

    def cp_outputs(of):
        """`cp` of one file as large as the five outputs of the wormsign command {of}: what writing them costs at disk speed."""
        folder = work / "cp"
        src, dst = folder / f"{of.name}.outputs", folder / f"{of.name}.copy"

        cmd = Cmd(f"cp-{of.name}", f"cp of one file as large as the five outputs of {of.name}", ["cp", str(src), str(dst)])

        def prepare():
            folder.mkdir(parents=True, exist_ok=True)
            if not src.exists():
                with open(src, "wb") as o:
                    for f in OUTPUT_FILES:
                        if (of.out / f).exists():
                            with open(of.out / f, "rb") as i:
                                shutil.copyfileobj(i, o, 1 << 20)
            dst.unlink(missing_ok=True)
            cmd.bytes_in = src.stat().st_size

        cmd.prepare = prepare
        return cmd

    tiny = logs / "tiny.log"
    cmds = [
        ws("wormsign-tiny", "wormsign, the first 1,000 lines of apache.log: start-up and outputs", [tiny],
           bytes_in=tiny.stat().st_size, t=None, keys={}),
        grep("grep", "grep, Apache combined", apache),
        ws("wormsign", f"wormsign, Apache combined (default threads: {nproc})", [apache], ref="grep"),
        ws("wormsign-t1", "wormsign --threads 1, Apache combined", [apache], ["--threads", "1"], ref="wormsign"),
    ]
    if nproc != 2:
        cmds.append(ws("wormsign-t2", "wormsign --threads 2, Apache combined", [apache], ["--threads", "2"], ref="wormsign-t1"))
    cmds += [
        grep("grep-nginx", "grep, nginx combined", nginx),
        ws("wormsign-nginx", "wormsign, nginx combined (same requests)", [nginx], ref="grep-nginx"),
        grep("grep-w3c", "grep, IIS W3C", w3c),
        ws("wormsign-w3c", "wormsign, IIS W3C (same requests)", [w3c], ref="grep-w3c", keys=w3c_keys),
        Cmd("gzip", "gzip -dc, apache.log.gz", ["gzip", "-dc", str(gz)], stdout=Path("/dev/null"), inputs=[gz], bytes_in=size),
        ws("wormsign-gz", "wormsign, apache.log.gz", [gz], ref="gzip"),
        Cmd("gzip-parts", f"gzip -dc, the {PARTS} quarters at once", ["bash", "-c", "for f in \"$@\"; do gzip -dc \"$f\" > /dev/null & done; wait", "gzip-parts"]
            + [str(p) for p in parts], shell=f"for f in {logs}/part-[1-{PARTS}].log.gz; do gzip -dc \"$f\" > /dev/null & done; wait",
            inputs=parts, bytes_in=size),
        ws("wormsign-parts", f"wormsign, the {PARTS} quarters as .gz files", parts, ref="gzip-parts"),
        ws("wormsign-million", f"wormsign, million.log ({a.sources:,} sources)", [million / "million.log"],
           bytes_in=(million / "million.log").stat().st_size, t=mtruth, keys=million_keys),
        ws("wormsign-million-gz", f"wormsign, million.log.gz (the same, compressed: its evidence cannot be read back)",
           [million / "million.log.gz"], bytes_in=(million / "million.log").stat().st_size, t=mtruth, keys=million_keys),
    ]
    dense_keys = {k: k for k in ["lines", "records", "rejected", "skipped"] + worm_keys}
    for share, n in a.dense:
        name = dense_name(share)
        plain, gzf = dense / f"{name}.log", dense / f"{name}.log.gz"
        dtruth = read_props(dense / f"{name}.truth.properties")
        hosts = dense / f"{name}.truth.csv"
        what = f"Code Red {share} % of the lines, {n:,} sources"
        dense_ws = ws(f"wormsign-{name}", f"wormsign, {name}.log ({what})", [plain], bytes_in=plain.stat().st_size, ref=f"grep-{name}",
                      t=dtruth, keys=dense_keys, hosts_truth=hosts)
        cmds += [
            grep(f"grep-{name}", f"grep, {name}.log ({what})", plain, dtruth["default_ida_lines"]),
            dense_ws,
            cp_outputs(dense_ws),
            Cmd(f"gzip-{name}", f"gzip -dc, {name}.log.gz", ["gzip", "-dc", str(gzf)], stdout=Path("/dev/null"), inputs=[gzf],
                bytes_in=plain.stat().st_size),
            ws(f"wormsign-{name}-gz", f"wormsign, {name}.log.gz", [gzf], bytes_in=plain.stat().st_size, ref=f"gzip-{name}",
               t=dtruth, keys=dense_keys, hosts_truth=hosts),
        ]
    if goaccess:
        gout = out / "goaccess.html"
        cmds.append(Cmd("goaccess", "goaccess, Apache combined (HTML report)",
                        [goaccess, str(apache), "--log-format=COMBINED", "--no-global-config", "-o", str(gout)],
                        env={"LANG": "C", "LC_ALL": "C"}, inputs=[apache], bytes_in=size, ref="grep"))
    if a.only:
        keep = set(a.only.split(","))
        unknown = keep - {c.name for c in cmds}
        if unknown:
            sys.exit(f"bench: --only: no command named {', '.join(sorted(unknown))}; there are {', '.join(c.name for c in cmds)}")
        cmds = [c for c in cmds if c.name in keep]
    return cmds, truth, mtruth


def run_once(c, rnd, work):
    tfile = work / "time.txt"
    errfile = work / "stderr.txt"
    env = dict(os.environ, **c.env)
    if c.prepare:
        c.prepare()
    argv = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(tfile)] + c.argv
    stdout = open(c.stdout, "wb") if c.stdout else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        with open(errfile, "wb") as err:
            p = subprocess.run(argv, stdout=stdout, stderr=err, stdin=subprocess.DEVNULL, env=env)
        wall = time.perf_counter() - t0
    finally:
        if c.stdout:
            stdout.close()
    fields = tfile.read_text().strip().splitlines()[-1].split()
    _, user, sys_, rss = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
    if p.returncode != 0:
        tail = errfile.read_text(errors="replace")[-2000:]
        c.failures.append(f"round {rnd}: exit {p.returncode}: {tail}")
        log(f"  {c.name} FAILED (exit {p.returncode}): {tail.strip()[-500:]}")
    c.samples.append((rnd, wall, user, sys_, rss))
    if c.wormsign and p.returncode == 0:
        m = DEBUG_TIMES.search(errfile.read_text(errors="replace"))
        if m:
            c.phases.append(tuple(float(x) for x in m.groups()))
    check(c)
    return wall


def check(c):
    """Compares the run's counts with the data's truth: a fast wrong answer is no answer."""
    problems = []
    if c.grep_expect is not None and c.stdout:
        got = Path(c.stdout).read_text().strip()
        if got != str(c.grep_expect):
            problems.append(f"count {got}, expected {c.grep_expect}")
    if c.wormsign:
        try:
            s = json.loads((c.out / "summary.json").read_text())
            totals = s["totals"]
            for key, tkey in c.truth_keys.items():
                if totals.get(key) != c.truth.get(tkey):
                    problems.append(f"{key} {totals.get(key)} != {c.truth.get(tkey)}")
            formats = sorted({i.get("format") for i in s.get("inputs", [])})
            c.formats = formats
            c.totals = totals
            for f in ("report.html", "hosts.csv", "evidence.csv", "rejects.csv"):
                if not (c.out / f).exists():
                    problems.append(f"no {f}")
            if c.hosts_truth and (c.out / "hosts.csv").exists():
                problems += check_hosts(c.out / "hosts.csv", c.hosts_truth)
        except (OSError, ValueError, KeyError) as e:
            problems.append(f"summary.json unreadable: {e}")
    if problems:
        c.check = "MISMATCH: " + "; ".join(problems)
    elif c.check is None:
        c.check = "ok"


# The same requests with the same answers in three formats must give the same counts, also those no truth file
# holds. Only the simulator's mirrors are answer for answer the same: GenerateLogs' W3C form answers as IIS does.
SAME_IN_EVERY_FORM = ["code_red", "code_red_ii", "nimda", "other_ida", "off_schedule", "side_effect_400"]


def cross_check(cmds, truth):
    """wormsign-nginx and wormsign-w3c against wormsign (Apache combined) of the last round, on simulated data."""
    if truth.get("source") != "simulate":
        return
    by = {c.name: c for c in cmds}
    ref = getattr(by.get("wormsign"), "totals", None)
    if ref is None:
        return
    for name in ("wormsign-nginx", "wormsign-w3c"):
        c = by.get(name)
        totals = getattr(c, "totals", None)
        if totals is None:
            continue
        diff = [f"{k} {totals.get(k)} != {ref.get(k)} (Apache combined)" for k in SAME_IN_EVERY_FORM if totals.get(k) != ref.get(k)]
        if diff:
            c.check = ("" if c.check in (None, "ok") else c.check + "; ") + "MISMATCH: " + "; ".join(diff)


# ---------------------------------------------------------------------------------------------------------------
# Reporting


def machine_info(data):
    info = {}
    info["date"] = sh(["date", "-u"])
    info["nproc"] = sh(["nproc"])
    info["cpu"] = sh("grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'")
    mem = sh("grep MemTotal /proc/meminfo | awk '{print $2}'")
    info["memory"] = f"{int(mem) / (1 << 20):.1f} GiB" if mem.isdigit() else "?"
    info["java"] = " / ".join(l.strip() for l in subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[:2])
    df = sh(["df", "-hT", str(data)]).splitlines()
    info["disk"] = re.sub(r"\s+", " ", df[-1]) if df else "?"
    dev = sh(["findmnt", "-no", "SOURCE", "--target", str(data)])
    rota = sh(["lsblk", "-dno", "ROTA", dev]) if dev.startswith("/dev/") else ""
    info["disk"] += f" (device {dev}{', rotational' if rota == '1' else ', not rotational' if rota == '0' else ''})"
    info["kernel"] = platform.release()
    info["gzip"] = sh(["gzip", "--version"]).splitlines()[0]
    info["grep"] = sh(["grep", "--version"]).splitlines()[0]
    return info


def load():
    return sh(["uptime"]).split("load average:")[-1].strip()


def human(n):
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB"


def fmt_s(x):
    return f"{x:.2f}" if x < 100 else f"{x:.1f}"


def summarize(cmds):
    by = {}
    for c in cmds:
        if not c.samples:
            continue
        walls = [s[1] for s in c.samples]
        cpu = [(s[2] + s[3]) / s[1] for s in c.samples if s[1] > 0]
        cpu_s = [s[2] + s[3] for s in c.samples]
        by[c.name] = {
            "median": statistics.median(walls), "min": min(walls), "max": max(walls), "n": len(walls),
            "cores": statistics.median(cpu) if cpu else 0, "rss": max(s[4] for s in c.samples) / 1024,
            "cpu_s": statistics.median(cpu_s),
            "outputs": statistics.median(ph[2] for ph in c.phases) if c.phases else None,
            "model": statistics.median(ph[1] for ph in c.phases) if c.phases else None,
        }
    return by


def ratio(by, a, b):
    if a in by and b in by and by[b]["median"] > 0:
        return by[a]["median"] / by[b]["median"]
    return None


def targets(by, cmds, jmh):
    """(target, measured, limit, verdict) rows."""
    rows = []
    nproc = os.cpu_count() or 1

    def verdict(value, limit, goal=None, higher_better=False):
        if value is None:
            return "not measured"
        ok = value >= limit if higher_better else value <= limit
        if goal is not None and (value >= goal if higher_better else value <= goal):
            return "**met, goal met too**"
        if ok:
            return "**met**" + ("" if goal is None else f" (goal {goal:g}× not met)")
        miss = value / limit if not higher_better else limit / value
        return f"**missed** by {miss:.2f}×"

    r = ratio(by, "wormsign", "grep")
    rows.append(("Apache combined, end to end, vs `grep -c` on the same file", r and f"{r:.2f}×", "≤ 3× (goal 2×)", verdict(r, 3, 2)))
    for form, g in (("nginx", "grep-nginx"), ("w3c", "grep-w3c")):
        r = ratio(by, f"wormsign-{form}", g)
        label = "nginx combined" if form == "nginx" else "IIS W3C"
        rows.append((f"{label} vs `grep -c` on its file", r and f"{r:.2f}×", "≤ 3×", verdict(r, 3)))
        r = ratio(by, f"wormsign-{form}", "wormsign")
        rows.append((f"{label} vs Apache combined, same requests (\"equally fast\")", r and f"{r:.2f}×", "≤ 1.10× (taken as equal)", verdict(r, 1.10)))
    r = ratio(by, "wormsign-gz", "gzip")
    rows.append(("`.gz` vs `gzip -dc > /dev/null` on the same archive", r and f"{r:.2f}×", "≤ 1.25×", verdict(r, 1.25)))
    r = ratio(by, "wormsign-parts", "gzip-parts")
    cores = by.get("wormsign-parts", {}).get("cores")
    rows.append((f"{PARTS} `.gz` archives vs `gzip -dc` of the {PARTS} at once (all cores)",
                 r and f"{r:.2f}× ({cores:.2f} cores busy)", "≤ 1.25×", verdict(r, 1.25)))
    two = "wormsign" if nproc == 2 else "wormsign-t2"
    r = ratio(by, "wormsign-t1", two)
    rows.append(("2 threads vs 1 thread, plain Apache combined (speed-up)", r and f"{r:.2f}×", "≥ 1.7×", verdict(r, 1.7, higher_better=True)))
    m = by.get("wormsign-million", {}).get("rss")
    rows.append(("peak RSS, million.log", m and f"{m:.0f} MiB", f"≤ {RSS_LIMIT_MIB} MiB", verdict(m, RSS_LIMIT_MIB)))
    m = by.get("wormsign-million-gz", {}).get("rss")
    rows.append(("peak RSS, million.log.gz", m and f"{m:.0f} MiB", f"≤ {RSS_LIMIT_MIB} MiB", verdict(m, RSS_LIMIT_MIB)))
    ws_rss = [(by[c.name]["rss"], c.name) for c in cmds if c.wormsign and c.name in by]
    if ws_rss:
        peak, name = max(ws_rss)
        rows.append(("peak RSS, any wormsign run", f"{peak:.0f} MiB ({name})", f"≤ {RSS_LIMIT_MIB} MiB", verdict(peak, RSS_LIMIT_MIB)))
    if jmh:
        what = {"apacheParseDetect": "allocation per line, parse + detect (JMH `-prof gc`)",
                "apacheCommonPathAggregate": "allocation per line, parse + detect + aggregate, lines that are no attempt (JMH)"}
        for b in jmh:
            if b["name"] in what:
                alloc = b["alloc"]
                rows.append((what[b["name"]], alloc is not None and f"{alloc:.3f} B/line",
                             "0 (< 1 B/line)", verdict(alloc, 1) if alloc is not None else "not measured"))
    return rows


def dense_targets(a, by):
    """Issue 18's targets, per dense log and on the sparse apache.log: (log, target, measured, limit, verdict) rows."""
    rows = []

    def verdict(value, limit, goal=None):
        if value is None:
            return "not measured"
        if goal is not None and value <= goal:
            return "**met, goal met too**"
        if value <= limit:
            return "**met**" + ("" if goal is None else f" (goal {goal:g}× not met)")
        return f"**missed** by {value / limit:.2f}×"

    def outputs(name):
        b = by.get(name)
        if not b or b.get("outputs") is None or b["median"] <= 0:
            return None, None
        share = b["outputs"] / b["median"]
        return share, f"{share:.0%} ({fmt_s(b['outputs'])} of {fmt_s(b['median'])} s; report model {fmt_s(b['model'])} s)"

    logs = [("apache.log (sparse)", "wormsign", "grep", "wormsign-gz", "gzip")]
    logs += [(f"{dense_name(share)}.log", f"wormsign-{dense_name(share)}", f"grep-{dense_name(share)}",
              f"wormsign-{dense_name(share)}-gz", f"gzip-{dense_name(share)}") for share, _ in a.dense]
    for label, plain, grep_, gz, gunzip in logs:
        r = ratio(by, plain, grep_)
        cpu = by.get(plain, {}).get("cpu_s")
        rows.append((label, "whole run vs `grep -c default.ida`", r and f"{r:.2f}× (wormsign {cpu:.1f} CPU s)", "≤ 3× (goal 2×)", verdict(r, 3, 2)))
        r = ratio(by, gz, gunzip)
        rows.append((label, "`.gz` vs `gzip -dc`", r and f"{r:.2f}×", "≤ 1.25×", verdict(r, 1.25)))
        b, cp = by.get(plain), by.get(f"cp-{plain}")
        if b and cp and b.get("outputs") is not None and cp["median"] > 0:
            r = b["outputs"] / cp["median"]
            rows.append((label, "writing the outputs vs `cp` of as many bytes", f"{r:.2f}× ({fmt_s(b['outputs'])} s against {fmt_s(cp['median'])} s)",
                         "disk-like (hundreds of MB/s)", "measured"))
        for name, form in ((plain, "plain"), (gz, ".gz")):
            share, text = outputs(name)
            rows.append((label, f"outputs' share of the run, {form}", text, f"≤ {OUTPUTS_SHARE_LIMIT:.0%}",
                         verdict(share and share / OUTPUTS_SHARE_LIMIT, 1) if share is not None else "not measured"))
        rss = [by[n]["rss"] for n in (plain, gz) if n in by]
        peak = max(rss) if rss else None
        rows.append((label, "peak RSS, plain and .gz", peak and f"{peak:.0f} MiB", f"≤ {RSS_LIMIT_MIB} MiB", verdict(peak, RSS_LIMIT_MIB)))
    return rows


def markdown(a, info, load_before, load_after, gen, cmds, by, jmh, jmh_error, logs, million, dense, work, jar_info, rounds, stopped, warmed, argv):
    short = [(str(work / "out") + "/", "$OUT/"), (str(logs) + "/", "$DATA/"), (str(million) + "/", "$DATA_M/"), (str(dense) + "/", "$DATA_D/"),
             (str(work) + "/", "$RUN/"), (str(Path.home()), "~")]
    truth = read_props(logs / "truth.properties")
    mtruth = read_props(million / "million.truth.properties")
    L = []
    L.append(f"# wormsign benchmark, {info['date']}")
    L.append("")
    L.append(f"Command: `bench/run.sh {' '.join(shlex.quote(x) for x in argv)}`".replace("`bench/run.sh `", "`bench/run.sh`"))
    L.append("")
    L.append("## Machine")
    L.append("")
    L.append(f"- {info['nproc']} cores ({info['cpu']}), {info['memory']} memory, Linux {info['kernel']}")
    L.append(f"- {info['java']}")
    L.append(f"- disk of the data: {info['disk']}")
    L.append(f"- {info['grep']}; {info['gzip']}")
    L.append(f"- load average (1, 5, 15 min) before: {load_before}; after: {load_after}")
    L.append(f"- wormsign: {jar_info}")
    L.append("")
    L.append("## Data")
    L.append("")
    simulated = truth.get("source") == "simulate"
    made = (f"apache.log, nginx.log and w3c.log by `wormsign simulate` (seed {a.seed}: one Apache 2.4 server and its "
            f"`--also-as nginx-combined,iis-w3c` mirrors), million.log by `bench/GenerateLogs.java`" if simulated
            else f"all made by `bench/GenerateLogs.java` (seed {a.seed})")
    L.append(f"`$DATA` = `{logs}`, `$DATA_M` = `{million}`, `$DATA_D` = `{dense}`, `$OUT` = `{work / 'out'}`; {made}"
             + (", the dense logs by `bench/GenerateLogs.java dense`." if a.dense else "."))
    L.append("")
    L.append("| file | size | lines | Code Red I / II attempts | sources I / II | other |")
    L.append("|---|---|---|---|---|---|")
    sz = lambda p: human(p.stat().st_size)
    if simulated:
        other = "ordinary traffic, Nimda from 18 September (not counted by the simulator's truth), no junk"
    else:
        other = f"{truth['nimda']:,} Nimda, {truth['other_ida']:,} other .ida, {truth['rejected']:,} junk, {truth['skipped']:,} blank"
    L.append(f"| apache.log, nginx.log | {sz(logs / 'apache.log')}, {sz(logs / 'nginx.log')} | {truth['lines']:,} | "
             f"{truth['code_red']:,} / {truth['code_red_ii']:,} | {truth['code_red_sources']:,} / {truth['code_red_ii_sources']:,} | {other} |")
    L.append(f"| w3c.log | {sz(logs / 'w3c.log')} | {truth['w3c_lines']:,} | same | same | same, and {truth['w3c_skipped'] - truth['skipped']:,} header lines |")
    gzsize = (logs / "apache.log.gz").stat().st_size
    L.append(f"| apache.log.gz | {human(gzsize)} | | the {PARTS} part-N.log.gz (quarters of apache.log, gzip -6) joined | | |")
    L.append(f"| million.log | {sz(million / 'million.log')} | {mtruth['lines']:,} | {mtruth['code_red']:,} / {mtruth['code_red_ii']:,} | "
             f"{mtruth['code_red_sources']:,} / {mtruth['code_red_ii_sources']:,} ({mtruth['sources']:,} distinct) | ordinary traffic |")
    if (million / "million.log.gz").exists():
        L.append(f"| million.log.gz | {human((million / 'million.log.gz').stat().st_size)} | | million.log, gzip -1 | | |")
    for share, n in a.dense:
        name = dense_name(share)
        d = read_props(dense / f"{name}.truth.properties")
        L.append(f"| {name}.log (Code Red {d['code_red_share_percent']} % of the lines) | {sz(dense / (name + '.log'))}; .gz {sz(dense / (name + '.log.gz'))} | "
                 f"{d['lines']:,} | {d['code_red']:,} / {d['code_red_ii']:,} | {d['code_red_sources']:,} / {d['code_red_ii_sources']:,} ({d['sources']:,} distinct, "
                 f"{d['off_schedule_sources']:,} off schedule) | {d['off_schedule']:,} off-schedule attempts, {d['nimda']:,} Nimda, {d['other_ida']:,} other .ida, "
                 f"{d['lines'] - d['code_red'] - d['code_red_ii'] - d['nimda'] - d['other_ida']:,} scans and visits; no junk |")
    L.append("")
    if gen:
        L.append("Generated in this run: " + "; ".join(f"{k} {v:.0f} s" for k, v in gen.items()) + ".")
    else:
        L.append("Reused from an earlier run (same seed, size and generator).")
    L.append(f"Read once before the rounds to warm the page cache: {warmed[0] / 1e9:.1f} GB in {warmed[1]:.1f} s.")
    L.append("")
    L.append(f"## Results: medians of {rounds} round{'s' if rounds != 1 else ''}, order rotated each round")
    L.append("")
    if stopped:
        L.append(f"**Stopped after {rounds} of {a.runs} rounds: the next would have ended past the {a.budget:g}-minute budget (`--budget`).**")
        L.append("")
    L.append("| name | what | runs | median s | min – max s | MB/s | ratio | CPU s | cores busy | peak RSS MiB | outputs s | check |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c in cmds:
        if c.name not in by:
            continue
        b = by[c.name]
        r = ratio(by, c.name, c.ref) if c.ref else None
        rtxt = f"{r:.2f}× {c.ref}" if r is not None else ""
        mbs = c.bytes_in / 1e6 / b["median"] if b["median"] > 0 else 0
        chk = c.check or ""
        if c.failures:
            chk = f"FAILED {len(c.failures)}×; " + chk
        if c.wormsign and getattr(c, "formats", None):
            chk += f" ({', '.join(c.formats)})"
        outs = f"{fmt_s(b['outputs'])} ({b['outputs'] / b['median']:.0%})" if b.get("outputs") is not None and b["median"] > 0 else ""
        L.append(f"| {c.name} | {c.what} | {b['n']} | {fmt_s(b['median'])} | {fmt_s(b['min'])} – {fmt_s(b['max'])} | {mbs:,.0f} | {rtxt} | "
                 f"{fmt_s(b['cpu_s'])} | {b['cores']:.2f} | {b['rss']:,.0f} | {outs} | {chk} |")
    L.append("")
    L.append("MB/s: bytes of the (decompressed) log per second. CPU s: median user + system CPU seconds, less moved by "
             "other work on the machine than wall time. cores busy: (user + system CPU) / wall time. "
             "outputs s: wormsign's own `--debug` time for writing the five outputs (median), and its share of the median wall time. "
             "check: the run's counts (lines, records, rejects, Code Red attempts and sources; on GenerateLogs' data also Nimda, "
             "other .ida and off-schedule) equal the data's truth; on simulated data the nginx and W3C runs count what the Apache "
             "run counts (Code Red, Nimda, other .ida, off-schedule, answered 400); on the dense logs also Nimda, other .ida, off-schedule "
             "and every source's Code Red I, II and off-schedule attempts in `hosts.csv`; and grep's count equals the lines holding `default.ida`.")
    L.append("")
    L.append("## Targets (issue 7)")
    L.append("")
    L.append("| target | measured | limit | verdict |")
    L.append("|---|---|---|---|")
    for t in targets(by, cmds, jmh):
        L.append(f"| {t[0]} | {t[1] or '—'} | {t[2]} | {t[3]} |")
    L.append("")
    L.append("## Targets on the dense logs (issue 18)")
    L.append("")
    L.append("Each dense log and the sparse apache.log: wormsign against `LC_ALL=C grep -c default.ida` and against `gzip -dc` "
             "on the same file, measured in the same rounds; the outputs' share is wormsign's `--debug` outputs time over its wall time.")
    L.append("")
    L.append("| log | target | measured | limit | verdict |")
    L.append("|---|---|---|---|---|")
    for t in dense_targets(a, by):
        L.append(f"| {t[0]} | {t[1]} | {t[2] or '—'} | {t[3]} | {t[4]} |")
    L.append("")
    L.append("## JMH: parse, detect and aggregate per line (`ParseDetectBenchmark`, `-prof gc`)")
    L.append("")
    if jmh:
        L.append("| benchmark | ns/line | ± | lines/s | gc.alloc.rate.norm B/line |")
        L.append("|---|---|---|---|---|")
        for b in jmh:
            alloc = "—" if b["alloc"] is None else f"{b['alloc']:.3f}"
            L.append(f"| {b['name']} | {b['score']:.1f} | {b['error']:.1f} | {1e9 / b['score'] / 1e6:.2f} M | {alloc} |")
    elif jmh_error:
        L.append(f"Not run: {jmh_error}")
    else:
        L.append("Not run (`--no-jmh` or `--quick`).")
    L.append("")
    L.append("## Commands")
    L.append("")
    L.append("Each run is `/usr/bin/time -f '%e %U %S %M' -o … COMMAND`, timed from outside as well; wall time is the outer one. "
             "wormsign runs as `./wormsign` would run it, minus the launcher's staleness check: `java` with the launcher's "
             "`WORMSIGN_JVM_DEFAULTS`, its class-data archive (made for the snapshot the same way) and `$JAVA_OPTS`, `-jar` a "
             "snapshot of `target/wormsign.jar` taken at the start, so a rebuild during the run cannot change what is timed.")
    L.append("")
    L.append("```")
    for c in cmds:
        L.append(f"{c.name}: {c.display(short)}")
    L.append("```")
    fails = [(c.name, f) for c in cmds for f in c.failures]
    if fails:
        L.append("")
        L.append("## Failures")
        L.append("")
        for n, f in fails:
            L.append(f"- {n}: {f.strip()[:800]}")
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# JMH


def run_jmh(work):
    """Compiles bench/jmh with the bench profile and runs ParseDetectBenchmark with the GC profiler."""
    if not shutil.which("mvn"):
        return None, "Maven (mvn) is not on the PATH"
    cp_file = work / "jmh-classpath.txt"
    log("JMH: compiling with mvn -Pbench test-compile ...")
    p = subprocess.run(["mvn", "-q", "-B", "-Pbench", "-DskipTests", "test-compile", "dependency:build-classpath",
                        f"-Dmdep.outputFile={cp_file}", "-Dmdep.includeScope=test"], cwd=REPO, capture_output=True, text=True)
    if p.returncode != 0:
        (work / "jmh-build.log").write_text(p.stdout + p.stderr)
        return None, f"the bench profile did not compile (see {work / 'jmh-build.log'})"
    cp = f"{REPO / 'target/test-classes'}:{REPO / 'target/classes'}:{cp_file.read_text().strip()}"
    log("JMH: ParseDetectBenchmark -prof gc (about two minutes) ...")
    out = work / "jmh.json"
    p = subprocess.run(["java", "-cp", cp, "org.openjdk.jmh.Main", "ParseDetectBenchmark", "-prof", "gc", "-rf", "json", "-rff", str(out)],
                       capture_output=True, text=True)
    (work / "jmh.txt").write_text(p.stdout + p.stderr)
    if p.returncode != 0 or not out.exists():
        return None, f"JMH failed (see {work / 'jmh.txt'})"
    res = []
    for b in json.loads(out.read_text()):
        pm = b["primaryMetric"]
        alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        res.append({"name": b["benchmark"].split(".")[-1], "score": pm["score"], "error": pm.get("scoreError") or 0,
                    "alloc": alloc})
    return res, None


# ---------------------------------------------------------------------------------------------------------------


def find_goaccess(a):
    if a.no_goaccess:
        return None
    g = shutil.which("goaccess")
    if g:
        return g
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("goaccess is not installed: apt-get install -y goaccess ...")
        p = subprocess.run(["apt-get", "install", "-y", "goaccess"], capture_output=True, text=True,
                           env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        if p.returncode == 0:
            return shutil.which("goaccess")
        log("could not install goaccess; going on without it")
    else:
        log("goaccess is not installed (apt-get install goaccess): going on without it")
    return None


def snapshot_jar(a, work, name="wormsign.jar"):
    if a.jar:
        jar = Path(a.jar).resolve()
        return jar, f"`{jar}` (given with --jar), sha256 {file_sha256(jar)[:16]}"
    log("building target/wormsign.jar if stale (./wormsign --version) ...")
    p = subprocess.run([str(REPO / "wormsign"), "--version"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench: ./wormsign --version failed: {p.stderr.strip()}")
    jar = work / name
    shutil.copy2(REPO / "target/wormsign.jar", jar)
    commit = sh(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]) or "?"
    dirty = sh(["git", "-C", str(REPO), "status", "--porcelain", "--", "src/main", "pom.xml"])
    n = len(dirty.splitlines()) if dirty else 0
    state = f"commit {commit}" + (f" with {n} uncommitted change{'s' if n != 1 else ''} in src/main or pom.xml" if n else ", clean")
    version = ", ".join(l.strip() for l in p.stdout.strip().splitlines())
    return jar, f"{version}, {state}; jar sha256 {file_sha256(jar)[:16]}"


def main(argv):
    a = parse_args(argv)
    if not Path("/usr/bin/time").exists():
        sys.exit("bench: needs GNU time as /usr/bin/time (apt-get install time)")
    data = Path(a.data).resolve()
    try:
        data.relative_to(REPO)
        log(f"warning: the data folder {data} is inside the repository")
    except ValueError:
        pass
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    work = data / "runs" / stamp
    (work / "out").mkdir(parents=True, exist_ok=True)
    load_before = load()
    info = machine_info(data)
    jar, jar_info = (None, None) if a.prepare else snapshot_jar(a, work)
    goaccess = None if a.prepare else find_goaccess(a)

    logs = logs_folder(a, data)
    million = data / f"million-seed{a.seed}-{a.sources}"
    # Named by what makes its bytes besides the generator: the seed, the size and the largest source count.
    dense = data / f"dense-seed{a.seed}-{a.dense_size:g}GiB-{max((n for _, n in a.dense), default=0)}"
    gen = {}

    def simulator():
        # The timed snapshot is this checkout's jar; with --jar or --prepare, build this checkout's for simulating.
        if jar and not a.jar:
            return jar
        return snapshot_jar(argparse.Namespace(jar=None), work, name="simulator.jar")[0]

    g = generate_logs(a, logs, simulator)
    if g:
        what = "simulated apache/nginx/W3C logs" if a.data_source == "simulate" else "apache/nginx/W3C logs"
        gen.update({what: g["generate_s"], "gzip": g["gzip_s"]})
    g = generate_million(a, million)
    if g:
        gen.update({"million.log": g["generate_s"]})
    if a.dense:
        g = generate_dense(a, dense)
        if g:
            gen.update({"dense logs": g["generate_s"], "their gzip": g["gzip_s"]})

    if a.prepare:
        log(f"data ready in {logs}, {million}" + (f" and {dense}" if a.dense else ""))
        shutil.rmtree(work, ignore_errors=True)
        return 0
    cmds, _, _ = build_commands(a, logs, million, dense, work, jar, goaccess)
    files = sorted({str(f) for c in cmds for f in c.inputs})
    log(f"warming the page cache ({len(files)} files) ...")
    warmed = warm(files)

    log(f"{a.runs} round{'s' if a.runs != 1 else ''} of {len(cmds)} commands; results in {work}")
    started = time.perf_counter()
    rounds = 0
    stopped = False
    for rnd in range(a.runs):
        elapsed = time.perf_counter() - started
        this = [c for c in cmds if c.name != "goaccess" or rnd < a.goaccess_rounds]
        # The next round will take what its commands took last time.
        next_round = sum(c.samples[-1][1] for c in this if c.samples)
        if rnd > 0 and a.budget > 0 and elapsed + next_round > a.budget * 60:
            stopped = True
            log(f"stopping after {rnd} rounds: another (about {next_round:.0f} s) would end past the {a.budget:g}-minute budget")
            break
        k = rnd % len(this)
        order = this[k:] + this[:k]
        for c in order:
            wall = run_once(c, rnd + 1, work)
            log(f"round {rnd + 1}/{a.runs}: {c.name:17s} {wall:8.2f} s  {c.samples[-1][4] / 1024:7.0f} MiB  {c.check}")
        rounds += 1
    load_after = load()
    cross_check(cmds, read_props(logs / "truth.properties"))

    jmh, jmh_error = (None, None)
    if a.jmh:
        jmh, jmh_error = run_jmh(work)
        if jmh_error:
            log(f"JMH: {jmh_error}")

    if not a.keep_outputs:
        for c in cmds:
            if c.out and c.out.is_dir():
                for f in c.out.iterdir():
                    if f.name != "summary.json" and f.is_file():
                        f.unlink()
        (work / "out" / "goaccess.html").unlink(missing_ok=True)
        shutil.rmtree(work / "cp", ignore_errors=True)
    by = summarize(cmds)
    with open(work / "measurements.csv", "w") as f:
        f.write("name,round,wall_s,user_s,sys_s,max_rss_kib\n")
        for c in cmds:
            for s in c.samples:
                f.write(f"{c.name},{s[0]},{s[1]:.3f},{s[2]:.2f},{s[3]:.2f},{s[4]}\n")
    md = markdown(a, info, load_before, load_after, gen, cmds, by, jmh, jmh_error, logs, million, dense, work, jar_info, rounds, stopped, warmed, argv)
    (work / "results.md").write_text(md)
    if a.results:
        Path(a.results).write_text(md)
    print(md)
    log(f"results: {work / 'results.md'} (and measurements.csv, out/)")
    bad = [c.name for c in cmds if c.failures or (c.check and c.check != "ok")]
    if bad:
        log(f"some runs failed or disagree with the truth: {', '.join(bad)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
