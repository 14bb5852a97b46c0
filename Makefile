# Lightbox: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the build links against (OSMesa/GL, libpng, libjpeg-turbo, zlib, libdeflate, OpenJPEG, CharLS) and the
# tools the tests use (Orthanc with its DICOMweb plugin is the server the DICOMweb tests stream from; dcm2niix is
# the independent geometry reference of GeometryAgainstDcm2niixTests; munge and Slurm run the thumbnails array job of
# Tests/Slurm/run-array.sh; ImageMagick's compare the PSNR reference of MetricsAgainstToolsTests and the peer of
# `bench diff`; Chromium draws the diff report in DiffReportTests; ffmpeg encodes cine loops to MP4; man-db reads the
# installed man page and strace shows the shaders it opens in `make test-install`; DCMTK's dcmcjpls/dcmcjpeg/dcmdjpeg
# make the JPEG-LS and 12-bit JPEG fixtures of the codec tests; CharLS is their JPEG-LS reference, no longer a decoder;
# wrk loads `lightbox serve` in benchmarks/serve-load.sh).
APT_PACKAGES := libosmesa6-dev libgl-dev libpng-dev libjpeg62-turbo-dev zlib1g-dev libdeflate-dev libopenjp2-7-dev libcharls-dev pkg-config make python3 python3-pip python3-venv unzip orthanc orthanc-dicomweb dcm2niix munge slurmctld slurmd slurm-client imagemagick chromium ffmpeg man-db strace dcmtk wrk
# Where `make install` puts lightbox (bin/, share/lightbox/glsl and presets, share/man/man1, shell completions) and how it builds it.
PREFIX ?= /usr/local
CONFIG ?= release

.PHONY: deps demo install test-install test-without-traits reference-tools test test-slurm test-asan test-tsan testdata goldens bench fuzz fuzz-smoke soak

## deps: install the Debian packages the build needs (only those missing)
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

## demo: build (without the default DICOMweb trait, so the HTTP/TLS stack is not compiled), then render the built-in
## PET/CT phantom demo to ./lightbox-demo/
demo: deps
	$(SWIFT) run -c release --disable-default-traits lightbox demo

## install: build lightbox (CONFIG=release) and install it under PREFIX (default /usr/local): the binary, its shaders,
## the man page generated from the command definitions (swift-argument-parser's generate-manual plugin) and the
## bash, zsh and fish completion scripts
install: deps
	$(SWIFT) build -c $(CONFIG) --product lightbox
	$(SWIFT) package generate-manual --configuration $(CONFIG) >/dev/null
	install -d $(PREFIX)/bin $(PREFIX)/share/lightbox/glsl $(PREFIX)/share/lightbox/presets $(PREFIX)/share/man/man1 $(PREFIX)/share/bash-completion/completions \
	  $(PREFIX)/share/zsh/site-functions $(PREFIX)/share/fish/vendor_completions.d
	install -m 755 "$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/lightbox" $(PREFIX)/bin/lightbox
	install -m 644 Shaders/glsl/* $(PREFIX)/share/lightbox/glsl/
	install -m 644 Shaders/presets/* $(PREFIX)/share/lightbox/presets/
	install -m 644 .build/plugins/GenerateManual/outputs/lightbox/lightbox.1 $(PREFIX)/share/man/man1/lightbox.1
	$(PREFIX)/bin/lightbox --generate-completion-script bash > $(PREFIX)/share/bash-completion/completions/lightbox
	$(PREFIX)/bin/lightbox --generate-completion-script zsh > $(PREFIX)/share/zsh/site-functions/_lightbox
	$(PREFIX)/bin/lightbox --generate-completion-script fish > $(PREFIX)/share/fish/vendor_completions.d/lightbox.fish

## test-install: `make install` (debug build) into a fresh folder, then the installed lightbox renders the demo from
## another folder and `man -l` shows its page (part of `make test`)
test-install:
	scripts/test-install.sh

## test-without-traits: build lightbox without the default package traits (as `make demo` does) and check that it
## renders the demo, has no `serve` and refuses DICOMweb inputs clearly (part of `make test`)
test-without-traits:
	scripts/test-without-traits.sh

## reference-tools: the pinned Python packages the metric tests compare against, in .venv-reference/
reference-tools:
	scripts/reference-tools.sh

## testdata: fetch the pinned pydicom test files into .testdata/ (checksummed)
testdata:
	scripts/fetch-testdata.sh

## test: the whole test suite (installs what it needs first; starts and stops the local Orthanc servers), then
## the Slurm array job test
test: deps testdata reference-tools
	$(SWIFT) build --build-tests
	$(MAKE) test-install
	$(MAKE) test-without-traits
	scripts/orthanc.sh start >/dev/null
	status=0; $(SWIFT) test --skip-build --disable-swift-testing || status=$$?; scripts/orthanc.sh stop; \
	  Tests/Slurm/run-array.sh "$$($(SWIFT) build --show-bin-path)/lightbox" || status=$$?; exit $$status

## test-slurm: the thumbnails job as an array job on a one-node Slurm started for the test (needs root; skips
## without, fails under CI=true)
test-slurm: deps
	$(SWIFT) build --product lightbox
	Tests/Slurm/run-array.sh "$$($(SWIFT) build --show-bin-path)/lightbox"

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

## fuzz-smoke: every fuzz target for about 30 s, two at a time (CI runs this); fails on any finding
fuzz-smoke: deps testdata
	FUZZ_TIME=$${FUZZ_TIME:-30} FUZZ_PARALLEL=$${FUZZ_PARALLEL:-2} FUZZ_MAX_LEN=$${FUZZ_MAX_LEN:-16384} scripts/fuzz.sh

## soak: the bounded soak test alone (LIGHTBOX_SOAK_SECONDS, default 30)
soak: deps
	$(SWIFT) test --disable-swift-testing --filter SoakTests
