#!/usr/bin/env python3
# Pinned dependencies (the exact set used to generate the committed fixtures):
#   highdicom==0.28.2 pydicom==3.0.2 nibabel==5.4.2 numpy==2.4.6 matplotlib==3.11.2
#
# Invocation (run ONCE by a developer when the fixtures change; not by CI; PHANTOM=$(mktemp -d)):
#   swift run lightbox phantom --out "$PHANTOM" --ct-size 64x64x40 --ct-spacing 6,5 --quiet
#   python3 -m venv .venv-fixture
#   .venv-fixture/bin/pip install highdicom==0.28.2 pydicom==3.0.2 nibabel==5.4.2 numpy==2.4.6 matplotlib==3.11.2
#   .venv-fixture/bin/python scripts/make-segmentation-fixtures.py --phantom "$PHANTOM" \
#       --nibabel-data .venv-fixture/lib/python3.*/site-packages/nibabel/tests/data
"""Write the segmentation fixtures of SegmentationTests into Tests/SegmentationTests/Fixtures/.

From the phantom CT (64x64x40 voxels, 6 x 6 x 5 mm) three masks are made by thresholds: body (HU > -300),
bone (HU > 300) and lung (HU < -500 between the body's left and right edges on each row). Written:

  seg-binary.dcm      highdicom BINARY SEG, segments body/bone/lung, empty frames omitted (sparse)
  seg-fractional.dcm  highdicom FRACTIONAL SEG of one segment, values ramping through 0.5, frames shuffled
  seg-labelmap.dcm    highdicom LABELMAP SEG of the three segments
  ../../../Fuzz/Seeds/SEGFrameMapping/*.dcm  small SEGs (8 x 8 crops) seeding the SEGFrameMapping fuzz target
  rtstruct.dcm        RT Structure Set (pydicom): a circle per slice around the spine and a ring with a hole
  labels.nii.gz       nibabel label map of the three masks on the CT grid (sform = the CT's affine, RAS)
  expected.json       the expected label volume of each fixture on the CT grid as runs of (label, start, length)
                      over the flattened (slice, row, column) array; the RTSTRUCT raster is matplotlib's
                      Path.contains_points at voxel centres (even-odd between a ROI's contours on one slice);
                      the sRGB colour each SEG segment was given; and nibabel's affine, shape, value sum (NaNs left out and
                      counted) and first voxel (NaN as 0) for
                      each of nibabel's own NIfTI test files
"""
import argparse
import glob
import json
import os
import random

import highdicom as hd
import nibabel as nib
import numpy as np
import pydicom
from matplotlib.path import Path
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sr.codedict import codes
from pydicom.uid import ExplicitVRLittleEndian

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "SegmentationTests", "Fixtures")
COLOURS = {1: (230, 25, 75), 2: (255, 225, 25), 3: (0, 130, 200)}
NAMES = {1: "body", 2: "bone", 3: "lung"}


def uid(n):
    return f"2.25.1234567890123456789{n:04d}"


def runs(volume):
    flat = volume.reshape(-1)
    out, start = [], 0
    while start < flat.size:
        value = int(flat[start])
        end = start
        while end < flat.size and flat[end] == value:
            end += 1
        if value:
            out.append([value, start, end - start])
        start = end
    return out


def descriptions(numbers, names):
    return [hd.seg.SegmentDescription(
        segment_number=n, segment_label=names[n], segmented_property_category=codes.SCT.Tissue,
        segmented_property_type=codes.SCT.Tissue, algorithm_type=hd.seg.SegmentAlgorithmTypeValues.MANUAL,
        display_color=hd.color.CIELabColor.from_rgb(*COLOURS[n])) for n in numbers]


def seg(source, pixels, kind, numbers, serial, names=NAMES, **extra):
    return hd.seg.Segmentation(
        source_images=source, pixel_array=pixels, segmentation_type=kind, segment_descriptions=descriptions(numbers, names),
        series_instance_uid=uid(serial), series_number=100 + serial, sop_instance_uid=uid(serial + 50), instance_number=1,
        manufacturer="Lightbox fixtures", manufacturer_model_name="make-segmentation-fixtures", software_versions="1",
        device_serial_number="1", **extra)


def shuffle_frames(ds, seed):
    """Reorders an 8-bit SEG's frames and their per-frame functional groups the same way."""
    frames = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)
    order = list(range(len(frames)))
    random.Random(seed).shuffle(order)
    groups = list(ds.PerFrameFunctionalGroupsSequence)
    ds.PerFrameFunctionalGroupsSequence = [groups[i] for i in order]
    ds.PixelData = np.ascontiguousarray(frames[order]).tobytes()
    return ds


