// An MPR or fusion view without a segmentation overlay (overlay_section.glsl draws one): nothing to add.
vec4 overlaid(vec4 under) {
    return under;
}
