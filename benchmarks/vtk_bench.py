#!/usr/bin/env python3
"""VTK side of benchmarks/compare-vtk.sh: renders the cameras of `lightbox bench export` with VTK.

Same voxels (ct.raw, int16 stored values), same cameras (ct.json), same output size, readback
included (vtkWindowToImageFilter), median of --runs frames after one warm-up frame.

  * MPR (axial, oblique): vtkImageResliceMapper (screen-resolution reslice, linear interpolation).
  * Slab MIP: the same mapper with SlabType max, SlabThickness 20 mm and SlabSampleFactor 1, so it
    samples at the slice spacing along the normal as Lightbox does.
  * Rotated MIP: vtkGPUVolumeRayCastMapper, BlendMode MaximumIntensity, AutoAdjustSampleDistances off,
    SampleDistance = Lightbox's step (half the smallest voxel spacing, 0.4 mm), linear interpolation.
  * Volume rendering: vtkGPUVolumeRayCastMapper, BlendMode Composite, the camera's preset (scalar opacity, colour and
    gradient opacity points moved from HU to stored values; gradient opacity disabled when it is 1 everywhere, as
    Lightbox skips it then), shading on with the preset's ambient, diffuse, specular and specular power under the
    renderer's headlight, ScalarOpacityUnitDistance = the camera's (1 mm), SampleDistance = Lightbox's step.
  * One-slice update: one slice of the vtkImageData rewritten in place + Modified() + a frame.

Run with VTK_DEFAULT_OPENGL_WINDOW=vtkOSOpenGLRenderWindow so VTK renders offscreen through OSMesa.

  vtk_bench.py DIR --runs 11 --json out.json      time every camera
  vtk_bench.py --ttff DICOM_DIR                   read a DICOM folder, render one axial MPR frame, exit
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import vtk
from vtk.util import numpy_support


def renderer_string(window):
    caps = window.ReportCapabilities() or ""
    fields = {}
    for line in caps.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            fields[k.strip()] = v.strip()
    return "%s; %s" % (fields.get("OpenGL renderer string", "?"), fields.get("OpenGL version string", "?"))


class Scene:
    def __init__(self, width, height):
        self.window = vtk.vtkRenderWindow()
        self.window.SetOffScreenRendering(1)
        self.window.SetSize(width, height)
        self.window.SetMultiSamples(0)
        self.renderer = vtk.vtkRenderer()
        self.renderer.SetBackground(0, 0, 0)
        self.window.AddRenderer(self.renderer)
        self.grab = vtk.vtkWindowToImageFilter()
        self.grab.SetInput(self.window)
        self.grab.ReadFrontBufferOff()
        self.grab.SetInputBufferTypeToRGBA()

    def set_camera(self, cam):
        c = np.array(cam["centre"])
        n = np.array(cam["normal"])
        camera = self.renderer.GetActiveCamera()
        camera.ParallelProjectionOn()
        camera.SetFocalPoint(*c)
        camera.SetPosition(*(c + n * 2000.0))   # looking along -normal, as Lightbox's rays
        camera.SetViewUp(*cam["up"])
        camera.SetParallelScale(cam["height"] * cam["pixelSpacing"] / 2)
        self.renderer.ResetCameraClippingRange()

    def frame(self):
        """One frame, read back into memory."""
        self.window.Render()
        self.grab.Modified()
        self.grab.Update()
        return self.grab.GetOutput()

    def save_png(self, path):
        writer = vtk.vtkPNGWriter()
        writer.SetFileName(path)
        writer.SetInputConnection(self.grab.GetOutputPort())
        writer.Write()


MIN_SECONDS = 0.0


def timed(fn, runs, prepare=None):
    """Median wall and process-CPU milliseconds of fn() after one warm-up call: over `runs` calls, or more while
    the timed calls add up to less than MIN_SECONDS (at most 1,000), as `lightbox bench render --min-seconds`."""
    if prepare:
        prepare()
    fn()
    wall, cpu = [], []
    while len(wall) < runs or (sum(wall) < MIN_SECONDS * 1000 and len(wall) < 1000):
        if prepare:
            prepare()
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu), len(wall)


def load_raw(folder):
    header = json.load(open(os.path.join(folder, "ct.json")))
    d = header["dimensions"]
    for axis, expected in (("iDirection", [1, 0, 0]), ("jDirection", [0, 1, 0]), ("kDirection", [0, 0, 1])):
        if max(abs(a - b) for a, b in zip(header[axis], expected)) > 1e-9:
            sys.exit("vtk_bench.py expects an axis-aligned volume (%s = %s)" % (axis, header[axis]))
    voxels = np.fromfile(os.path.join(folder, "ct.raw"), dtype="<i2")
    assert voxels.size == d[0] * d[1] * d[2], "ct.raw size does not match ct.json"
    image = vtk.vtkImageData()
    image.SetDimensions(*d)
    image.SetSpacing(*header["spacing"])
    image.SetOrigin(*header["origin"])
    array = numpy_support.numpy_to_vtk(voxels, deep=1, array_type=vtk.VTK_SHORT)
    array.SetName("CT")
    image.GetPointData().SetScalars(array)
    return header, image


def stored(hu, header):
    return (hu - header["intercept"]) / header["slope"]


def slice_actor(image, cam, header):
    mapper = vtk.vtkImageResliceMapper()
    mapper.SetInputData(image)
    mapper.SliceFacesCameraOn()
    mapper.SliceAtFocalPointOn()
    mapper.ResampleToScreenPixelsOn()
    if cam["kind"] == "slab-max":
        mapper.SetSlabThickness(cam["slabThickness"])
        mapper.SetSlabTypeToMax()
        mapper.SetSlabSampleFactor(1)
    actor = vtk.vtkImageSlice()
    actor.SetMapper(mapper)
    prop = actor.GetProperty()
    prop.SetColorWindow(cam["windowWidth"] / header["slope"])
    prop.SetColorLevel(stored(cam["windowCentre"], header))
    prop.SetInterpolationTypeToLinear()
    return actor


def ray_cast_mapper(image, cam):
    """vtkGPUVolumeRayCastMapper at the camera's fixed sample distance, one ray per pixel."""
    mapper = vtk.vtkGPUVolumeRayCastMapper()
    mapper.SetInputData(image)
    mapper.AutoAdjustSampleDistancesOff()
    mapper.LockSampleDistanceToInputSpacingOff()
    mapper.SetSampleDistance(cam["sampleStep"])
    mapper.SetImageSampleDistance(1.0)
    return mapper


