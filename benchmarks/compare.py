#!/usr/bin/env python3
"""Merges the outputs of compare-vtk.sh into one table and benchmarks/results/latest.json.

  compare.py WORK_DIR OUT_JSON
"""
import json
import os
import platform
import statistics
import sys

work, out_path = sys.argv[1], sys.argv[2]
lightbox = json.load(open(os.path.join(work, "lightbox.json")))
vtk = json.load(open(os.path.join(work, "vtk.json")))
header = json.load(open(os.path.join(work, "data", "ct.json")))
lb = {f["name"]: f for f in lightbox["figures"]}
vt = {f["name"]: f for f in vtk["figures"]}

# (row label, Lightbox figure, VTK figure)
rows = [
    ("axial MPR", "axial MPR, linear", "axial MPR"),
    ("oblique MPR", "oblique MPR, linear", "oblique MPR"),
    ("slab MIP 20 mm (axial)", "axial slab MIP 20 mm", "slab MIP 20 mm"),
    ("rotated MIP 0°, bone", "rotated MIP 0°, bone window", "rotated MIP 0°"),
    ("rotated MIP 30°, bone", "rotated MIP 30°, bone window", "rotated MIP 30°"),
    ("rotated MIP 60°, bone", "rotated MIP 60°, bone window", "rotated MIP 60°"),
    ("volume rendering 0°, CT-Bone", "volume rendering 0°, CT-Bone", "volume rendering 0°, CT-Bone"),
    ("volume rendering 30°, CT-Bone", "volume rendering 30°, CT-Bone", "volume rendering 30°, CT-Bone"),
    ("one-slice update + axial MPR", "one-slice update + axial MPR frame", "one-slice update + axial MPR frame"),
    ("one-slice update + MIP 30°", "one-slice update + rotated MIP 30° frame", "one-slice update + rotated MIP 30° frame"),
]
table = []
for label, a, b in rows:
    if a in lb and b in vt:
        table.append({"view": label, "lightboxMs": lb[a]["milliseconds"], "lightboxCpuMs": lb[a]["cpuMilliseconds"],
                      "vtkMs": vt[b]["milliseconds"], "vtkCpuMs": vt[b]["cpuMilliseconds"],
                      "lightboxFrames": lb[a].get("frames"), "vtkFrames": vt[b].get("frames")})

# Extra cost of a one-slice update over a plain frame of the same view, each side.
for label, lb_plain, lb_upd, vt_plain, vt_upd in [
    ("one-slice update, extra over axial MPR", "axial MPR, linear", "one-slice update + axial MPR frame", "axial MPR", "one-slice update + axial MPR frame"),
    ("one-slice update, extra over MIP 30°", "rotated MIP 30°, bone window", "one-slice update + rotated MIP 30° frame", "rotated MIP 30°", "one-slice update + rotated MIP 30° frame"),
]:
    if all(k in lb for k in (lb_plain, lb_upd)) and all(k in vt for k in (vt_plain, vt_upd)):
        table.append({"view": label,
                      "lightboxMs": lb[lb_upd]["milliseconds"] - lb[lb_plain]["milliseconds"],
                      "lightboxCpuMs": lb[lb_upd]["cpuMilliseconds"] - lb[lb_plain]["cpuMilliseconds"],
                      "vtkMs": vt[vt_upd]["milliseconds"] - vt[vt_plain]["milliseconds"],
                      "vtkCpuMs": vt[vt_upd]["cpuMilliseconds"] - vt[vt_plain]["cpuMilliseconds"],
                      "note": "difference of two medians; can come out near zero or negative when the update costs less than the noise"})

if "one-slice update (upload + bricks)" in lb and "one-slice update, GPU mapper (16² frame delta)" in vt:
    a, b = lb["one-slice update (upload + bricks)"], vt["one-slice update, GPU mapper (16² frame delta)"]
    table.append({"view": "one-slice update itself (volume texture)", "lightboxMs": a["milliseconds"], "lightboxCpuMs": a["cpuMilliseconds"],
                  "vtkMs": b["milliseconds"], "vtkCpuMs": b["cpuMilliseconds"],
                  "note": "Lightbox: upload of the slice + brick maxima, timed alone; VTK: vtkGPUVolumeRayCastMapper frame after "
                          "Modified() minus a plain frame, both 16x16 so the ray cast is negligible"})

