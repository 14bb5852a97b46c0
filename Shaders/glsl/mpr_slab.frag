// MPR of a slab of N > 1 samples around the plane. Needs version.glsl, volume.glsl, stack.glsl, a stack_*.glsl,
// a sample_*.glsl and voi.glsl before it.
//
// Sample n sits at p + (first + n) × uSlabDelta. The box is convex, so the samples inside it form one
// run n0…n1: found per axis by division, then checked (and moved) with insideVolume at its ends so
// that float rounding can neither drop nor add a sample; on a grid the loop itself has no per-sample test. In an
// irregular stack, or with slices missing from the frame's snapshot, a sample inside the box may still have no
// data (a gap, beside a shifted slice, an absent slice): each is tested, and those without data are left out.

uniform vec3 uOrigin;     // sampling point at fragment coordinate (0, 0)
uniform vec3 uDx;         // sampling point change per pixel, screen x
uniform vec3 uDy;         // sampling point change per pixel, screen y
uniform vec3 uSlabDelta;  // sampling point change between slab samples (along the normal)
uniform int uSlabCount;   // N >= 1 samples, centred on the plane
uniform int uSlabMode;    // 0 maximum, 1 minimum, 2 average

out vec4 fragColor;

void main() {
    vec3 p = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    vec3 q0 = p + (-0.5 * float(uSlabCount - 1)) * uSlabDelta;   // sample 0
    float tLo = 0.0, tHi = float(uSlabCount - 1);
    for (int a = 0; a < 3; ++a) {
        if (uSlabDelta[a] == 0.0) {
            if (q0[a] < -0.5 || q0[a] > uBoxDims[a] - 0.5) tHi = -1.0;
        } else {
            float s0 = (-0.5 - q0[a]) / uSlabDelta[a];
            float s1 = (uBoxDims[a] - 0.5 - q0[a]) / uSlabDelta[a];
            tLo = max(tLo, min(s0, s1));
            tHi = min(tHi, max(s0, s1));
        }
    }
    int n0 = int(ceil(tLo - 1e-3));
    int n1 = int(floor(tHi + 1e-3));
    n0 = max(n0, 0);
    n1 = min(n1, uSlabCount - 1);
    while (n0 <= n1 && !insideVolume(q0 + float(n0) * uSlabDelta)) ++n0;
    while (n1 >= n0 && !insideVolume(q0 + float(n1) * uSlabDelta)) --n1;
    if (n0 > n1) {
        fragColor = vec4(0.0, 0.0, 0.0, 1.0);
        return;
    }
    float value;
    if (kIrregular || !kAllSlices) {
        float acc = uSlabMode == 0 ? -3.0e38 : (uSlabMode == 1 ? 3.0e38 : 0.0);
        int used = 0;
        for (int n = n0; n <= n1; ++n) {
            vec3 q = q0 + float(n) * uSlabDelta;
            vec3 voxel;
            if (!locate(q, voxel)) continue;
            float v = rescaledVoxel(voxel);
            acc = uSlabMode == 0 ? max(acc, v) : (uSlabMode == 1 ? min(acc, v) : acc + v);
            used += 1;
        }
        if (used == 0) {
            fragColor = vec4(0.0, 0.0, 0.0, 1.0);
            return;
        }
        value = uSlabMode == 2 ? acc / float(used) : acc;
    } else if (uSlabMode == 2) {
        float sum = 0.0;
        for (int n = n0; n <= n1; ++n) sum += rescaledValue(q0 + float(n) * uSlabDelta);
        value = sum / float(n1 - n0 + 1);
    } else {
        // The rescale (and nearest sampling's rounding) is monotonic, so the extreme raw texel is the extreme
        // value: convert once after the loop. A negative slope turns the maximum texel into the minimum value.
        bool largest = (uSlabMode == 0) == (uSlope * uStoredScale >= 0.0);
        vec3 q = q0 + float(n0) * uSlabDelta;
        float texel = sampledTexel(q);
        if (largest) {
            for (int n = n0 + 1; n <= n1; ++n) { q += uSlabDelta; texel = max(texel, sampledTexel(q)); }
        } else {
            for (int n = n0 + 1; n <= n1; ++n) { q += uSlabDelta; texel = min(texel, sampledTexel(q)); }
        }
        value = storedFromTexel(texel) * uSlope + uIntercept;
    }
    fragColor = grey(voi(value));
}
