#!/usr/bin/env bash
# Fetch the real-file DICOM test data used by Lightbox's DICOM tests.
#
# Usage:  scripts/fetch-testdata.sh
#         LIGHTBOX_TESTDATA=/some/dir scripts/fetch-testdata.sh
#
# Downloads two pinned wheels from PyPI with pip (no dependencies, wheels
# only), checks their sha256 against the constants below, and unpacks ONLY the
# DICOM test files from them. Nothing from the wheels is installed or run.
#
#   pydicom 3.0.2       pydicom/data/test_files/**  -> $ROOT/pydicom/**
#   pydicom-data 1.0.0  data_store/data/**          -> $ROOT/pydicom-data/**
#   nibabel 5.4.2       nibabel/tests/data/*.nii{,.gz} -> $ROOT/nibabel/*
#
# Relative sub-folders below test_files/ and data/ are kept, so e.g.
# pydicom/data/test_files/dicomdirtests/77654033/CR1/6154 becomes
# $ROOT/pydicom/dicomdirtests/77654033/CR1/6154.
#
# ROOT is $LIGHTBOX_TESTDATA, or <repo root>/.testdata (git-ignored), where the
# repo root is the parent folder of this script's folder.
#
# Idempotent: when $ROOT/.complete holds the same version stamp, nothing is
# done. On success it prints one summary line. Needs: bash, python3 with pip
# (only its stdlib zipfile module is used for unpacking), sha256sum or shasum.
set -euo pipefail

PYDICOM_VERSION="3.0.2"
PYDICOM_WHEEL="pydicom-${PYDICOM_VERSION}-py3-none-any.whl"
PYDICOM_SHA256="abf971a5440f84dbaf42c4b6758e30e62480902584f8b270b9a5d146e278a07b"

PYDICOM_DATA_VERSION="1.0.0"
PYDICOM_DATA_WHEEL="pydicom_data-${PYDICOM_DATA_VERSION}-py3-none-any.whl"
PYDICOM_DATA_SHA256="622ac97265f1d91f76b5120b5bd6eb0f57737c392ef863b72c71779c91e33637"

NIBABEL_VERSION="5.4.2"
NIBABEL_WHEEL="nibabel-${NIBABEL_VERSION}-py3-none-any.whl"
NIBABEL_SHA256="553482c5f1e1034fc312edf6fb7f32236c0056439845d1c29293b7e8c98d4854"

# Bump the filter revision whenever FILTER below changes, so that existing
# trees are rebuilt.
FILTER_REVISION="1"
STAMP="pydicom==${PYDICOM_VERSION} sha256=${PYDICOM_SHA256}
pydicom-data==${PYDICOM_DATA_VERSION} sha256=${PYDICOM_DATA_SHA256}
nibabel==${NIBABEL_VERSION} sha256=${NIBABEL_SHA256}
filter=${FILTER_REVISION}"

die() { echo "fetch-testdata: error: $*" >&2; exit 1; }

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(dirname "$SCRIPT_DIR")"
ROOT="${LIGHTBOX_TESTDATA:-$REPO_ROOT/.testdata}"
PYTHON="${PYTHON:-python3}"

if [[ -f "$ROOT/.complete" ]] && [[ "$(cat "$ROOT/.complete")" == "$STAMP" ]]; then
    exit 0
fi

command -v "$PYTHON" >/dev/null 2>&1 || die "'$PYTHON' not found (set PYTHON=...)"

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d' ' -f1
    else
        die "neither sha256sum nor shasum is available"
    fi
}

TMP="$(mktemp -d "${TMPDIR:-/tmp}/lightbox-testdata.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

if ! "$PYTHON" -m pip download --quiet --disable-pip-version-check \
        --no-deps --only-binary=:all: --no-cache-dir -d "$TMP/wheels" \
        "pydicom==${PYDICOM_VERSION}" "pydicom-data==${PYDICOM_DATA_VERSION}" "nibabel==${NIBABEL_VERSION}" \
        >"$TMP/pip.log" 2>&1; then
    cat "$TMP/pip.log" >&2
    die "pip download of pydicom==${PYDICOM_VERSION} / pydicom-data==${PYDICOM_DATA_VERSION} failed (see pip output above)"
fi

