#!/usr/bin/env bash
# `make bench`: liplint's speed in units of one onnxruntime inference pass of the same model, measured in the
# same run (so the ratio holds on any machine), against a plain numpy/scipy implementation of the same
# figures on the same layers (Benchmarks/reference.py, one BLAS thread), with peak RSS. Prints one Markdown
# table for docs/benchmarks.md.
#
# Usage: Benchmarks/bench.sh [RUNS]   (default 3; liplint median of RUNS runs, peak RSS the largest)
#        LIPLINT_BIN=path/to/liplint skips the build; BENCH_STANDARD=0 skips the `--bounds standard` row;
#        BENCH_REFERENCE=0 skips the numpy/scipy reference (its `asymptotic` grid takes CPU-minutes per run).
# Python packages (onnx, onnxruntime, numpy, scipy) go into Benchmarks/out/venv, from PyPI, on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
if [ -n "${LIPLINT_BIN:-}" ]; then  # an already built liplint (e.g. another build directory)
  bin="$LIPLINT_BIN"
else
  swift build -c release --product liplint >/dev/null
  bin="$(swift build -c release --show-bin-path)/liplint"
fi
mkdir -p Benchmarks/out
venv=Benchmarks/out/venv
if ! "$venv/bin/python" -c "import onnx, onnxruntime, numpy, scipy" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q onnx onnxruntime numpy scipy
fi
py="$venv/bin/python"
resnet=Benchmarks/out/resnet50.onnx
[ -f "$resnet" ] || "$py" Benchmarks/make_resnet50.py "$resnet"

pass=$("$py" Benchmarks/ort_pass.py "$resnet" --size 224 --passes 30)
echo "onnxruntime pass (ResNet-50-shaped, 1x3x224x224, 2 threads): median ${pass} s; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "$("$bin" --version)" >&2

# measure LABEL liplint-args... : one table row. The reference computes the figures the run reported.
measure() {
  local label="$1"; shift
  local times=() rss=0 json=Benchmarks/out/bench-report.json
  for _ in $(seq "$runs"); do
    /usr/bin/time -o Benchmarks/out/time.txt -f "%e %M" "$bin" "$@" >"$json" 2>/dev/null || true
    local line; line=$(tail -1 Benchmarks/out/time.txt)
    times+=("${line% *}")
    local r="${line#* }"; [ "$r" -gt "$rss" ] && rss="$r"
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  local ref='{"skipped": true}'
  if [ "${BENCH_REFERENCE:-1}" = 1 ]; then
    ref=$(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$py" Benchmarks/reference.py "$resnet" "$json")
  fi
  "$py" - "$label" "$median" "$pass" "$rss" "$ref" "$*" <<'PY'
import json, sys
label, median, unit, rss, ref, args = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5]), sys.argv[6]
if ref.get("skipped"):
    print(f"| {label} | `liplint {args.replace('Benchmarks/out/', '')}` | {median:.2f} s | {unit*1000:.1f} ms | {median/unit:.0f} | "
          f"not run (BENCH_REFERENCE=0) | – | – | {rss // 1024} MB |")
    sys.exit(0)
diff = max(ref["maxRelDiff"].values()) if ref["maxRelDiff"] else 0.0
print(f"| {label} | `liplint {args.replace('Benchmarks/out/', '')}` | {median:.2f} s | {unit*1000:.1f} ms | {median/unit:.0f} | "
      f"{ref['total']:.2f} s ({', '.join(f'{k} {v:.1f} s' for k, v in ref['seconds'].items() if v > 0)}) | "
      f"{ref['total']/median:.1f}x | {diff:.1e} | {rss // 1024} MB |")
PY
}

echo "| workload | command | liplint median | onnxruntime pass | passes | numpy/scipy reference | reference / liplint | largest rel. difference | peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|"
measure "ResNet-50-shaped: --bounds fast" inspect "$resnet" --bounds fast --format json
measure "ResNet-50-shaped: default check" check "$resnet" --no-cache --format json
if [ "${BENCH_STANDARD:-1}" = 1 ]; then
  measure "ResNet-50-shaped: --bounds standard" inspect "$resnet" --bounds standard --format json
fi
