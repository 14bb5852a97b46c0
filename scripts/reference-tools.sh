#!/bin/sh
# Installs the pinned Python packages the tests compare against or drive (scikit-image's SSIM, scipy's Gaussian filter,
# dicomweb-client as the DICOMweb user agent of ServerTests)
# into .venv-reference/ (ignored by git), once; prints nothing when it is already there.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-reference"
stamp="$venv/.requirements"
if [ -f "$stamp" ] && cmp -s "$stamp" "$root/scripts/reference-requirements.txt"; then exit 0; fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: -r "$root/scripts/reference-requirements.txt"
cp "$root/scripts/reference-requirements.txt" "$stamp"
echo "reference tools installed in $venv"
