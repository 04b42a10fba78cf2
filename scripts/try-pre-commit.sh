#!/usr/bin/env bash
# Proves a hook of .pre-commit-hooks.yaml works: `pre-commit try-repo` against a local clone of this
# repository (its committed HEAD), in a temporary git repository with a bundled model staged for commit,
# once where the hook passes and once where it fails (a liplint.yml with `fail-on: warning`).
#
# --hook liplint (default): pre-commit's swift language builds liplint with `swift build -c release` in its
# cache: a few minutes. --hook liplint-wheel: pre-commit's python language runs `pip install .` in the clone
# (the root pyproject.toml), which installs the liplint wheel; the wheel comes from dist/ (`make dist
# wheel` first) through PIP_FIND_LINKS with PIP_NO_INDEX, its pinned build backend from a wheelhouse that
# this script downloads from PyPI beforehand, so the hook's install itself never reaches an index.
# `try-repo` always uses a fresh temporary cache, so each of the two runs installs the hook (a real
# .pre-commit-config.yaml installs once per rev and reuses it). Not part of `make test`. Output recorded in
# docs/pre-commit.md.
#
# Usage: scripts/try-pre-commit.sh [--hook liplint|liplint-wheel] [MODEL.onnx]
#        (default model: fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hook=liplint
if [ "${1:-}" = --hook ]; then hook=${2:?--hook needs liplint or liplint-wheel}; shift 2; fi
case "$hook" in liplint | liplint-wheel) ;; *) echo "try-pre-commit: unknown hook $hook" >&2; exit 2 ;; esac
model="${1:-$root/fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx}"
[ -f "$model" ] || { echo "try-pre-commit: no model at $model" >&2; exit 2; }

say() { printf '\n== %s\n' "$*"; }

if [ "$hook" = liplint ]; then
  say "system packages (scripts/setup.sh)"
  "$root/scripts/setup.sh"
  echo "ok"
  installs="try-repo builds liplint: swift build -c release"
else
  wheels=("$root"/dist/liplint-*.whl)
  [ -f "${wheels[0]}" ] || { echo "try-pre-commit: no dist/liplint-*.whl; run make dist wheel first" >&2; exit 2; }
  installs="try-repo installs the wheel: pip install ."
fi

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

if [ "$hook" = liplint-wheel ]; then
  say "wheelhouse: $(basename "${wheels[0]}") and the pinned build backend of pyproject.toml"
  mkdir -p "$tmp/wheelhouse"
  cp "${wheels[0]}" "$tmp/wheelhouse/"
  python3 -m pip download -q --disable-pip-version-check --only-binary :all: -d "$tmp/wheelhouse" \
    -r "$root/python/build-requirements.txt"
  (cd "$tmp/wheelhouse" && ls)
  export PIP_NO_INDEX=1 PIP_FIND_LINKS="$tmp/wheelhouse"
  say "no Swift toolchain on PATH for the hook"
  export PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e swift -e '^$' | paste -sd:)"
  if command -v swift >/dev/null 2>&1; then echo "swift still on PATH at $(command -v swift)" >&2; exit 2; fi
  echo "ok: swift is not on PATH"
fi

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
  (cd "$work" && "${pre_commit[@]}" try-repo "$tmp/liplint" "$hook" --verbose --color never) || rc=$?
  return "$rc"
}

say "1. hook passes: no liplint.yml (warnings only, fail-on error) ($installs)"
start=$SECONDS
if run_hook; then
  echo "-> passed as expected (in $((SECONDS - start)) s)"
else
  echo "try-pre-commit: FAILED: the hook failed on a model with warnings only" >&2
  exit 1
fi

printf 'fail-on: warning\n' > "$work/liplint.yml"
git -C "$work" add liplint.yml
say "2. hook fails: liplint.yml sets fail-on: warning (try-repo installs again, in a fresh cache)"
cat "$work/liplint.yml"
start=$SECONDS
if run_hook; then
  echo "try-pre-commit: FAILED: the hook passed although liplint.yml sets fail-on: warning" >&2
  exit 1
else
  echo "-> failed as expected (in $((SECONDS - start)) s)"
fi

say "try-pre-commit: OK (hook passes and fails as configured)"
