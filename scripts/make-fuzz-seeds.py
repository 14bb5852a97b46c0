#!/usr/bin/env python3
"""Write the committed seed inputs of the fuzz targets that do not read Part 10 files (Fuzz/Seeds/<target>/).

Run once by a developer when a target's input layout changes (not by CI), with the fixture venv of
scripts/make-reference-fixture.py (pydicom==3.0.2) and the pinned test files:
    scripts/fetch-testdata.sh && .venv-fixture/bin/python scripts/make-fuzz-seeds.py

- DecodeCompressed: the first frame of each compressed test file of at most 256 × 256 pixels, behind the
  target's three-byte header (selector, rows − 1, columns − 1; see Fuzz/Targets/DecodeCompressed.swift).
- DICOMJSONParse: small DICOM JSON documents covering every value form of PS3.18 F.2.
- MultipartParse: multipart/related bodies behind the target's boundary header (length byte + boundary).
- NIfTIHeader: tiny NIfTI-1 (little and big endian, plain and gzip) and NIfTI-2 files with sform, qform or neither.
- DecodePNG: small 8-bit PNGs of every colour type and row filter (the direct decoder's files, one in several IDAT
  chunks) and some libpng keeps (16-bit, palette, interlace flag, gAMA).
- RenderedQueryParse: rendered-resource requests (the standard's examples B.32-B.34 and hostile ones) behind the
  target's resource byte, as raw query, Accept header and path lines (see Fuzz/Targets/RenderedQueryParse.swift).
"""
import gzip
import struct
import zlib
import json
import pathlib
import sys
import warnings

import pydicom
from pydicom.encaps import generate_frames

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Fuzz" / "Seeds"
TESTDATA = ROOT / ".testdata"
MAX_BYTES = 60_000
# Decoder index (selector bits 4-7) by transfer syntax, in the order of Fuzz/Targets/DecodeCompressed.swift.
DECODER_INDEX = {
    "1.2.840.10008.1.2.1.98": 0,
    "1.2.840.10008.1.2.5": 1,
    "1.2.840.10008.1.2.4.50": 2, "1.2.840.10008.1.2.4.51": 2,
    "1.2.840.10008.1.2.4.57": 3, "1.2.840.10008.1.2.4.70": 3,
    "1.2.840.10008.1.2.4.90": 4, "1.2.840.10008.1.2.4.91": 4,
    "1.2.840.10008.1.2.4.80": 5, "1.2.840.10008.1.2.4.81": 5,
}


def write(target, name, data):
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def compressed_frames():
    count = 0
    for path in sorted(TESTDATA.rglob("*.dcm")):
        try:
            ds = pydicom.dcmread(path)
        except Exception:
            continue
        syntax = ds.file_meta.get("TransferSyntaxUID")
        if "PixelData" not in ds or syntax not in DECODER_INDEX or int(ds.BitsAllocated) not in (8, 16):
            continue
        rows, columns = int(ds.Rows), int(ds.Columns)
        if rows > 256 or columns > 256:
            continue
        try:
            frame = next(generate_frames(ds.PixelData, number_of_frames=int(ds.get("NumberOfFrames", 1) or 1)))
        except Exception:
            continue
        if len(frame) + 3 > MAX_BYTES:
            continue
        bits = int(ds.BitsAllocated)
        selector = (1 if bits == 16 else 0) | (2 if int(ds.SamplesPerPixel) == 3 else 0) \
            | (4 if int(ds.PixelRepresentation) == 1 else 0) | (8 if bits == 16 and int(ds.BitsStored) == 12 else 0) \
            | DECODER_INDEX[syntax] << 4
        write("DecodeCompressed", path.stem, bytes([selector, rows - 1, columns - 1]) + frame)
        count += 1
    return count


