// The projection of a label volume along a MIP's rays, one label per pixel (into an R16UI image): the first label
// drawn that the ray through the pixel centre meets, sampled at uStep intervals (half the smallest voxel spacing)
// from where the ray enters the box of the labelled voxels (a voxel wider, within the grid's box [-0.5, dims - 0.5]:
// outside it every label is 0) to where it leaves, samples at whole multiples of uStep from the pixel's point on the
// view plane. Needs version.glsl and overlay_labels.glsl before it.

uniform vec3 uOrigin;
uniform vec3 uDx;
uniform vec3 uDy;
uniform vec3 uStep;    // label index change per sample, along the rays (away from the viewer)
uniform vec3 uBoxLo;   // the samples taken lie in [uBoxLo, uBoxHi]: the labelled voxels' box, a voxel wider, within
uniform vec3 uBoxHi;   // the grid's

out uint label;

void main() {
    vec3 start = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    vec3 lo = uBoxLo;
    vec3 hi = uBoxHi;
    float enter = -3.0e38;
    float leave = 3.0e38;
    for (int a = 0; a < 3; ++a) {
        if (abs(uStep[a]) < 1e-12) {
            if (start[a] < lo[a] || start[a] > hi[a]) leave = -3.0e38;
        } else {
            float t0 = (lo[a] - start[a]) / uStep[a];
            float t1 = (hi[a] - start[a]) / uStep[a];
            enter = max(enter, min(t0, t1));
            leave = min(leave, max(t0, t1));
        }
    }
    label = 0u;
    for (float n = ceil(enter); n <= leave && label == 0u; n += 1.0) {
        label = labelAt(start + uStep * n);
    }
}