ttff = {"lightbox": [], "vtk": []}
ttff_path = os.path.join(work, "ttff.txt")
if os.path.exists(ttff_path):
    for line in open(ttff_path):
        side, value = line.split()
        ttff[side].append(float(value))
if ttff["lightbox"] and ttff["vtk"]:
    table.append({"view": "first frame from DICOM files (fresh process)", "lightboxMs": statistics.median(ttff["lightbox"]), "lightboxCpuMs": None,
                  "vtkMs": statistics.median(ttff["vtk"]), "vtkCpuMs": None,
                  "note": "Lightbox: `lightbox render CT/ --view axial`; VTK: vtkDICOMImageReader + vtkImageResliceMapper in a fresh "
                          "python (interpreter start and `import vtk` included); median of 3"})

for row in table:
    row["ratio"] = row["lightboxMs"] / row["vtkMs"] if row["vtkMs"] else None
    if row.get("lightboxCpuMs") is not None and row.get("vtkCpuMs"):
        row["cpuRatio"] = row["lightboxCpuMs"] / row["vtkCpuMs"]

# Memory: peak RSS of `lightbox render --view layout-3x3` from the DICOM files.
memory = {}
mem_path = os.path.join(work, "memory.txt")
if os.path.exists(mem_path):
    for line in open(mem_path):
        key, kib = line.split()
        memory[{"peakRSSKiB": "peakRSSBytes", "peakAnonKiB": "peakAnonymousBytes"}[key]] = int(kib) * 1024
d = header["dimensions"]
ct_bytes = d[0] * d[1] * d[2] * 2
pet_bytes = 192 * 192 * d[2] * 4   # the PET is kept as float32 (per-slice slopes)
memory.update({"ctVoxelBytes": ct_bytes, "petVoxelBytes": pet_bytes, "textureBytes": ct_bytes + pet_bytes,
               "targetBytes": 1.5 * (ct_bytes + pet_bytes) + (ct_bytes + pet_bytes)})

scaling = []
scaling_path = os.path.join(work, "scaling.jsonl")
if os.path.exists(scaling_path):
    for line in open(scaling_path):
        r = json.loads(line)
        for f in r["figures"]:
            scaling.append({"size": r["size"], "slices": r["slices"], "name": f["name"], "milliseconds": f["milliseconds"],
                            "cpuMilliseconds": f["cpuMilliseconds"]})



def read_png(path):
    import numpy as np
    import vtk as vtk_module
    from vtk.util import numpy_support
    reader = vtk_module.vtkPNGReader()
    reader.SetFileName(path)
    reader.Update()
    image = reader.GetOutput()
    w, h, _ = image.GetDimensions()
    pixels = numpy_support.vtk_to_numpy(image.GetPointData().GetScalars()).reshape(h, w, -1)[::-1, :, :3]
    return pixels.astype(np.float64)


