# Lightbox: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the build links against (OSMesa/GL, libpng, libjpeg-turbo, zlib, OpenJPEG, CharLS) and the
# tools the tests use (Orthanc with its DICOMweb plugin is the server the DICOMweb tests stream from; dcm2niix is
# the independent geometry reference of GeometryAgainstDcm2niixTests; DCMTK's dcmcjpls/dcmcjpeg/dcmdjpeg make the
# JPEG-LS and 12-bit JPEG fixtures of the codec tests; CharLS is their JPEG-LS reference, no longer a decoder).
APT_PACKAGES := libosmesa6-dev libgl-dev libpng-dev libjpeg62-turbo-dev zlib1g-dev libopenjp2-7-dev libcharls-dev pkg-config make python3 python3-pip unzip orthanc orthanc-dicomweb dcm2niix dcmtk

.PHONY: deps demo test test-asan test-tsan testdata goldens bench fuzz fuzz-smoke soak

## deps: install the Debian packages the build needs (only those missing)
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

## demo: build, then render the built-in PET/CT phantom demo to ./lightbox-demo/
demo: deps
	$(SWIFT) run -c release lightbox demo

## testdata: fetch the pinned pydicom test files into .testdata/ (checksummed)
testdata:
	scripts/fetch-testdata.sh

## test: the whole test suite (installs what it needs first; starts and stops the local Orthanc servers)
test: deps testdata
	$(SWIFT) build --build-tests
	scripts/orthanc.sh start >/dev/null
	status=0; $(SWIFT) test --skip-build --disable-swift-testing || status=$$?; scripts/orthanc.sh stop; exit $$status

## test-asan: the DICOM tests (codecs, malformed input) under AddressSanitizer, built from the small package in
## Tests/ASan (the DICOM layer alone, so the sanitizer build skips the HTTP/TLS stacks); third-party leaks suppressed
test-asan: deps testdata
	LIGHTBOX_TESTDATA=$(CURDIR)/.testdata LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/DICOMTests/Fixtures/lsan-suppressions.txt \
	  $(SWIFT) test --package-path Tests/ASan --sanitize=address --disable-swift-testing

## test-tsan: the whole test suite under ThreadSanitizer (slow; not in CI), reports in .build-tsan/tsan.log
test-tsan: deps testdata
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	scripts/orthanc.sh start >/dev/null
	status=0; TSAN_OPTIONS=$${TSAN_OPTIONS:-halt_on_error=0} $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan \
	  --disable-swift-testing > .build-tsan/tsan.log 2>&1 || status=$$?; scripts/orthanc.sh stop; \
	  grep -c "WARNING: ThreadSanitizer" .build-tsan/tsan.log || true; tail -3 .build-tsan/tsan.log; exit $$status

## goldens: regenerate golden images after an intended rendering change
goldens: deps
	LIGHTBOX_UPDATE_GOLDENS=1 $(SWIFT) test --filter GoldenTests

## bench: every benchmark on the 512×512×300 phantom (they print figures; nothing here is a test)
bench: deps
	$(SWIFT) build -c release --product lightbox
	.build/release/lightbox phantom --out .build-bench/phantom --ct-size 512x512x300 --ct-spacing 0.8,2 --quiet
	.build/release/lightbox bench read .build-bench/phantom/CT
	.build/release/lightbox bench load .build-bench/phantom/CT
	.build/release/lightbox bench render
	.build/release/lightbox bench thumbnails
	# JPEG-LS frames for bench codecs: CT lossless (signed), PET near-lossless (DCMTK codes NEAR > 0 unsigned only)
	mkdir -p .build-bench/jpegls && for m in CT PET; do for f in $$(ls .build-bench/phantom/$$m | awk 'NR % 15 == 1'); do \
	  if [ $$m = CT ]; then o=+el; else o="+en +md 2"; fi; dcmcjpls $$o .build-bench/phantom/$$m/$$f .build-bench/jpegls/$$f; done; done
	.build/release/lightbox bench codecs .build-bench/jpegls

## fuzz: libFuzzer targets (Fuzz/Targets) for FUZZ_TIME seconds each (default 600), corpora kept in .build-fuzz/
fuzz: deps testdata
	FUZZ_TIME=$${FUZZ_TIME:-600} scripts/fuzz.sh

## fuzz-smoke: every fuzz target for about 60 s, two at a time (CI runs this); fails on any finding
fuzz-smoke: deps testdata
	FUZZ_TIME=$${FUZZ_TIME:-60} FUZZ_PARALLEL=$${FUZZ_PARALLEL:-2} FUZZ_MAX_LEN=$${FUZZ_MAX_LEN:-16384} scripts/fuzz.sh

## soak: the bounded soak test alone (LIGHTBOX_SOAK_SECONDS, default 30)
soak: deps
	$(SWIFT) test --disable-swift-testing --filter SoakTests
