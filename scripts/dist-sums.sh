#!/usr/bin/env bash
# Writes dist/SHA256SUMS: the SHA-256 of every file in dist/ (sorted by name, `sha256sum -c` format), so a
# rebuild from the same tag can be compared file by file (docs/install.md, "Reproducible releases").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../dist"
find . -maxdepth 1 -type f ! -name SHA256SUMS ! -name '*.tmp' -printf '%f\n' | LC_ALL=C sort | xargs -r sha256sum >SHA256SUMS.tmp
mv SHA256SUMS.tmp SHA256SUMS
cat SHA256SUMS
