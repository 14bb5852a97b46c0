// A segmentation overlay of an MPR or fusion view painted in one pass (SectionOverlay, overlay_box.frag): at each
// pixel the section of the label volume through the view's plane, outlined where a 4-neighbour pixel's label differs,
// the same labels and the same paint as the two-draw pass's label image and blend (overlay_section.frag,
// overlay_draw.frag), with no label image. Needs version.glsl and overlay_labels.glsl before it, and one of
// overlay_edges_unit.glsl / overlay_edges_grid.glsl / overlay_edges_read.glsl (how the neighbours are compared) after
// it.

uniform vec3 uLabelOrigin;    // label index at fragment coordinate (0, 0)
uniform vec3 uLabelDx;        // label index change per pixel, screen x
uniform vec3 uLabelDy;        // and screen y
uniform ivec2 uViewSize;      // the view's pixels: its border counts as an outline

// The label index at fragment coordinate f, the very expression of overlay_section.frag.
vec3 labelPoint(vec2 f) {
    return uLabelOrigin + f.x * uLabelDx + f.y * uLabelDy;
}

// The offsets to the pixel at f's two 4-neighbours outside its 2×2 quad (the quads of fragments shaded together lie on
// even coordinates): −1 along x on a quad's left column, +1 on its right; the same along y.
vec2 outsideQuad(vec2 f) {
    return vec2(ivec2(f) & 1) * 2.0 - 1.0;
}

// Whether the pixel's 4-neighbours inside its 2×2 quad have another stored label than `label`, from the fine
// derivatives of the label (exact: labels are below 2^24). Only where GL_ARB_derivative_control is there; uniform
// control flow.
#ifdef GL_ARB_derivative_control
bool differsInsideQuad(uint label) {
    float here = float(label);
    return dFdxFine(here) != 0.0 || dFdyFine(here) != 0.0;
}
#endif

// Whether a 4-neighbour pixel of the one at f, whose stored texel is `texel` and drawn label `label` (not 0), has
// another stored label. A drawn label's neighbour's drawn label differs from it exactly when the neighbour's stored
// label does (a segment not drawn counts as background), so the neighbours need no colour-table reads. Where the
// renderer has fine derivatives (GL_ARB_derivative_control), the two neighbours inside the pixel's quad are compared
// through them (the quad's labels are at hand), so only the two outside it are looked at. Called in uniform control
// flow (derivatives).
bool neighbourDiffers(vec2 f, uint texel, uint label);

// What the overlay paints at this fragment (overlayPaint): opacity 0 where no segment is drawn.
vec4 sectionPaint() {
    vec2 f = gl_FragCoord.xy;
    uint texel = storedTexelAt(labelPoint(f));
    uint label = texel >> 6u;
    vec4 colour = segmentColour(label);
    ivec2 pixel = ivec2(f);
    bool neighbours = neighbourDiffers(f, texel, label);
    bool edge = neighbours || any(equal(pixel, ivec2(0))) || any(equal(pixel, uViewSize - 1));
    return overlayPaint(colour, edge);
}