JSON_DOCUMENTS = {
    "ct-metadata": [{
        "00080016": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
        "00080018": {"vr": "UI", "Value": ["1.2.3.4.5"]},
        "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Doe^Jane", "Ideographic": "x", "Phonetic": "y"}]},
        "00200032": {"vr": "DS", "Value": [-125.5, "-120", 1e3]},
        "00200037": {"vr": "DS", "Value": [1, 0, 0, 0, 1, 0]},
        "00280010": {"vr": "US", "Value": [512]},
        "00280030": {"vr": "DS", "Value": ["0.8", "0.8"]},
        "00281052": {"vr": "DS", "Value": [-1024]},
        "00200013": {"vr": "IS", "Value": [7, "8"]},
        "00181030": {"vr": "LO"},
        "00089215": {"vr": "SQ", "Value": [{"00080100": {"vr": "SH", "Value": ["121327"]}}, {}]},
        "00209157": {"vr": "UL", "Value": [1, 4294967295]},
        "00209158": {"vr": "FD", "Value": ["NaN", "Infinity", "-Infinity", 2.5]},
        "00540081": {"vr": "SS", "Value": [-32768]},
        "00280009": {"vr": "AT", "Value": ["00181063"]},
        "7FE00010": {"vr": "OW", "BulkDataURI": "http://host/studies/1/series/2/instances/3/frames/1"},
        "00291010": {"vr": "OB", "InlineBinary": "AAECAwQ="},
        "00660040": {"vr": "SV", "Value": [-9007199254740993]},
    }],
    "empty": [],
    "nested": [{"00400275": {"vr": "SQ", "Value": [{"00400275": {"vr": "SQ", "Value": [{"00100020": {"vr": "LO", "Value": ["id"]}}]}}]}}],
    "bad-forms": [{"0010": {"vr": "XX"}, "00100010": {"Value": ["no vr"]}, "00280010": {"vr": "US", "Value": ["x"]}}],
}


def multipart(boundary, parts, preamble=b"", epilogue=b""):
    body = preamble
    for headers, payload in parts:
        body += b"--" + boundary + b"\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n" + payload + b"\r\n"
    body += b"--" + boundary + b"--" + epilogue
    return bytes([(len(boundary) - 1) % 70]) + boundary + body


MULTIPART_BODIES = {
    "two-frames": multipart(b"b0undary", [([b"Content-Type: application/octet-stream"], bytes(range(64))),
                                          ([b"Content-Type: application/octet-stream", b"Content-Length: 4"], b"\r\n--x")]),
    "preamble-epilogue": multipart(b"----=_Part_1", [([b"Content-Type: image/jls"], b"\xff\xd8\xff\xf7\x00\x0b")],
                                   preamble=b"ignored preamble\r\n", epilogue=b"\r\ntrailing"),
    "empty-part": multipart(b"x", [([], b"")]),
}


def nifti1(endian, datatype, bitpix, dims, qform, sform, voxels):
    header = bytearray(352)
    struct.pack_into(endian + "i", header, 0, 348)
    struct.pack_into(endian + "8h", header, 40, len(dims), *dims, *([1] * (7 - len(dims))))
    struct.pack_into(endian + "hh", header, 70, datatype, bitpix)
    struct.pack_into(endian + "8f", header, 76, -1.0, 2.0, 2.5, 3.0, 1, 1, 1, 1)
    struct.pack_into(endian + "fff", header, 108, 352.0, 2.0, -5.0)
    struct.pack_into(endian + "hh", header, 252, qform, sform)
    struct.pack_into(endian + "6f", header, 256, 0.1, 0.2, 0.3, 10, 20, 30)
    struct.pack_into(endian + "12f", header, 280, -2, 0, 0, 4, 0, 2.5, 0.1, -8, 0, 0, 3, 12)
    header[344:348] = b"n+1\0"
    return bytes(header) + voxels


def nifti2(dims, voxels):
    header = bytearray(544)
    struct.pack_into("<i", header, 0, 540)
    header[4:12] = b"n+2\0\r\n\x1a\n"
    struct.pack_into("<hh", header, 12, 2, 8)
    struct.pack_into("<8q", header, 16, len(dims), *dims, *([1] * (7 - len(dims))))
    struct.pack_into("<8d", header, 104, 1, 1.5, 1.5, 2, 1, 1, 1, 1)
    struct.pack_into("<q", header, 168, 544)
    struct.pack_into("<ii", header, 344, 0, 2)
    struct.pack_into("<12d", header, 400, 1.5, 0, 0, -3, 0, 1.5, 0, -3, 0, 0, 2, -4)
    return bytes(header) + voxels


NIFTI_FILES = {
    "le-int16-sform.nii": nifti1("<", 4, 16, [4, 3, 2], 1, 2, bytes(range(48))),
    "be-float32-qform.nii": nifti1(">", 16, 32, [3, 2, 2, 2], 1, 0, struct.pack(">24f", *range(24))),
    "le-uint8-pixdim.nii": nifti1("<", 2, 8, [5, 4, 3], 0, 0, bytes(range(60))),
    "nifti2-uint8.nii": nifti2([4, 4, 2], bytes(range(32))),
}

