// Draws a label image (overlay_section.frag or overlay_projection.frag) over the view, blended by GL
// (source alpha): the outline opaque where a labelled pixel's label differs from a 4-neighbour's (the image's
// edge counts as background), the fill at uFill elsewhere on labelled pixels; nothing on background.
// Needs version.glsl and overlay_labels.glsl before it.

uniform usampler2D uLabelImage;
uniform ivec2 uSize;

out vec4 fragColor;

uint imageLabel(ivec2 p) {
    return texelFetch(uLabelImage, clamp(p, ivec2(0), uSize - 1), 0).r;
}

void main() {
    ivec2 p = ivec2(gl_FragCoord.xy);
    uint label = imageLabel(p);
    if (label == 0u) discard;
    bool edge = any(equal(p, ivec2(0))) || any(equal(p, uSize - 1))
        || imageLabel(p + ivec2(1, 0)) != label || imageLabel(p - ivec2(1, 0)) != label
        || imageLabel(p + ivec2(0, 1)) != label || imageLabel(p - ivec2(0, 1)) != label;
    fragColor = overlayPaint(segmentColour(label), edge);
    if (fragColor.a <= 0.0) discard;
}