def mip_volume(image, cam, header):
    mapper = ray_cast_mapper(image, cam)
    mapper.SetBlendModeToMaximumIntensity()
    lower = stored(cam["windowCentre"] - cam["windowWidth"] / 2, header)
    upper = stored(cam["windowCentre"] + cam["windowWidth"] / 2, header)
    colour = vtk.vtkColorTransferFunction()
    colour.AddRGBPoint(lower, 0, 0, 0)
    colour.AddRGBPoint(upper, 1, 1, 1)
    opacity = vtk.vtkPiecewiseFunction()
    opacity.AddPoint(-32768, 1)
    opacity.AddPoint(32767, 1)
    prop = vtk.vtkVolumeProperty()
    prop.SetColor(colour)
    prop.SetScalarOpacity(opacity)
    prop.SetInterpolationTypeToLinear()
    prop.ShadeOff()
    volume = vtk.vtkVolume()
    volume.SetMapper(mapper)
    volume.SetProperty(prop)
    return volume


def composite_volume(image, cam, header):
    preset = cam["preset"]
    mapper = ray_cast_mapper(image, cam)
    mapper.SetBlendModeToComposite()
    colour = vtk.vtkColorTransferFunction()
    for value, r, g, b in preset["color"]:
        colour.AddRGBPoint(stored(value, header), r, g, b)
    opacity = vtk.vtkPiecewiseFunction()
    for value, alpha in preset["scalarOpacity"]:
        opacity.AddPoint(stored(value, header), alpha)
    gradient = vtk.vtkPiecewiseFunction()
    for magnitude, alpha in preset["gradientOpacity"]:
        gradient.AddPoint(magnitude / header["slope"], alpha)
    prop = vtk.vtkVolumeProperty()
    prop.SetColor(colour)
    prop.SetScalarOpacity(opacity)
    prop.SetGradientOpacity(gradient)
    prop.SetDisableGradientOpacity(all(alpha == 1 for _, alpha in preset["gradientOpacity"]))
    prop.SetScalarOpacityUnitDistance(cam["opacityUnitDistance"])
    prop.SetInterpolationTypeToLinear()
    prop.SetShade(1 if preset["shade"] else 0)
    prop.SetAmbient(preset["ambient"])
    prop.SetDiffuse(preset["diffuse"])
    prop.SetSpecular(preset["specular"])
    prop.SetSpecularPower(preset["specularPower"])
    volume = vtk.vtkVolume()
    volume.SetMapper(mapper)
    volume.SetProperty(prop)
    return volume


def png_name(name):
    return name.replace(" ", "_").replace("°", "deg").replace(",", "")


