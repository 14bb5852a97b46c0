// Trilinear sampling (GL_LINEAR) at sampling point p: texture coordinate (voxel index + 0.5) / dims.
// textureLod: the texture has one level, and implicit derivatives are undefined inside ray loops.

// The raw interpolated texel (normalised for 16-bit textures).
float sampledTexel(vec3 p) {
    return textureLod(uVolume, voxelIndex(p) * uInvDims + 0.5 * uInvDims, 0.0).r;
}

// The stored value of an interpolated texel (not rounded: it lies between stored values).
float storedFromTexel(float texel) {
    return texel * uStoredScale;
}
