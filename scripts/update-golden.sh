#!/usr/bin/env bash
# Regenerates the golden files of fixtures/golden/ from the current debug build: one file per line of
# cases.txt (NAME EXIT ARGS...), written from liplint's standard output. Run it only when a report format
# changed on purpose, and review the diff (`git diff fixtures/golden`) before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product liplint >/dev/null
bin="$(swift build --show-bin-path)/liplint"
dir=fixtures/golden
status=0
# One BLAS kernel on every x86-64 CPU (the generic one), as GoldenFileTests runs: full-precision JSON shows the
# last bits, which differ between kernels.
export OPENBLAS_CORETYPE=Prescott
# A fresh cache directory of its own (as the tests' runs get): every case is computed, nothing is left behind.
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
while read -r name expected args; do
  case "$name" in ""|"#"*) continue ;; esac
  # shellcheck disable=SC2086  # the arguments are whitespace-separated by design
  set +e; NO_COLOR=1 LIPLINT_CACHE_DIR="$cache/$name" "$bin" $args </dev/null >"$dir/$name.tmp" 2>/dev/null; code=$?; set -e
  mv "$dir/$name.tmp" "$dir/$name"
  if [ "$code" != "$expected" ]; then
    echo "update-golden: $name: liplint exited $code, cases.txt expects $expected" >&2
    status=1
  fi
  echo "update-golden: wrote $dir/$name" >&2
done <"$dir/cases.txt"
exit $status
