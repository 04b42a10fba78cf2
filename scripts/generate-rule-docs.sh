#!/usr/bin/env bash
# Regenerates docs/rules/LIPnnn-name.md, one page per rule, from the rule descriptors (`liplint rule-page`,
# the same text as `liplint explain`). Tests/CLITests/CheckSarifRuleDocsTests.swift fails when a page is stale.
# Usage: scripts/generate-rule-docs.sh [path/to/liplint]   (default: a debug build of this checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
liplint="${1:-}"
if [ -z "$liplint" ]; then
  swift build --product liplint >/dev/null
  liplint="$(swift build --show-bin-path)/liplint"
fi
mkdir -p docs/rules
rm -f docs/rules/LIP*.md
"$liplint" rule-page --list | while read -r code file; do
  "$liplint" rule-page "$code" > "docs/rules/$file"
done
