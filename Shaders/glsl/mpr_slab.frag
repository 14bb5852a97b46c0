// MPR of a slab of N > 1 samples around the plane. Needs version.glsl, volume.glsl, a sample_*.glsl and voi.glsl before it.

uniform vec3 uOrigin;     // continuous index at fragment coordinate (0, 0)
uniform vec3 uDx;         // index change per pixel, screen x
uniform vec3 uDy;         // index change per pixel, screen y
uniform vec3 uSlabDelta;  // index change between slab samples (along the normal)
uniform int uSlabCount;   // N >= 1 samples, centred on the plane
uniform int uSlabMode;    // 0 maximum, 1 minimum, 2 average

out vec4 fragColor;

void main() {
    vec3 p = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    float first = -0.5 * float(uSlabCount - 1);
    float acc = uSlabMode == 0 ? -3.0e38 : (uSlabMode == 1 ? 3.0e38 : 0.0);
    int used = 0;
    for (int n = 0; n < uSlabCount; ++n) {
        vec3 q = p + (first + float(n)) * uSlabDelta;
        if (!insideVolume(q)) continue;
        float v = rescaledValue(q);
        acc = uSlabMode == 0 ? max(acc, v) : (uSlabMode == 1 ? min(acc, v) : acc + v);
        used += 1;
    }
    if (used == 0) {
        fragColor = vec4(0.0, 0.0, 0.0, 1.0);
        return;
    }
    if (uSlabMode == 2) acc /= float(used);
    fragColor = grey(voi(acc));
}