verify() { # file expected-sha256
    [[ -f "$1" ]] || die "pip did not produce $(basename "$1")"
    local actual
    actual="$(sha256_of "$1")"
    if [[ "$actual" != "$2" ]]; then
        die "checksum mismatch for $(basename "$1"): expected $2, got $actual"
    fi
}
verify "$TMP/wheels/$PYDICOM_WHEEL" "$PYDICOM_SHA256"
verify "$TMP/wheels/$PYDICOM_DATA_WHEEL" "$PYDICOM_DATA_SHA256"
verify "$TMP/wheels/$NIBABEL_WHEEL" "$NIBABEL_SHA256"

# Unpack into a staging folder first, then swap it in, so an interrupted run
# never leaves a half-filled tree that looks complete.
mkdir -p "$ROOT"
STAGE="$TMP/stage"
mkdir -p "$STAGE"

# FILTER: take every regular file below the source folder EXCEPT
#   - extensions .py .pyc .pyi .json .txt .md .rst .dump .icc
#     (Python code, JSON/text/dump renderings, an ICC profile)
#   - compressed archives .gz .bz2 .xz .zip .tar
#   - files named README* (plain-text notes; one of them has no extension)
# Everything left is a DICOM file: either it has "DICM" at offset 128, has the
# .dcm extension, or (in pydicom's test_files) is a preamble-less / meta-less
# DICOM data set that pydicom can still read (e.g. no_meta.dcm,
# ExplVR_BigEndNoMeta.dcm, rtstruct.dcm, and pydicom-data's OT-PAL-8-face.dcm).
# nibabel's own NIfTI test files (.nii, .nii.gz directly in nibabel/tests/data/) are taken as they are.
COUNT="$("$PYTHON" - "$TMP/wheels/$PYDICOM_WHEEL" "$TMP/wheels/$PYDICOM_DATA_WHEEL" "$TMP/wheels/$NIBABEL_WHEEL" "$STAGE" <<'PYEOF'
import os, sys, zipfile

EXCLUDED_EXT = {".py", ".pyc", ".pyi", ".json", ".txt", ".md", ".rst", ".dump",
                ".icc", ".gz", ".bz2", ".xz", ".zip", ".tar"}

def dicom(base):
    return os.path.splitext(base)[1].lower() not in EXCLUDED_EXT and not base.upper().startswith("README")

def nifti(base):
    return base.endswith(".nii") or base.endswith(".nii.gz")

def unpack(wheel, prefix, dest, wanted=dicom):
    n = 0
    with zipfile.ZipFile(wheel) as z:
        for info in z.infolist():
            name = info.filename
            if info.is_dir() or not name.startswith(prefix):
                continue
            rel = name[len(prefix):]
            base = os.path.basename(rel)
            if not wanted(base) or (wanted is nifti and "/" in rel):
                continue
            parts = rel.split("/")
            if not rel or rel.startswith("/") or ".." in parts or "\\" in rel:
                sys.exit(f"unsafe path in {os.path.basename(wheel)}: {name}")
            out = os.path.join(dest, *parts)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with z.open(info) as src, open(out, "wb") as dst:
                dst.write(src.read())
            n += 1
    if n == 0:
        sys.exit(f"no files found below {prefix} in {os.path.basename(wheel)}")
    return n

pydicom_whl, data_whl, nibabel_whl, stage = sys.argv[1:5]
total = unpack(pydicom_whl, "pydicom/data/test_files/", os.path.join(stage, "pydicom"))
total += unpack(data_whl, "data_store/data/", os.path.join(stage, "pydicom-data"))
total += unpack(nibabel_whl, "nibabel/tests/data/", os.path.join(stage, "nibabel"), wanted=nifti)
print(total)
PYEOF
)" || die "unpacking the wheels failed"

rm -f "$ROOT/.complete"
rm -rf "$ROOT/pydicom" "$ROOT/pydicom-data" "$ROOT/nibabel"
mv "$STAGE/pydicom" "$ROOT/pydicom"
mv "$STAGE/pydicom-data" "$ROOT/pydicom-data"
mv "$STAGE/nibabel" "$ROOT/nibabel"
printf '%s\n' "$STAMP" >"$ROOT/.complete"

echo "fetch-testdata: ${COUNT} DICOM and NIfTI files (pydicom ${PYDICOM_VERSION}, pydicom-data ${PYDICOM_DATA_VERSION}, nibabel ${NIBABEL_VERSION}) in ${ROOT}"
