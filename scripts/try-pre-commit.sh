#!/usr/bin/env bash
# Proves the `liplint` hook of .pre-commit-hooks.yaml works: `pre-commit try-repo` against a local clone of
# this repository (its committed HEAD), in a temporary git repository with a bundled model staged for commit,
# once where the hook passes and once where it fails (a liplint.yml with `fail-on: warning`).
#
# pre-commit's swift language builds liplint with `swift build -c release` in its cache: a few minutes, so
# this is a script and not part of `make test`. `try-repo` always uses a fresh temporary cache, so each of
# the two runs builds (a real .pre-commit-config.yaml builds once per rev and reuses it). Output recorded in
# docs/pre-commit.md.
#
# Usage: scripts/try-pre-commit.sh [MODEL.onnx]   (default: fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:-$root/fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx}"
[ -f "$model" ] || { echo "try-pre-commit: no model at $model" >&2; exit 2; }

say() { printf '\n== %s\n' "$*"; }

say "system packages (scripts/setup.sh)"
"$root/scripts/setup.sh"
echo "ok"

if ! command -v pre-commit >/dev/null 2>&1; then
  say "installing pre-commit from PyPI"
  python3 -m pip install -q pre-commit
fi
pre_commit=(pre-commit)
command -v pre-commit >/dev/null 2>&1 || pre_commit=(python3 -m pre_commit)
echo "$("${pre_commit[@]}" --version)"

if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "try-pre-commit: note: uncommitted changes in $root are not in the clone; the committed HEAD is tested" >&2
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/try-pre-commit.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

say "cloning $root ($(git -C "$root" rev-parse --short HEAD)) into a temporary clone"
git clone --quiet --no-local "$root" "$tmp/liplint"
git -C "$tmp/liplint" log -1 --format='%h %s'

work="$tmp/models"
git init --quiet "$work"
git -C "$work" config user.email try-pre-commit@example.invalid
git -C "$work" config user.name try-pre-commit
cp "$model" "$work/"
git -C "$work" add "$(basename "$model")"
say "temporary repository with $(basename "$model") staged"
git -C "$work" status --short

run_hook() {  # prints pre-commit's output; returns its exit status
  local rc=0
  (cd "$work" && "${pre_commit[@]}" try-repo "$tmp/liplint" liplint --verbose --color never) || rc=$?
  return "$rc"
}

say "1. hook passes: no liplint.yml (warnings only, fail-on error) (try-repo builds liplint: swift build -c release)"
start=$SECONDS
if run_hook; then
  echo "-> passed as expected (in $((SECONDS - start)) s)"
else
  echo "try-pre-commit: FAILED: the hook failed on a model with warnings only" >&2
  exit 1
fi

printf 'fail-on: warning\n' > "$work/liplint.yml"
git -C "$work" add liplint.yml
say "2. hook fails: liplint.yml sets fail-on: warning (try-repo builds again, in a fresh cache)"
cat "$work/liplint.yml"
start=$SECONDS
if run_hook; then
  echo "try-pre-commit: FAILED: the hook passed although liplint.yml sets fail-on: warning" >&2
  exit 1
else
  echo "-> failed as expected (in $((SECONDS - start)) s)"
fi

say "try-pre-commit: OK (hook passes and fails as configured)"
