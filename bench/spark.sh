#!/usr/bin/env bash
# Issue 21's benchmark: the Spark job in this process (./wormsign spark --master local[2]) against the CLI
# (./wormsign analyze) on the same data, alternately (the order swapped each round), each timed by GNU time
# (wall, user+system CPU, peak RSS), with the scan's own seconds from the run's "read ... in S s" line:
#   tiny                  sample-logs/nginx (0.2 MB): the fixed cost of a run (for Spark, its session)
#   one large plain log   the 3 GiB apache.log of bench/run.sh's data (made by it with --prepare when missing)
#   500 rotated .gz       the 0.3 GiB apache.log cut into 500 line-aligned parts, each gzip -6'd (made here once)
# and checks that both wrote the same hosts.csv, evidence.csv and rejects.csv. The large log is cut into ranges of
# at least half of spark.wormsign.split.bytes (default 64m: 3 GiB is 96 tasks, and one to hash it); --split SIZE sets
# it (--split 1t: one task, as before ranges), --large-only times that log alone.
#   bench/spark.sh [--quick] [--rounds N] [--split SIZE] [--large-only]
#                                             --quick: the 0.3 GiB apache.log instead of the 3 GiB one
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
data="${BENCH_DATA:-/tmp/wormsign-bench}"
size=3
rounds=1
split=""
large_only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) size=0.3 ;;
        --rounds) rounds="$2"; shift ;;
        --split) split="$2"; shift ;;
        --large-only) large_only=1 ;;
        *) echo "bench/spark.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
command -v /usr/bin/time >/dev/null 2>&1 || { echo "bench/spark.sh: needs GNU time (apt-get install time)" >&2; exit 2; }

big="$data/logs-sim-seed1-${size}GiB/apache.log"
small="$data/logs-sim-seed1-0.3GiB/apache.log"
[ -f "$big" ] || python3 "$here/bench.py" --prepare --size "$size" --no-dense
[ -f "$small" ] || python3 "$here/bench.py" --prepare --size 0.3 --no-dense
rotated="$data/rotated-500"
if [ ! -f "$rotated/.done" ]; then
    echo "bench/spark.sh: cutting $small into 500 rotated .gz files in $rotated ..." >&2
    rm -rf "$rotated" && mkdir -p "$rotated"
    split -n l/500 -d -a 3 "$small" "$rotated/access_log."
    for f in "$rotated"/access_log.*; do gzip -6 "$f"; done
    touch "$rotated/.done"
fi

# Both built and listed before any timing: the jar, and Spark's class path.
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The CLI's first run after a build makes its class-data archive (./wormsign): done here, outside the timing.
(cd "$repo" && ./wormsign spark --help >/dev/null && ./wormsign analyze --no-progress -o "$out/warm" sample-logs/nginx >/dev/null 2>&1)
echo "| data | engine | round | wall s | scan s | CPU s (user+sys) | peak RSS MiB | same outputs |"
echo "|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
    inputs=("$repo/sample-logs/nginx" "$big" "$rotated")
    [ -n "$large_only" ] && inputs=("$big")
    for input in "${inputs[@]}"; do
        case "$input" in
            "$rotated") label="500 rotated .gz ($(du -sm "$rotated" | cut -f1) MB)" ;;
            "$big") label="apache.log ($(( $(stat -c %s "$input") / 1000000 )) MB${split:+, split $split})" ;;
            *) label="tiny (sample-logs/nginx)" ;;
        esac
        engines="cli spark"
        [ $((round % 2)) -eq 0 ] && engines="spark cli"
        rm -rf "$out/cli" "$out/spark"
        for engine in $engines; do
            if [ "$engine" = cli ]; then cmd=(./wormsign analyze --no-progress -o "$out/$engine" "$input")
            else cmd=(./wormsign spark --master 'local[2]' --no-progress -o "$out/$engine" "$input"); fi
            # A Spark setting given as a system property is the session's (./wormsign passes JAVA_OPTS to the job's JVM).
            (cd "$repo" && JAVA_OPTS="${JAVA_OPTS:-}${split:+ -Dspark.wormsign.split.bytes=$split}" /usr/bin/time -f '%e %U %S %M' -o "$out/time" "${cmd[@]}" >/dev/null 2>"$out/err") || true
            read -r wall user sys rss < <(tail -1 "$out/time")
            scan="$(sed -n 's/^wormsign: read .* in \([0-9.]*\) s .*/\1/p' "$out/err")"
            same=""
            if [ -d "$out/cli" ] && [ -d "$out/spark" ]; then
                same=yes
                for f in hosts.csv evidence.csv rejects.csv; do cmp -s "$out/cli/$f" "$out/spark/$f" || same="NO ($f)"; done
            fi
            printf '| %s | %s | %d | %.1f | %s | %.1f | %d | %s |\n' "$label" "$engine" "$round" "$wall" "${scan:-?}" "$(echo "$user + $sys" | bc)" $(( rss / 1024 )) "$same"
        done
    done
done
