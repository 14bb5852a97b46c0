"""SSIM of two PNG files by independent code, printed as JSON, for MetricsAgainstToolsTests.

interior: scikit-image's structural_similarity with the Gaussian window Lightbox uses (sigma 1.5, radius 5,
population moments, K1 0.01, K2 0.03), which averages the SSIM map without the 5-pixel border.
edge: the same definition over every pixel with edge pixels repeated beyond the border (ImageMagick 7's
virtual pixels), from scipy's gaussian_filter(mode="nearest").
Both average over the channels of the file as decoded (gray: 1, RGB(A): 3, or 4 when either image has
transparency: ImageMagick's PNG reader drops an alpha channel that is opaque everywhere).
"""
import json
import sys

import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter
from skimage.metrics import structural_similarity


def load(path):
    image = np.asarray(Image.open(path)).astype(np.float64)
    return image[..., None] if image.ndim == 2 else image


def edge_ssim(x, y):
    x, y = x / 255.0, y / 255.0
    blur = lambda z: gaussian_filter(z, sigma=1.5, mode="nearest", truncate=5 / 1.5)
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    means = []
    for c in range(x.shape[2]):
        a, b = x[..., c], y[..., c]
        ma, mb = blur(a), blur(b)
        va, vb, cab = blur(a * a) - ma * ma, blur(b * b) - mb * mb, blur(a * b) - ma * mb
        s = ((2 * ma * mb + c1) * (2 * cab + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2))
        means.append(s.mean())
    return float(np.mean(means))


x, y = load(sys.argv[1]), load(sys.argv[2])
if x.shape[2] == 4 and (x[..., 3] == 255).all() and (y[..., 3] == 255).all():
    x, y = x[..., :3], y[..., :3]
interior = structural_similarity(x, y, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                 data_range=255, channel_axis=2)
print(json.dumps({"interior": float(interior), "edge": edge_ssim(x, y)}))
