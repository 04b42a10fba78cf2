#!/usr/bin/env bash
# Proves the repository stands alone: clones the committed HEAD into a fresh temporary directory that has
# nothing beside it (no ../shared, no .build), and runs `make test` there. Uncommitted changes are not part
# of the clone. Exit status: make's.
#
#   scripts/standalone-test.sh                          # the whole release suite (as CI: ~10+ min on 2 cores)
#   LIPLINT_STANDALONE_FILTER=LoaderFixtureModelsTests scripts/standalone-test.sh   # a narrowed run
#   LIPLINT_STANDALONE_TARGET=test-debug ...            # the debug suite instead of the release one
#   LIPLINT_STANDALONE_KEEP=1 ...                       # keep the clone (its path is printed)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
target="${LIPLINT_STANDALONE_TARGET:-test}"
workdir="$(mktemp -d "${TMPDIR:-/tmp}/liplint-standalone.XXXXXX")"
if [ -z "${LIPLINT_STANDALONE_KEEP:-}" ]; then trap 'rm -rf "$workdir"' EXIT; fi
clone="$workdir/liplint"
git clone --quiet --no-local "$repo" "$clone"
git -C "$clone" checkout --quiet --detach "$(git -C "$repo" rev-parse HEAD)"
# Nothing but the clone may sit beside it: a test that reads ../shared (or any sibling) fails here.
if [ "$(ls -A "$workdir")" != "liplint" ]; then
  echo "standalone-test: $workdir is not empty besides the clone" >&2
  exit 1
fi
echo "standalone-test: $(git -C "$clone" rev-parse --short HEAD) cloned into $clone; make $target" >&2
args=()
if [ -n "${LIPLINT_STANDALONE_FILTER:-}" ]; then args=(TEST_ARGS="--filter ${LIPLINT_STANDALONE_FILTER}"); fi
cd "$clone"
make "$target" "${args[@]}"
