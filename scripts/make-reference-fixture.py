#!/usr/bin/env python3
# Pinned dependencies (the exact set used to generate the committed fixture):
#   pydicom==3.0.2 numpy==2.2.6 pylibjpeg==2.0.1 pylibjpeg-libjpeg==2.5.0
#   pylibjpeg-openjpeg==2.6.0 pylibjpeg-rle==2.2.0 pyjpegls==1.5.1
#
# Invocation (run ONCE by a developer when the test data changes; not by CI):
#   scripts/fetch-testdata.sh
#   python3 -m venv .venv-fixture
#   .venv-fixture/bin/pip install pydicom==3.0.2 numpy==2.2.6 \
#       pylibjpeg==2.0.1 pylibjpeg-libjpeg==2.5.0 pylibjpeg-openjpeg==2.6.0 \
#       pylibjpeg-rle==2.2.0 pyjpegls==1.5.1
#   .venv-fixture/bin/python scripts/make-reference-fixture.py
# Optional arguments: --root DIR (default $LIGHTBOX_TESTDATA or .testdata),
#                     --out FILE (default Tests/DICOMTests/Fixtures/reference-pixels.json)
"""Write the reference-pixel fixture for Lightbox's DICOM decoder tests.

requirements:
    pydicom==3.0.2
    numpy==2.2.6
    pylibjpeg==2.0.1
    pylibjpeg-libjpeg==2.5.0
    pylibjpeg-openjpeg==2.6.0
    pylibjpeg-rle==2.2.0
    pyjpegls==1.5.1

For every file below the test-data root (see scripts/fetch-testdata.sh) that
pydicom can parse and that has a Pixel Data, Float Pixel Data or Double Float
Pixel Data element, one entry is written with the image attributes, the
transfer syntax, and statistics plus 8-16 sampled values of the RAW stored
pixel values. Files without any pixel data element are skipped and only
counted.

"Raw" means pydicom.pixels.pixel_array(ds, raw=True). In pydicom 3.0.2 that
is: no Modality LUT / rescale, no VOI LUT, no palette lookup, and no
YBR_FULL/YBR_FULL_422 -> RGB conversion. pydicom still always (raw or not)
unpacks BitsAllocated == 1 data to one uint8 per pixel, removes the 4:2:2
chroma sub-sampling of natively encoded YBR_FULL_422 data, and, for JPEG-LS /
JPEG 2000, converts values whose signedness in the codestream disagrees with
Pixel Representation. Note also that pylibjpeg-openjpeg itself returns
YBR_ICT / YBR_RCT JPEG 2000 data as RGB (the inverse component transform is
part of the codec), and JPEG data is returned without any colour transform.

Arrays are normalised to shape (frames, rows, columns, samples) before
sampling. Sample positions: first value, last value, every sample of the
centre pixel, then positions from random.Random(zlib.crc32(path)) up to 12
samples in total (per-file seed, so adding files never changes other entries).

Entry fields beyond the obvious DICOM attributes: "compressed" (encapsulated
transfer syntax; deflate counts as uncompressed), "lossy" (compressed and the
syntax may be lossy -- 4.50/4.51/4.81/4.91/4.93/HTJ2K/JPEG XL/MPEG/HEVC -- or
Lossy Image Compression (0028,2110) is "01"), "transferSyntaxInferred" (no
Transfer Syntax UID in the file meta; pydicom guessed it from the encoding),
"preamble" ("DICM" at offset 128), "frames" (decoded frame count),
"decodedShape", "decoder", "decodedPhotometricInterpretation", "headerIssues",
"readWarnings", and for failures "decodable": false plus "reason".

When several decoding plugins are available for a transfer syntax, the first
one that works (pydicom's order) is used and recorded as "decoder"; for
lossless syntaxes the other plugins are decoded too and must agree exactly
(a self-check; the script fails otherwise).
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import math
import os
import random
import sys
import warnings
import zlib
from pathlib import Path

import numpy as np
import pydicom
from pydicom import dcmread, uid
from pydicom.pixels import get_decoder
from pydicom.pixels.utils import as_pixel_options

PIXEL_TAGS = {0x7FE00010: "PixelData", 0x7FE00008: "FloatPixelData",
              0x7FE00009: "DoubleFloatPixelData"}

# Transfer syntaxes whose encoding may lose information. 4.91/4.93/4.203 may
# also carry reversible streams, but the syntax does not promise it.
LOSSY_SYNTAXES = {
    "1.2.840.10008.1.2.4.50",   # JPEG Baseline (Process 1)
    "1.2.840.10008.1.2.4.51",   # JPEG Extended (Process 2 & 4)
    "1.2.840.10008.1.2.4.81",   # JPEG-LS Near-Lossless
    "1.2.840.10008.1.2.4.91",   # JPEG 2000
    "1.2.840.10008.1.2.4.93",   # JPEG 2000 Part 2 Multi-component
    "1.2.840.10008.1.2.4.203",  # HTJ2K
    "1.2.840.10008.1.2.4.111",  # JPEG XL JPEG Recompression
    "1.2.840.10008.1.2.4.112",  # JPEG XL
    "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101",  # MPEG2
    "1.2.840.10008.1.2.4.102", "1.2.840.10008.1.2.4.103",  # MPEG-4
    "1.2.840.10008.1.2.4.104", "1.2.840.10008.1.2.4.105",
    "1.2.840.10008.1.2.4.106", "1.2.840.10008.1.2.4.107",  # HEVC
    "1.2.840.10008.1.2.4.108",
}

PLUGIN_DISTS = ["pylibjpeg", "pylibjpeg-libjpeg", "pylibjpeg-openjpeg",
                "pylibjpeg-rle", "pyjpegls", "pillow", "python-gdcm"]

N_SAMPLES = 12


def dist_version(name: str) -> str | None:
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return None


def warning_texts(caught, root: Path) -> list[str]:
    """Distinct warning messages, with the machine-specific root removed."""
    return sorted({str(w.message).replace(f"{root}{os.sep}", "")[:200] for w in caught})


def has_dicm(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(132)
    return len(head) == 132 and head[128:132] == b"DICM"


def guessed_syntax(ds) -> str:
    """Transfer syntax for a data set read without File Meta Information."""
    if ds.is_little_endian and ds.is_implicit_VR:
        return uid.ImplicitVRLittleEndian
    if ds.is_little_endian:
        return uid.ExplicitVRLittleEndian
    return uid.ExplicitVRBigEndian


def opt_int(ds, keyword, issues=None):
    """Integer value of an image attribute; None when absent or malformed."""
    try:
        v = ds.get(keyword)
        return None if v is None or v == "" else int(v)
    except Exception as exc:  # noqa: BLE001 - e.g. NumberOfFrames '1A'
        if issues is not None:
            issues.append(f"{keyword}: {type(exc).__name__}: {exc}")
        return None


def to_json_number(x, is_float: bool):
    if is_float:
        x = float(x)
        return x if math.isfinite(x) else None  # JSON has no NaN/Inf
    return int(x)


def sample_positions(rel: str, shape) -> list[tuple[int, int, int, int]]:
    f, r, c, s = shape
    pos = [(0, 0, 0, 0), (f - 1, r - 1, c - 1, s - 1)]
    pos += [(f // 2, r // 2, c // 2, k) for k in range(s)]
    total = f * r * c * s
    want = min(N_SAMPLES, total)
    rng = random.Random(zlib.crc32(rel.encode("utf-8")))
    out: list[tuple[int, int, int, int]] = []
    for p in pos:
        if p not in out:
            out.append(p)
    tries = 0
    while len(out) < want and tries < 1000:
        tries += 1
        p = (rng.randrange(f), rng.randrange(r), rng.randrange(c), rng.randrange(s))
        if p not in out:
            out.append(p)
    return out[:max(want, 3)]


class DecodeFailure(Exception):
    """Every available plugin failed (message: 'plugin: error | ...')."""


def decode(ds, ts: str):
    """Decode with each available plugin; return (array, plugin name, decoder metadata)."""
    decoder = get_decoder(ts)  # NotImplementedError for unsupported syntaxes
    if not decoder.is_available:
        missing = "; ".join(
            f"{k}: {', '.join(v)}" for k, v in sorted(decoder.missing_dependencies.items()))
        raise DecodeFailure(f"no decoding plugin available ({missing})")
    errors = []
    first = first_name = first_meta = None
    # native (uncompressed) syntaxes have no plugins: "" = pydicom's own code
    plugins = [""] if decoder.is_native else list(decoder.available_plugins)
    for name in plugins:
        try:
            # exactly what pixel_array(ds, raw=True, decoding_plugin=name) does
            # for a Dataset, but keeping the decoder's metadata as well
            arr, meta = decoder.as_array(ds, index=None, validate=True, raw=True,
                                         decoding_plugin=name, **as_pixel_options(ds))
        except Exception as exc:  # noqa: BLE001 - record the reason
            errors.append(f"{name or 'pydicom'}: {type(exc).__name__}: {exc}")
            continue
        if first is None:
            first, first_name, first_meta = arr, name, meta
            if ts in LOSSY_SYNTAXES:
                break  # lossy decoders may legitimately differ; no cross-check
        elif not (arr.shape == first.shape and np.array_equal(arr, first)):
            raise SystemExit(
                f"plugins {first_name} and {name} disagree on a lossless syntax ({ts})")
    if first is None:
        raise DecodeFailure(" | ".join(errors))
    if first_name == "":
        first_name = "pydicom (native)"
    return first, first_name, first_meta


def entry_for(path: Path, root: Path):
    rel = path.relative_to(root).as_posix()
    try:
        ds = dcmread(path, force=True)
    except Exception as exc:  # noqa: BLE001
        return rel, None, f"dcmread failed: {type(exc).__name__}: {exc}"

    try:
        pixel_tags = [t for t in PIXEL_TAGS if t in ds]
    except Exception as exc:  # noqa: BLE001 - a broken data set
        return rel, None, f"data set not parsable: {type(exc).__name__}: {exc}"
    if not pixel_tags:
        raw = path.read_bytes()
        if any(t in raw for t in (b"\xe0\x7f\x10\x00", b"\x7f\xe0\x00\x10")):
            # the tag bytes are there but pydicom's parse lost the element
            # (truncated encapsulation, stray leading byte, ...)
            return rel, None, ("the file contains the Pixel Data tag (7FE0,0010) but "
                               "pydicom's parsed data set has no Pixel Data element")
        return rel, None, None  # not an image: skipped, counted

    meta_ts = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
    ts = str(meta_ts) if meta_ts else guessed_syntax(ds)
    if not meta_ts:
        ds.file_meta = getattr(ds, "file_meta", pydicom.dataset.FileMetaDataset())
        ds.file_meta.TransferSyntaxUID = ts
    ts_uid = uid.UID(ts)
    compressed = bool(ts_uid.is_compressed) if ts_uid.is_transfer_syntax else True
    lic = ds.get("LossyImageCompression")
    lossy = bool(compressed and (ts in LOSSY_SYNTAXES or str(lic) == "01"))

    issues: list[str] = []
    ints = {k: opt_int(ds, k, issues) for k in (
        "NumberOfFrames", "Rows", "Columns", "SamplesPerPixel", "BitsAllocated",
        "BitsStored", "PixelRepresentation", "PlanarConfiguration")}
    e = {
        "path": rel,
        "transferSyntax": ts,
        "transferSyntaxName": ts_uid.name if ts_uid.is_transfer_syntax else None,
        # true when the file meta has no Transfer Syntax UID (or there is no
        # file meta at all) and the syntax was inferred from the encoding
        "transferSyntaxInferred": not meta_ts,
        "preamble": has_dicm(path),
        "pixelDataKeyword": PIXEL_TAGS[pixel_tags[0]],
        "compressed": compressed,
        "lossy": lossy,
        "lossyImageCompression": None if lic is None else str(lic),
        "photometricInterpretation": ds.get("PhotometricInterpretation"),
        "frames": (ints["NumberOfFrames"] or 1),
        "rows": ints["Rows"],
        "columns": ints["Columns"],
        "samplesPerPixel": ints["SamplesPerPixel"],
        "bitsAllocated": ints["BitsAllocated"],
        "bitsStored": ints["BitsStored"],
        "pixelRepresentation": ints["PixelRepresentation"],
        "planarConfiguration": ints["PlanarConfiguration"],
        "headerIssues": issues,
    }

    try:
        arr, plugin, meta = decode(ds, ts)
    except Exception as exc:  # noqa: BLE001 - keep the reason for the Swift side
        e["decodable"] = False
        e["reason"] = (str(exc) if isinstance(exc, DecodeFailure)
                       else f"{type(exc).__name__}: {exc}")
        return rel, e, None

    spp = e["samplesPerPixel"] or 1
    frames = e["frames"]
    # pixel_array gives (r, c), (r, c, s), (f, r, c) or (f, r, c, s)
    if frames == 1 and arr.ndim in (2, 3) and not (arr.ndim == 3 and spp == 1):
        arr = arr[np.newaxis, ...]
    if arr.ndim == 3:
        arr = arr[..., np.newaxis]
    if arr.ndim != 4:
        raise SystemExit(f"{rel}: unexpected array shape {arr.shape}")
    f, r, c, s = arr.shape
    if (f, r, c, s) != (frames, e["rows"], e["columns"], spp):
        e["note"] = (f"decoded shape {list(arr.shape)} differs from the header "
                     f"({frames}, {e['rows']}, {e['columns']}, {spp})")
    e["frames"] = f  # the decoded frame count

    is_float = arr.dtype.kind == "f"
    if is_float:
        total = float(arr.sum(dtype=np.float64))
        if not math.isfinite(total):
            total = None
        finite = arr[np.isfinite(arr)]
        lo, hi = (finite.min(), finite.max()) if finite.size else (None, None)
    else:
        acc = np.uint64 if arr.dtype.kind == "u" else np.int64
        # 64-bit accumulation is exact here: even 2**32 * 2**31 values fit
        total = int(arr.sum(dtype=acc))
        lo, hi = arr.min(), arr.max()

    e.update({
        "decodable": True,
        "decoder": plugin,
        # photometric interpretation of the recorded values as reported by
        # pydicom: e.g. RGB for JPEG 2000 YBR_RCT/YBR_ICT (the codec undoes the
        # component transform), YBR_FULL for native YBR_FULL_422
        "decodedPhotometricInterpretation": meta.get("photometric_interpretation"),
        "decodedShape": [f, r, c, s],
        "dtype": arr.dtype.name,
        "min": None if lo is None else to_json_number(lo, is_float),
        "max": None if hi is None else to_json_number(hi, is_float),
        "sum": total,
        "samples": [
            {"frame": pf, "row": pr, "column": pcol, "sample": ps,
             "value": to_json_number(arr[pf, pr, pcol, ps], is_float)}
            for (pf, pr, pcol, ps) in sample_positions(rel, arr.shape)
        ],
    })
    return rel, e, None


def main() -> int:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path,
                    default=Path(os.environ.get("LIGHTBOX_TESTDATA", repo / ".testdata")))
    ap.add_argument("--out", type=Path,
                    default=repo / "Tests/DICOMTests/Fixtures/reference-pixels.json")
    args = ap.parse_args()

    if pydicom.__version__ != "3.0.2":
        print(f"warning: pydicom {pydicom.__version__} is not the pinned 3.0.2",
              file=sys.stderr)
    root = args.root.resolve()
    if not (root / ".complete").is_file():
        raise SystemExit(f"{root} is not a complete test-data tree; run scripts/fetch-testdata.sh")

    paths = sorted((p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")),
                   key=lambda p: p.relative_to(root).as_posix())
    files, skipped, unreadable = [], [], []
    for p in paths:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            rel, e, err = entry_for(p, root)
        if e is not None:
            e["readWarnings"] = warning_texts(caught, root)
        if e is not None:
            files.append(e)
        elif err is not None:
            unreadable.append({"path": rel, "reason": err, "readWarnings":
                               warning_texts(caught, root)})
        else:
            skipped.append(rel)

    doc = {
        "generator": "scripts/make-reference-fixture.py",
        "pydicom": pydicom.__version__,
        "pydicomData": "1.0.0",
        "numpy": np.__version__,
        "plugins": {d: v for d in PLUGIN_DISTS if (v := dist_version(d))},
        "rawMode": "pydicom.pixels.pixel_array(ds, raw=True); shape (frames, rows, columns, samples)",
        "filesScanned": len(paths),
        "filesWithoutPixelData": len(skipped),
        "withoutPixelData": skipped,
        "filesUnreadable": unreadable,
        "files": sorted(files, key=lambda e: e["path"]),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=True, allow_nan=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    dec = [e for e in files if e["decodable"]]
    print(f"{args.out}: {len(files)} entries "
          f"({sum(not e['compressed'] for e in dec)} uncompressed decodable, "
          f"{sum(e['compressed'] for e in dec)} compressed decodable, "
          f"{len(files) - len(dec)} not decodable), "
          f"{len(skipped)} files without pixel data, {len(unreadable)} unreadable, "
          f"{args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
