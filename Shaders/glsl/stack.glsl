// Sampling an irregular stack (Volume's SliceStack): slices at their true positions. Needs volume.glsl before it.
//
// Sampling space: p = (a, b, t): a and b in pixels along the row and column directions from the stack's
// corner, t in nominal steps along the normal from slice 0. The table texture holds, at texel k < count,
// (t_k, column offset, row offset, 1 if slices are missing after slice k) of slice k, the offsets in pixels
// from the corner; at texel count + n, the last slice k with t_k <= n / lutScale (a lookup that leaves at
// most a few steps to walk). Between slices k and k + 1 the point is sampled at fraction f = (t - t_k) /
// (t_{k+1} - t_k) on the line joining their corresponding pixels, so the voxel index is (point less the
// interpolated offset, k + f) and nearest sampling rounds it, as on a sheared grid. Each end slice reaches
// half a nominal step (0.5 in t) beyond itself along its end step; each slice beside a gap reaches half a
// nominal step into it with its own offsets, and the rest of a gap has no data. Returns false where there is no data.
bool stackLocate(sampler1D table, int count, float lutScale, int lutCount, vec2 sliceSize, vec3 p, out vec3 voxel) {
    float t = p.z;
    int bin = int(clamp(floor(t * lutScale), 0.0, float(lutCount - 1)));
    int k = int(texelFetch(table, count + bin, 0).r);
    for (int n = 0; n < 64 && k + 1 < count; ++n) {
        if (texelFetch(table, k + 1, 0).x > t) break;
        k += 1;
    }
    vec4 lo = texelFetch(table, k, 0);
    voxel = vec3(0.0);
    if (count < 2) return false;
    // Beyond an end, the end step is extended (as a sheared grid's end voxels are): interpolation between
    // the last two slices, carried on; the slice index is clamped to the end slice by the sampler.
    bool below = t < lo.x, above = k + 1 >= count;
    if (above) {
        k -= 1;
        lo = texelFetch(table, k, 0);
    }
    vec4 hi = texelFetch(table, k + 1, 0);
    float f = (t - lo.x) / (hi.x - lo.x);
    vec3 slice;   // (column offset, row offset, slice index)
    if (below || above) {
        if ((below ? lo.x - t : t - hi.x) > 0.5) return false;
        slice = vec3(mix(lo.yz, hi.yz, f), below ? 0.0 : float(k + 1));
    } else if (lo.w > 0.5) {
        // A gap: each side reaches half a nominal step with its own offsets; the rest has no data.
        if (t - lo.x <= 0.5) slice = vec3(lo.yz, float(k));
        else if (hi.x - t <= 0.5) slice = vec3(hi.yz, float(k + 1));
        else return false;
    } else {
        slice = vec3(mix(lo.yz, hi.yz, f), float(k) + f);
    }
    voxel = vec3(p.xy - slice.xy, slice.z);
    return all(greaterThanEqual(voxel.xy, vec2(-0.5))) && all(lessThanEqual(voxel.xy, sliceSize - 0.5));
}
