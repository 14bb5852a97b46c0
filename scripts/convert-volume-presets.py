#!/usr/bin/env python3
"""Convert 3D Slicer's volume-rendering presets (presets.xml of its VolumeRendering module) into
Lightbox's own preset file, Shaders/presets/volume-presets.json (stdlib only).

Run once by a developer when the presets change (not by CI):
    scripts/convert-volume-presets.py SLICER_PRESETS_XML [--out Shaders/presets/volume-presets.json]

Slicer stores each function as one attribute, a count followed by the values: scalarOpacity = (value, alpha)
pairs, colorTransfer = (value, r, g, b) quadruples, gradientOpacity = (gradient magnitude, alpha) pairs;
shade, ambient, diffuse, specular and specularPower are scalars. Lightbox's format keeps the same numbers as
lists of points, adds a modality and a one-line description per preset, and appends Lightbox's own PET preset.
"""
import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET

DESCRIPTIONS = {
    "CT-AAA": "Contrast-enhanced aorta (abdominal aortic aneurysm): vessels red-white, bone white",
    "CT-AAA2": "Contrast-enhanced aorta, a second colouring with soft tissue faintly blue",
    "CT-Bone": "Bone: soft tissue faint red, bone opaque ivory",
    "CT-Bones": "Bones with a rainbow colouring by density, no specular highlight",
    "CT-Cardiac": "Contrast-enhanced heart: chambers and vessels over soft tissue",
    "CT-Cardiac2": "Contrast-enhanced heart: myocardium orange, contrast white",
    "CT-Cardiac3": "Contrast-enhanced heart, a third colouring",
    "CT-Chest-Contrast-Enhanced": "Contrast-enhanced chest: vessels and bone over faint soft tissue",
    "CT-Chest-Vessels": "Chest vessels and airways over faint soft tissue",
    "CT-Coronary-Arteries": "Coronary arteries in contrast CT, unshaded",
    "CT-Coronary-Arteries-2": "Coronary arteries in contrast CT, a second colouring",
    "CT-Coronary-Arteries-3": "Coronary arteries in contrast CT, a third colouring",
    "CT-Cropped-Volume-Bone": "Everything above -450 HU opaque, unshaded: bone of a volume cropped to the body",
    "CT-Fat": "Fat (around -100 HU) translucent, unshaded",
    "CT-Liver-Vasculature": "Contrast-enhanced liver vessels, unshaded",
    "CT-Lung": "Lung parenchyma and airways",
    "CT-MIP": "Dense structures ramping to opaque at 700 HU, a MIP-like look",
    "CT-Muscle": "Muscle red over bone",
    "CT-Pulmonary-Arteries": "Pulmonary arteries in contrast CT",
    "CT-Soft-Tissue": "The skin surface, opaque from -160 HU, unshaded",
    "MR-Angio": "MR angiography: bright vessels",
    "MR-Default": "MR: a generic grey-to-white ramp",
    "MR-MIP": "MR: a MIP-like projection, unshaded",
    "MR-T2-Brain": "T2-weighted brain",
    "DTI-FA-Brain": "Fractional anisotropy map of the brain (values 0…1)",
}

# Lightbox's own preset for PET, in SUV (body weight): faint below SUV 2, hot-iron colours, opaque hot spots.
PET_PRESET = {
    "name": "PET-SUV",
    "modality": "PT",
    "description": "PET in SUVbw: uptake below 1.5 transparent, hot spots opaque in hot-iron colours",
    "scalarOpacity": [[0, 0], [1.5, 0], [2.5, 0.05], [5, 0.4], [10, 0.9], [30, 0.9]],
    "color": [[0, 0, 0, 0], [1.5, 0.5, 0, 0], [3, 1, 0.2, 0], [6, 1, 0.8, 0.1], [10, 1, 1, 0.8], [30, 1, 1, 1]],
    "gradientOpacity": [[0, 1], [255, 1]],
    "shading": {"enabled": True, "ambient": 0.3, "diffuse": 0.7, "specular": 0.1, "specularPower": 10},
}


def values(attribute, text, group):
    numbers = [float(v) for v in text.split()]
    count = int(numbers[0])
    rest = numbers[1:]
    if count != len(rest) or count % group != 0:
        sys.exit(f"{attribute}: count {count} does not match {len(rest)} values in groups of {group}")
    return [rest[i:i + group] for i in range(0, count, group)]


def modality(name):
    if name.startswith("CT-"):
        return "CT"
    return "MR"  # MR-* and DTI-FA-Brain (an MR-derived map)


def convert(node):
    name = node.get("name")
    if name not in DESCRIPTIONS:
        sys.exit(f"preset {name} has no description in this script")
    return {
        "name": name,
        "modality": modality(name),
        "description": DESCRIPTIONS[name],
        "scalarOpacity": values("scalarOpacity", node.get("scalarOpacity"), 2),
        "color": values("colorTransfer", node.get("colorTransfer"), 4),
        "gradientOpacity": values("gradientOpacity", node.get("gradientOpacity"), 2),
        "shading": {
            "enabled": node.get("shade") == "1",
            "ambient": float(node.get("ambient")),
            "diffuse": float(node.get("diffuse")),
            "specular": float(node.get("specular")),
            "specularPower": float(node.get("specularPower")),
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xml")
    parser.add_argument("--out", default="Shaders/presets/volume-presets.json")
    args = parser.parse_args()
    presets = [convert(n) for n in ET.parse(args.xml).getroot().iter("VolumeProperty")]
    if len(presets) != len(DESCRIPTIONS):
        sys.exit(f"expected {len(DESCRIPTIONS)} presets, found {len(presets)}")
    document = {
        "format": "lightbox-volume-presets",
        "version": 1,
        "source": "3D Slicer VolumeRendering presets.xml (BSD-style Slicer licence), plus PET-SUV (Lightbox)",
        "presets": presets + [PET_PRESET],
    }
    text = json.dumps(document, indent=1)
    # One point per line: "[\n  -3024.0,\n  0.0\n ]" -> "[-3024.0, 0.0]".
    text = re.sub(r"\[\s+(-?[0-9.e+-]+(?:,\s+-?[0-9.e+-]+)*)\s+\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text)
    with open(args.out, "w") as f:
        f.write(text + "\n")
    print(f"wrote {len(document['presets'])} presets to {args.out}")


if __name__ == "__main__":
    main()
