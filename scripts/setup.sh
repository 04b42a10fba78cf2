#!/usr/bin/env bash
# Installs the system packages liplint builds against, when any is missing. Idempotent and silent when
# everything is already there. Needs root (or sudo) only when something must be installed.
set -euo pipefail
# libgfortran-12-dev: only `make dist` needs it (the static Fortran runtime of OpenBLAS's LAPACK).
# bsdutils provides script(1), which the terminal tests (colour, progress bar) run liplint under.
packages=(libprotobuf-c-dev protobuf-c-compiler libfftw3-dev liblapacke-dev libopenblas-dev pkg-config
  libgfortran-12-dev bsdutils)
missing=()
# Python's jsonschema validates the SARIF output in the test suite: pip when it works, else Debian's package.
if command -v python3 >/dev/null && ! python3 -c "import jsonschema" >/dev/null 2>&1; then
  python3 -m pip install -q jsonschema >/dev/null 2>&1 || packages+=(python3-jsonschema)
fi
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