def rtstruct(source, geometry, serial):
    (x0, y0), (sx, sy), zs = geometry
    first = source[0]
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.481.3"
    meta.MediaStorageSOPInstanceUID = uid(serial + 50)
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset("rtstruct.dcm", {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
    ds.Modality = "RTSTRUCT"
    for key in ("PatientName", "PatientID", "StudyInstanceUID", "StudyDate", "StudyTime", "StudyID"):
        if key in first:
            setattr(ds, key, first.data_element(key).value)
    ds.SeriesInstanceUID = uid(serial)
    ds.StructureSetLabel = "fixture"
    ref = Dataset()
    ref.FrameOfReferenceUID = first.FrameOfReferenceUID
    ds.ReferencedFrameOfReferenceSequence = [ref]
    centre_x, centre_y = x0 + 31.5 * sx, y0 + 31.5 * sy
    rois = [(7, "spine ring", (255, 0, 255)), (9, "hollow", (0, 255, 0))]
    ds.StructureSetROISequence, ds.ROIContourSequence = [], []
    expected = np.zeros((len(zs), 64, 64), np.uint8)
    jj, ii = np.mgrid[0:64, 0:64]
    centres = np.stack([ii.ravel(), jj.ravel()], axis=1).astype(float)
    for label, (number, name, colour) in enumerate(rois, start=1):
        item = Dataset()
        item.ROINumber, item.ROIName = number, name
        item.ReferencedFrameOfReferenceUID = first.FrameOfReferenceUID
        item.ROIGenerationAlgorithm = "MANUAL"
        ds.StructureSetROISequence.append(item)
        contours = Dataset()
        contours.ReferencedROINumber = number
        contours.ROIDisplayColor = list(colour)
        contours.ContourSequence = []
        for k, z in enumerate(zs):
            if number == 7 and not 5 <= k < 30:
                continue
            if number == 9 and k not in (20, 21, 22):
                continue
            polygons = [(centre_x + 3.1, centre_y + 55.3, 40.7)] if number == 7 else \
                [(centre_x - 60.2, centre_y - 20.9, 50.3), (centre_x - 60.2, centre_y - 20.9, 21.1)]
            inside = np.zeros(64 * 64, bool)
            for cx, cy, radius in polygons:
                angles = np.linspace(0, 2 * np.pi, 29)[:-1]
                xs, ys = cx + radius * np.cos(angles), cy + radius * 0.8 * np.sin(angles)
                contour = Dataset()
                contour.ContourGeometricType = "CLOSED_PLANAR"
                contour.NumberOfContourPoints = len(xs)
                contour.ContourData = [f"{v:.4f}" for p in zip(xs, ys, [z] * len(xs)) for v in p]
                contours.ContourSequence.append(contour)
                path = Path(np.stack([(np.round(xs, 4) - x0) / sx, (np.round(ys, 4) - y0) / sy], axis=1))
                inside ^= path.contains_points(centres)
            expected[k][inside.reshape(64, 64)] = label
        ds.ROIContourSequence.append(contours)
    return ds, expected


def fuzz_seeds(source, masks):
    """Small SEGs (8 x 8 crops of six slices) for the SEGFrameMapping fuzz target, below its 16 KiB smoke limit."""
    folder = os.path.join(os.path.dirname(__file__), "..", "Fuzz", "Seeds", "SEGFrameMapping")
    os.makedirs(folder, exist_ok=True)
    crops = []
    for d in source[18:24]:
        c = d.copy()
        c.PixelData = np.ascontiguousarray(d.pixel_array[28:36, 28:36]).tobytes()
        c.Rows = c.Columns = 8
        crops.append(c)
    crop = {n: m[18:24, 28:36, 28:36] for n, m in masks.items()}
    binary = np.stack([crop[1], crop[2]], axis=-1).astype(np.uint8)
    seg(crops, binary, hd.seg.SegmentationTypeValues.BINARY, [1, 2], 5).save_as(os.path.join(folder, "binary.dcm"))
    labelmap = (crop[1] * 1 + crop[2] * 1).astype(np.uint8)
    seg(crops, labelmap, hd.seg.SegmentationTypeValues.LABELMAP, [1, 2], 6).save_as(os.path.join(folder, "labelmap.dcm"))
    fractional = crop[1].astype(np.float32) * 0.75
    seg(crops, fractional, hd.seg.SegmentationTypeValues.FRACTIONAL, [1], 7).save_as(os.path.join(folder, "fractional.dcm"))


def nibabel_reference(folder):
    entries = []
    for path in sorted(glob.glob(os.path.join(folder, "*.nii")) + glob.glob(os.path.join(folder, "*.nii.gz"))):
        try:
            image = nib.load(path)
            data = np.asanyarray(image.dataobj)
            if data.dtype.kind not in "iuf" or data.ndim < 2:
                continue
            first = image.get_fdata()[..., 0] if data.ndim == 4 else image.get_fdata()
            entries.append({
                "file": os.path.basename(path), "affineRAS": np.asarray(image.affine).round(6).tolist(),
                "shape": list(data.shape), "dtype": str(data.dtype),
                "firstVolumeSum": float(np.nansum(first, dtype=np.float64)), "firstVolumeNaNs": int(np.isnan(first).sum()),
                "firstVoxel": float(np.nan_to_num(first.reshape(-1, order="F")[0])),
            })
        except Exception as error:  # files nibabel itself cannot read are not references
            print("skipped", os.path.basename(path), error)
    return entries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--phantom", required=True)
    parser.add_argument("--nibabel-data", required=True)
    args = parser.parse_args()
    source = [pydicom.dcmread(p) for p in sorted(glob.glob(os.path.join(args.phantom, "CT", "*.dcm")))]
    source.sort(key=lambda d: float(d.ImagePositionPatient[2]))
    for d in source:  # the phantom leaves out type 2 attributes highdicom copies
        for key in ("PatientBirthDate", "PatientSex", "ReferringPhysicianName", "AccessionNumber", "StudyID"):
            if key not in d:
                setattr(d, key, "")
    hu = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in source])
    assert hu.shape == (40, 64, 64), hu.shape
    body = hu > -300
    bone = hu > 300
    columns = np.arange(64)[None, None, :]
    has = body.any(axis=2, keepdims=True)
    left = np.where(has, body.argmax(axis=2)[..., None], 64)
    right = np.where(has, 63 - body[..., ::-1].argmax(axis=2)[..., None], -1)
    lung = (hu < -500) & (columns > left) & (columns < right)  # air inside the body's outline
    masks = {1: body, 2: bone, 3: lung}
    expected = {}
    os.makedirs(OUT, exist_ok=True)

    binary = np.stack([body, bone, lung], axis=-1).astype(np.uint8)
    binary[:6] = 0  # the first six slices hold no segment: the SEG omits them (sparse)
    seg(source, binary, hd.seg.SegmentationTypeValues.BINARY, [1, 2, 3], 1).save_as(os.path.join(OUT, "seg-binary.dcm"))
    labels = np.zeros(hu.shape, np.uint8)
    for n in (1, 2, 3):
        labels[binary[..., n - 1] > 0] = n  # the higher number wins where segments overlap
    expected["seg-binary.dcm"] = {"runs": runs(labels), "counts": {str(n): int(binary[..., n - 1].sum()) for n in (1, 2, 3)}}

    ramp = np.clip((hu - 100.0) / 400.0, 0, 1) * np.linspace(0.2, 1.0, 64)[None, None, :]
    fractional = seg(source, ramp.astype(np.float32), hd.seg.SegmentationTypeValues.FRACTIONAL, [1], 2,
                     names={1: "bone ramp"}, max_fractional_value=200)
    shuffle_frames(fractional, 7).save_as(os.path.join(OUT, "seg-fractional.dcm"))
    stored = np.round(ramp * 200)
    expected["seg-fractional.dcm"] = {"runs": runs(np.where(stored / 200 >= 0.5, 1, 0).astype(np.uint8)),
                                      "counts": {"1": int((stored / 200 >= 0.5).sum())}}

    labelmap = np.zeros(hu.shape, np.uint8)
    labelmap[body] = 1
    labelmap[lung] = 3
    labelmap[bone] = 2
    seg(source, labelmap, hd.seg.SegmentationTypeValues.LABELMAP, [1, 2, 3], 3).save_as(os.path.join(OUT, "seg-labelmap.dcm"))
    expected["seg-labelmap.dcm"] = {"runs": runs(labelmap), "counts": {str(n): int((labelmap == n).sum()) for n in (1, 2, 3)}}

    first = source[0]
    x0, y0 = float(first.ImagePositionPatient[0]), float(first.ImagePositionPatient[1])
    sy, sx = (float(v) for v in first.PixelSpacing)
    zs = [float(d.ImagePositionPatient[2]) for d in source]
    structure, raster = rtstruct(source, ((x0, y0), (sx, sy), zs), 4)
    structure.save_as(os.path.join(OUT, "rtstruct.dcm"), enforce_file_format=True)
    expected["rtstruct.dcm"] = {"runs": runs(raster), "counts": {str(n): int((raster == n).sum()) for n in (1, 2)}}

    affine = np.array([[-sx, 0, 0, -x0], [0, -sy, 0, -y0], [0, 0, zs[1] - zs[0], zs[0]], [0, 0, 0, 1]])
    image = nib.Nifti1Image(np.transpose(labelmap, (2, 1, 0)).astype(np.uint8), affine)
    image.set_sform(affine, code=1)
    image.set_qform(affine, code=1)
    nib.save(image, os.path.join(OUT, "labels.nii.gz"))
    expected["labels.nii.gz"] = expected["seg-labelmap.dcm"]

    fuzz_seeds(source, masks)
    reference = {"fixtures": expected, "colours": {str(n): list(c) for n, c in COLOURS.items()},
                 "names": {str(n): name for n, name in NAMES.items()}, "nibabel": nibabel_reference(args.nibabel_data)}
    with open(os.path.join(OUT, "expected.json"), "w") as handle:
        json.dump(reference, handle, separators=(",", ":"))
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
