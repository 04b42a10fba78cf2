#!/usr/bin/env bash
# Prints the newest glibc symbol version an executable needs, e.g. `2.34`: the highest GLIBC_2.N among the
# dynamic symbols it imports (objdump -T). The executable runs on any glibc at least that new, which is
# what the wheel's `manylinux_2_N_x86_64` tag promises (PEP 600).
# Usage: scripts/glibc-requirement.sh EXECUTABLE
set -euo pipefail
exe=${1:?usage: glibc-requirement.sh EXECUTABLE}
versions=$(objdump -T "$exe" | grep -o 'GLIBC_2\.[0-9.]*' | sed 's/^GLIBC_//' | sort -u -V)
[ -n "$versions" ] || { echo "glibc-requirement: $exe imports no versioned glibc symbols" >&2; exit 2; }
tail -n 1 <<<"$versions"
