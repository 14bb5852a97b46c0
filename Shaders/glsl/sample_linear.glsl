// storedValue for trilinear sampling (GL_LINEAR on the volume texture).
float storedValue(vec3 p) {
    return texture(uVolume, (p + 0.5) / uDims).r * uStoredScale;
}
