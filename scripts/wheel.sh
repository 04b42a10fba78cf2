#!/usr/bin/env bash
# `make wheel`: the Python wheel that carries dist/liplint (run `make dist` first; `make wheel` does).
#
# The build tools (python/build-requirements.txt, pinned) are installed from PyPI into a virtual
# environment in .build-dist/wheel-tools. python/ is staged in .build-dist/wheel-src with the executable in
# liplint/bin/, and hatchling builds `liplint-VERSION-py3-none-manylinux_2_N_x86_64.whl` into dist/: N is
# the newest glibc the executable needs (scripts/glibc-requirement.sh), so pip installs the wheel exactly
# where the executable runs. hatchling writes entries in a fixed order with SOURCE_DATE_EPOCH (default: the
# commit time) as every timestamp, so the same inputs give the same wheel bytes. auditwheel (pinned too)
# then confirms the tag from the manylinux policies, libstdc++'s and libgcc_s's symbol versions included.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -x dist/liplint ] || { echo "wheel: no dist/liplint; run make dist first" >&2; exit 2; }
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
export PYTHONDONTWRITEBYTECODE=1

glibc=$(scripts/glibc-requirement.sh dist/liplint)
minor=${glibc#2.}
minor=${minor%%.*}
export LIPLINT_WHEEL_PLATFORM="manylinux_2_${minor}_x86_64"

tools=.build-dist/wheel-tools
[ -x "$tools/bin/python" ] || python3 -m venv "$tools"
"$tools/bin/python" -m pip install -q --disable-pip-version-check -r python/build-requirements.txt

stage=.build-dist/wheel-src
rm -rf "$stage"
mkdir -p "$stage/liplint/bin"
cp python/pyproject.toml python/hatch_build.py python/README.md "$stage/"
cp python/liplint/*.py "$stage/liplint/"
install -m 755 dist/liplint "$stage/liplint/bin/liplint"

rm -f dist/liplint-*.whl
"$tools/bin/python" -m pip wheel -q --disable-pip-version-check --no-deps --no-build-isolation \
  --wheel-dir dist "$stage"
wheel=$(ls dist/liplint-*.whl)
# auditwheel reads the executable's imported symbol versions and names the manylinux tag they allow.
audit=$("$tools/bin/auditwheel" show "$wheel" | tr '\n' ' ')
grep -q "consistent with the following platform tag: \"$LIPLINT_WHEEL_PLATFORM\"" <<<"$audit" ||
  { echo "wheel: auditwheel does not confirm $LIPLINT_WHEEL_PLATFORM: $audit" >&2; exit 1; }
echo "wheel: $wheel (glibc >= $glibc; auditwheel: consistent with $LIPLINT_WHEEL_PLATFORM)"
scripts/dist-sums.sh
