// Trilinear sampling (GL_LINEAR) at continuous index p: texture coordinate (p + 0.5) / dims.

// The raw interpolated texel (normalised for 16-bit textures).
float sampledTexel(vec3 p) {
    return texture(uVolume, p * uInvDims + 0.5 * uInvDims).r;
}

// The stored value of an interpolated texel (not rounded: it lies between stored values).
float storedFromTexel(float texel) {
    return texel * uStoredScale;
}