def ssim(a, b):
    """Mean SSIM over 7×7 windows of the luminance (Wang et al. 2004, uniform window, K1 0.01, K2 0.03, range 255)."""
    import numpy as np
    ya, yb = a @ [0.299, 0.587, 0.114], b @ [0.299, 0.587, 0.114]

    def box(x):
        c = np.pad(x, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
        return (c[7:, 7:] - c[:-7, 7:] - c[7:, :-7] + c[:-7, :-7]) / 49.0
    ma, mb = box(ya), box(yb)
    va, vb, cov = box(ya * ya) - ma * ma, box(yb * yb) - mb * mb, box(ya * yb) - ma * mb
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    return float((((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2))).mean())


images = []
for cam in header["cameras"]:
    if cam["kind"] != "volume":
        continue
    stem = cam["name"].replace(" ", "_").replace("°", "deg").replace(",", "")
    lb_png, vt_png = os.path.join(work, "lightbox_%s.png" % stem), os.path.join(work, "vtk_%s.png" % stem)
    if os.path.exists(lb_png) and os.path.exists(vt_png):
        a, b = read_png(lb_png), read_png(vt_png)
        if a.shape == b.shape:
            # The report names the frames relative to the repository, so it reads the same on every machine.
            root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            images.append({"view": cam["name"], "lightboxPNG": os.path.relpath(lb_png, root),
                           "vtkPNG": os.path.relpath(vt_png, root),
                           "meanAbsoluteDifference": float(abs(a - b).mean()), "ssim": ssim(a, b)})

result = {"machine": lightbox["machine"], "platform": platform.platform(), "lightboxRenderer": lightbox["renderer"],
          "vtkRenderer": vtk["renderer"], "vtkWindow": vtk["window"], "vtkVersion": vtk["vtkVersion"], "runs": vtk["runs"],
          "volume": lightbox["volume"], "mipSampleStepMm": next((c["sampleStep"] for c in header["cameras"] if c["kind"] == "mip"), None),
          "table": table, "images": images, "memory": memory, "scaling": scaling, "lightboxFigures": lightbox["figures"], "vtkFigures": vtk["figures"]}
os.makedirs(os.path.dirname(out_path), exist_ok=True)
json.dump(result, open(out_path, "w"), indent=2, ensure_ascii=False)


def fmt(x):
    return "      -" if x is None else "%9.2f" % x


print()
print("Lightbox vs VTK %s — %s" % (vtk["vtkVersion"], lightbox["volume"]))
print("machine   %s" % lightbox["machine"])
print("renderer  Lightbox: %s" % lightbox["renderer"])
print("          VTK:      %s via %s" % (vtk["renderer"], vtk["window"]))
frames = [n for row in table for n in (row.get("lightboxFrames"), row.get("vtkFrames")) if n]
print("MIP sample distance %.2f mm on both sides; medians of %d–%d frames per view (one warm-up frame each), readback included; "
      "wall ms (CPU ms)" % (result["mipSampleStepMm"], min(frames, default=0), max(frames, default=0)))
print()
print("%-46s %21s %21s %7s %7s" % ("view", "Lightbox ms (CPU)", "VTK ms (CPU)", "ratio", "CPU"))
for row in table:
    lc = "(%s)" % fmt(row["lightboxCpuMs"]).strip() if row.get("lightboxCpuMs") is not None else ""
    vc = "(%s)" % fmt(row["vtkCpuMs"]).strip() if row.get("vtkCpuMs") is not None else ""
    print("%-46s %9.2f %11s %9.2f %11s %7s %7s" % (
        row["view"], row["lightboxMs"], lc, row["vtkMs"], vc,
        "%.3f" % row["ratio"] if row.get("ratio") is not None else "-",
        "%.3f" % row["cpuRatio"] if row.get("cpuRatio") is not None else "-"))
if images:
    print()
    print("volume renderings, Lightbox against VTK (8-bit RGB levels; the PNGs are kept for a person to compare):")
    for im in images:
        print("  %-32s mean |difference| %.2f, SSIM %.3f   %s  %s" % (
            im["view"], im["meanAbsoluteDifference"], im["ssim"], im["lightboxPNG"], im["vtkPNG"]))
if memory.get("peakRSSBytes"):
    mib = 1 << 20
    print()
    print("memory: peak RSS %.0f MiB (of which anonymous %.0f MiB; the rest is shared libraries mapped from disk) rendering "
          "the 3×3 + MIP layout from files; voxels CT %.0f + PET %.0f MiB, textures %.0f MiB; target (1.5 × voxels + textures) "
          "%.0f MiB" % (memory["peakRSSBytes"] / mib, memory.get("peakAnonymousBytes", 0) / mib, ct_bytes / mib, pet_bytes / mib,
                        memory["textureBytes"] / mib, memory["targetBytes"] / mib))
if scaling:
    print()
    print("Lightbox scaling (wall ms, CPU ms in parentheses)")
    for s in scaling:
        print("  %4d² output, %3d slices  %-34s %9.2f  (%9.2f)" % (s["size"], s["slices"], s["name"], s["milliseconds"], s["cpuMilliseconds"]))
print()
print("written: %s" % out_path)
