// overlay_section.glsl's neighbour test for a view whose screen x and y run along label grid axes uAxisX and uAxisY
// (the other components of uLabelDx and uLabelDy are 0) at most one voxel a pixel (SectionOverlay.NeighbourTest.grid): a
// neighbour pixel's nearest voxel is the pixel's own or the next one along that axis, so the pixel's texel bits
// (LabelTexels: bit 2a + 1 after, 2a before, set where that voxel is outside the grid or has another label) answer
// without a read.

uniform int uAxisX;
uniform int uAxisY;

// Component a of labelPoint(g): the same operations on that component alone.
float labelAlong(vec2 g, int a) {
    return uLabelOrigin[a] + g.x * uLabelDx[a] + g.y * uLabelDy[a];
}

// Whether the neighbour at fragment coordinate g, whose nearest voxel moves along axis a only, has another label.
bool stepDiffers(vec2 f, vec2 g, int a, uint texel) {
    float here = floor(labelAlong(f, a) + 0.5), there = floor(labelAlong(g, a) + 0.5);
    uint bit = uint(2 * a + (there > here ? 1 : 0));
    return there != here && ((texel >> bit) & 1u) != 0u;
}

bool neighbourDiffers(vec2 f, uint texel, uint label) {
#ifdef GL_ARB_derivative_control
    bool inQuad = differsInsideQuad(label);
    vec2 o = outsideQuad(f);
    return inQuad || stepDiffers(f, f + vec2(o.x, 0.0), uAxisX, texel) || stepDiffers(f, f + vec2(0.0, o.y), uAxisY, texel);
#else
    return stepDiffers(f, f + vec2(1.0, 0.0), uAxisX, texel) || stepDiffers(f, f - vec2(1.0, 0.0), uAxisX, texel)
        || stepDiffers(f, f + vec2(0.0, 1.0), uAxisY, texel) || stepDiffers(f, f - vec2(0.0, 1.0), uAxisY, texel);
#endif
}
