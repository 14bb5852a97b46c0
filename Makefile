# Lightbox: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the build links against (OSMesa/GL, libpng, libjpeg-turbo, zlib) and the tools the tests use
# (Orthanc with its DICOMweb plugin is the server the DICOMweb tests stream from).
APT_PACKAGES := libosmesa6-dev libgl-dev libpng-dev libjpeg62-turbo-dev zlib1g-dev pkg-config make python3 python3-pip unzip orthanc orthanc-dicomweb

.PHONY: deps demo test testdata goldens bench

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
	status=0; $(SWIFT) test --skip-build || status=$$?; scripts/orthanc.sh stop; exit $$status

## goldens: regenerate golden images after an intended rendering change
goldens: deps
	LIGHTBOX_UPDATE_GOLDENS=1 $(SWIFT) test --filter GoldenTests

## bench: the benchmarks (they print figures; nothing here is a test)
bench: deps
	$(SWIFT) run -c release lightbox bench all
