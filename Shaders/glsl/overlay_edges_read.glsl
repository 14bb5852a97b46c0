// overlay_section.glsl's neighbour test for any view: the four neighbours' labels are read.

bool neighbourDiffers(vec2 f, uint texel, uint label) {
    return storedLabelAt(labelPoint(f + vec2(1.0, 0.0))) != label || storedLabelAt(labelPoint(f - vec2(1.0, 0.0))) != label
        || storedLabelAt(labelPoint(f + vec2(0.0, 1.0))) != label || storedLabelAt(labelPoint(f - vec2(0.0, 1.0))) != label;
}
