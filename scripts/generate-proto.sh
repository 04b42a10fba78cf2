#!/usr/bin/env bash
# Regenerates the committed protobuf-c code of the ONNXProtoC target from proto/onnx.proto.
# Usage: scripts/generate-proto.sh [OUTPUT_DIR]   (default: Sources/ONNXProtoC)
# With an OUTPUT_DIR the files are written there instead, which is how the test suite checks that the
# committed code is exactly what this script produces.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/Sources/ONNXProtoC}"
command -v protoc-c >/dev/null || { echo "generate-proto.sh: protoc-c not found (apt-get install protobuf-c-compiler)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$root/proto" && protoc-c --c_out="$tmp" onnx.proto)
mkdir -p "$out/include"
# The header goes to include/ (the module's public headers); the source includes it by plain name.
mv "$tmp/onnx.pb-c.h" "$out/include/onnx.pb-c.h"
mv "$tmp/onnx.pb-c.c" "$out/onnx.pb-c.c"
