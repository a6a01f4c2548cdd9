#!/usr/bin/env bash
# The benchmark of issues 7 and 18 in one command: generates the data (reused when there), runs wormsign, grep, gzip
# and goaccess alternately, prints medians, ratios, peak RSS and the targets met. See bench/README.md.
#   bench/run.sh                 full run: 3 GiB per form, 1,000,000 sources, dense logs of 1 GiB, 3 rounds, JMH
#   bench/run.sh --quick         smoke test: 0.3 GiB, 100,000 sources, dense logs of 0.1 GiB, one round, no JMH
#   bench/run.sh --help          every option
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null 2>&1 || { echo "bench: needs python3" >&2; exit 2; }
command -v java >/dev/null 2>&1 || { echo "bench: needs java (17+)" >&2; exit 2; }
exec python3 "$here/bench.py" "$@"