# Resource byte (0 rendered, 1 thumbnail, 2 renderedmpr, 3 rendered3d), then query, Accept header, path.
RENDERED_QUERIES = {
    "rendered-window": (0, "window=40%2C400%2Clinear&viewport=512,512&quality=80&annotation=technique", "image/png", "1.2.3/1.2.3.4/1.2.3.4.5"),
    "rendered-frames": (0, "accept=image/jpeg&viewport=64,64", "", "1.2/1.2.3/1.2.3.4/1,2,3"),
    "thumbnail": (1, "viewport=128,128&charset=utf-8", "image/*;q=0.5, image/png", "1.2/1.2.3"),
    "b34-mpr-mip": (2, "renderingmethod=maximum_ip&mprslab=20&viewpointposition=100,101,200&viewpointlookat=100,100,200"
                       "&viewpointup=0,0,1&viewport=256,256&window=700,100,linear", "image/jpeg", "1.2/1.2.3"),
    "b33-mpr-oblique": (2, "CardiacRRIntervalSpecified=140-260&renderingmethod=average_ip&viewpointposition=532,38,126"
                           "&viewpointlookat=-532,-76,-154&viewpointup=0,0,0&animationrate=30&window=400,40,linear", "video/mp4", "1.2"),
    "b32-swivel-metadata": (3, "renderingmethod=volume_rendered&orientation=a&swivelrange=180&animationrate=20"
                               "&renderedvolumetricmetadata=yes", "application/dicom+json", "1.2/1.2.3/1.2.3.4"),
    "hostile": (3, "viewport=-1,99999&window=nan,inf&mprslab=-5&orientation=a&orientation=h&x=%zz", "image/png;q=2",
                "../../etc/passwd/1.2/1.2"),
}


def png(width, height, depth, colour, raw_rows, interlace=0, before=(), idat_size=1 << 20):
    """A PNG of the given IHDR over already filtered rows (each a filter byte, then the samples)."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    data = zlib.compress(b"".join(raw_rows), 6)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace))
    out += b"".join(chunk(kind, body) for kind, body in before)
    out += b"".join(chunk(b"IDAT", data[i:i + idat_size]) for i in range(0, len(data), idat_size))
    return out + chunk(b"IEND", b"")


def png_files():
    """Seeds of DecodePNG: 12 × 10 pixels, samples a simple pattern, row filter byte = row % 5 (the bytes stay the
    filtered ones: any bytes are a valid filtered image)."""
    files = {}
    for colour, channels in ((0, 1), (4, 2), (2, 3), (6, 4)):
        rows = [bytes([row % 5]) + bytes((row * 31 + i * 7) % 256 for i in range(12 * channels)) for row in range(10)]
        files[f"colour{colour}.png"] = png(12, 10, 8, colour, rows)
        files[f"colour{colour}-idat16.png"] = png(12, 10, 8, colour, rows, idat_size=16)
    gray16 = [b"\x01" + bytes(range(24)) for _ in range(10)]
    files["gray16.png"] = png(12, 10, 16, 0, gray16)
    rgba = [bytes([row % 5]) + bytes(range(48)) for row in range(10)]
    files["gama.png"] = png(12, 10, 8, 6, rgba, before=((b"gAMA", struct.pack(">I", 100000)),))
    files["srgb-text.png"] = png(12, 10, 8, 6, rgba, before=((b"sRGB", b"\x00"), (b"tEXt", b"Software\x00lightbox")))
    files["palette.png"] = png(12, 10, 8, 3, [b"\x00" + bytes(range(12)) for _ in range(10)], before=((b"PLTE", bytes(range(36))),))
    files["interlace-flag.png"] = png(12, 10, 8, 6, rgba, interlace=1)
    return files


def main():
    warnings.simplefilter("ignore")
    for name, data in png_files().items():
        write("DecodePNG", name, data)
    for name, data in NIFTI_FILES.items():
        write("NIfTIHeader", name, data)
    write("NIfTIHeader", "le-int16-sform.nii.gz", gzip.compress(NIFTI_FILES["le-int16-sform.nii"], mtime=0))
    count = compressed_frames()
    for name, document in JSON_DOCUMENTS.items():
        write("DICOMJSONParse", name + ".json", json.dumps(document).encode())
    for name, body in MULTIPART_BODIES.items():
        write("MultipartParse", name, body)
    for name, (resource, query, accept, path) in RENDERED_QUERIES.items():
        write("RenderedQueryParse", name, bytes([resource]) + "\n".join([query, accept, path]).encode())
    print(f"{count} compressed frames, {len(JSON_DOCUMENTS)} JSON documents, {len(MULTIPART_BODIES)} multipart bodies in {OUT}")
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main())