def bench(folder, runs, png_dir, volume_runs):
    header, image = load_raw(folder)
    cams = header["cameras"]
    width, height = cams[0]["width"], cams[0]["height"]
    scene = Scene(width, height)
    scene.frame()
    results = {"vtkVersion": vtk.vtkVersion.GetVTKVersion(), "renderer": renderer_string(scene.window),
               "window": scene.window.GetClassName(), "runs": runs, "figures": []}
    voxels = numpy_support.vtk_to_numpy(image.GetPointData().GetScalars())
    d = header["dimensions"]
    k = header["oneSliceUpdateSlice"]
    plane = d[0] * d[1]
    original = voxels[k * plane:(k + 1) * plane].copy()

    def one_slice_update():
        voxels[k * plane:(k + 1) * plane] = original   # rewrite slice k in place, as a streamed slice would be
        image.Modified()

    def add(name, wall, cpu, frames, note=""):
        results["figures"].append({"name": name, "milliseconds": wall, "cpuMilliseconds": cpu, "frames": frames, "note": note})
        print("  %-44s %9.2f ms   (CPU %9.2f ms)" % (name, wall, cpu), flush=True)

    for cam in cams:
        if cam["kind"] in ("mip", "volume"):
            prop = (mip_volume if cam["kind"] == "mip" else composite_volume)(image, cam, header)
            scene.renderer.AddVolume(prop)
        else:
            prop = slice_actor(image, cam, header)
            scene.renderer.AddViewProp(prop)
        scene.set_camera(cam)
        wall, cpu, frames = timed(scene.frame, volume_runs if cam["kind"] == "volume" else runs)
        add(cam["name"], wall, cpu, frames)
        if png_dir:
            scene.save_png(os.path.join(png_dir, "vtk_%s.png" % png_name(cam["name"])))
        if cam["name"] in ("axial MPR", "rotated MIP 30°"):
            wall, cpu, frames = timed(scene.frame, runs, prepare=one_slice_update)
            add("one-slice update + %s frame" % cam["name"], wall, cpu, frames)
        if cam["name"] == "rotated MIP 30°":
            # The update's own cost, out of the noise of a multi-second frame: the same MIP in a 16×16
            # window (the ray cast is then negligible) with and without a one-slice update before it.
            scene.window.SetSize(16, 16)
            scene.set_camera(dict(cam, width=16, height=16, pixelSpacing=cam["pixelSpacing"] * cam["width"] / 16))
            plain_wall, plain_cpu, _ = timed(scene.frame, runs)
            upd_wall, upd_cpu, frames = timed(scene.frame, runs, prepare=one_slice_update)
            add("one-slice update, GPU mapper (16² frame delta)", upd_wall - plain_wall, upd_cpu - plain_cpu, frames,
                note="update+frame minus frame, both in a 16x16 window: the cost of the update itself")
            scene.window.SetSize(width, height)
        scene.renderer.RemoveViewProp(prop)
    return results


def ttff(dicom_dir, width, height, window_centre, window_width):
    """Time to first frame: read the folder with vtkDICOMImageReader, render one axial MPR, read it back."""
    t0 = time.perf_counter()
    reader = vtk.vtkDICOMImageReader()
    reader.SetDirectoryName(dicom_dir)
    reader.Update()
    image = reader.GetOutput()
    slope = reader.GetRescaleSlope() or 1.0
    intercept = reader.GetRescaleOffset()
    header = {"slope": slope, "intercept": intercept}
    (x0, x1, y0, y1, z0, z1) = image.GetBounds()
    centre = [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2]
    spacing = max(x1 - x0, y1 - y0) / width
    cam = {"kind": "mpr", "centre": centre, "normal": [0, 0, -1], "up": [0, -1, 0], "width": width, "height": height,
           "pixelSpacing": spacing, "windowCentre": window_centre, "windowWidth": window_width}
    scene = Scene(width, height)
    scene.renderer.AddViewProp(slice_actor(image, cam, header))
    scene.set_camera(cam)
    scene.frame()
    elapsed = (time.perf_counter() - t0) * 1000
    dims = image.GetDimensions()
    print(json.dumps({"ttffMilliseconds": elapsed, "dimensions": dims, "scalarType": image.GetScalarTypeAsString(),
                      "renderer": renderer_string(scene.window)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", help="folder written by `lightbox bench export`")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--min-seconds", type=float, default=0.0,
                        help="keep timing a view past --runs until its frames add up to this many seconds")
    parser.add_argument("--volume-runs", type=int, default=3,
                        help="timed frames of each volume rendering (tens of seconds each on llvmpipe), no --min-seconds")
    parser.add_argument("--json", help="write the figures as JSON here")
    parser.add_argument("--png", help="write one PNG per camera into this folder")
    parser.add_argument("--ttff", metavar="DICOM_DIR", help="time to first frame from a DICOM folder, then exit")
    parser.add_argument("--size", type=int, default=512)
    args = parser.parse_args()
    if args.ttff:
        ttff(args.ttff, args.size, args.size, 40, 400)
        return
    if not args.folder:
        parser.error("folder is required")
    global MIN_SECONDS
    MIN_SECONDS = max(0.0, args.min_seconds)
    print("VTK %s" % vtk.vtkVersion.GetVTKVersion(), flush=True)
    results = bench(args.folder, args.runs, args.png, args.volume_runs)
    print("  renderer  %s (%s)" % (results["renderer"], results["window"]))
    if args.json:
        json.dump(results, open(args.json, "w"), indent=2)


if __name__ == "__main__":
    main()
