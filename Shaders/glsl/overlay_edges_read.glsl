// overlay_section.glsl's neighbour test for any view: the neighbours' labels are read.

bool neighbourDiffers(vec2 f, uint texel, uint label) {
#ifdef GL_ARB_derivative_control
    bool inQuad = differsInsideQuad(label);
    vec2 o = outsideQuad(f);
    return inQuad || storedLabelAt(labelPoint(f + vec2(o.x, 0.0))) != label || storedLabelAt(labelPoint(f + vec2(0.0, o.y))) != label;
#else
    return storedLabelAt(labelPoint(f + vec2(1.0, 0.0))) != label || storedLabelAt(labelPoint(f - vec2(1.0, 0.0))) != label
        || storedLabelAt(labelPoint(f + vec2(0.0, 1.0))) != label || storedLabelAt(labelPoint(f - vec2(0.0, 1.0))) != label;
#endif
}
