// Trilinear sampling (GL_LINEAR) at sampling point p: texture coordinate (voxel index + 0.5) / dims.
// textureLod: the texture has one level, and implicit derivatives are undefined inside ray loops.
//
// With slices missing from the frame's snapshot (volume.glsl), a point at fraction f between slices k and k + 1
// has data when the slice nearest to it has a source (f <= 0.5: k, f >= 0.5: k + 1; at f = 0.5 either). When
// both slices are their own sources it is the hardware's trilinear sample, as in a complete volume. Otherwise
// each slice's source is sampled bilinearly in-plane (texel fetches, so no other slice is ever touched) and
// the two are blended by f; a slice without a source leaves the other alone: so beside an absent slice a
// present one reaches half a step, the absent slice's half-step cell has no data, and under "nearest loaded"
// the result is that of a volume whose absent slices hold copies of their stand-ins.

bool sliceHasData(sampler1D slices, float count, float z) {
    float c = clamp(z, 0.0, count - 1.0);
    int k0 = int(floor(c));
    int k1 = min(k0 + 1, int(count) - 1);
    float f = c - float(k0);
    return (f <= 0.5 && texelFetch(slices, k0, 0).r >= 0.0) || (f >= 0.5 && texelFetch(slices, k1, 0).r >= 0.0);
}

// One texel at voxel index v, through the atlas when the volume (`pet`: the fusion's PET) is bricked.
float voxelTexel(sampler3D volume, bool pet, ivec3 v) {
    if (pet ? kPetBricked : kBricked) v = ivec3(atlasTexel(pet, vec3(v)));
    return texelFetch(volume, v, 0).r;
}

// Bilinear in slice k at in-plane voxel index xy, the edges clamped as GL_CLAMP_TO_EDGE does.
float sliceTexel(sampler3D volume, vec3 dims, bool pet, vec2 xy, float k) {
    vec2 c = clamp(xy, vec2(0.0), dims.xy - 1.0);
    ivec2 a = ivec2(floor(c));
    ivec2 b = min(a + 1, ivec2(dims.xy) - 1);
    vec2 w = c - vec2(a);
    int z = int(k);
    float t00 = voxelTexel(volume, pet, ivec3(a.x, a.y, z));
    float t10 = voxelTexel(volume, pet, ivec3(b.x, a.y, z));
    float t01 = voxelTexel(volume, pet, ivec3(a.x, b.y, z));
    float t11 = voxelTexel(volume, pet, ivec3(b.x, b.y, z));
    return mix(mix(t00, t10, w.x), mix(t01, t11, w.x), w.y);
}

// The raw interpolated texel (normalised for 16-bit textures) at `voxel`, through the slice sources unless `all`,
// through the atlas (atlas.glsl) when the volume (`pet`: the fusion's PET) is bricked.
float texelIn(sampler3D volume, sampler1D slices, bool all, vec3 dims, vec3 invDims, bool pet, vec3 voxel) {
    if (!all) {
        float c = clamp(voxel.z, 0.0, dims.z - 1.0);
        int k0 = int(floor(c));
        int k1 = min(k0 + 1, int(dims.z) - 1);
        float s0 = texelFetch(slices, k0, 0).r, s1 = texelFetch(slices, k1, 0).r;
        if (s0 != float(k0) || s1 != float(k1)) {
            if (s0 < 0.0 || s0 == s1) return sliceTexel(volume, dims, pet, voxel.xy, s1);
            if (s1 < 0.0) return sliceTexel(volume, dims, pet, voxel.xy, s0);
            return mix(sliceTexel(volume, dims, pet, voxel.xy, s0), sliceTexel(volume, dims, pet, voxel.xy, s1), c - float(k0));
        }
    }
    if (pet ? kPetBricked : kBricked) return textureLod(volume, atlasCoord(pet, clamp(voxel, vec3(0.0), dims - 1.0)), 0.0).r;
    return textureLod(volume, voxel * invDims + 0.5 * invDims, 0.0).r;
}

// texelIn for the volume (not a fusion's PET).
float texelAt(sampler3D volume, sampler1D slices, bool all, vec3 dims, vec3 invDims, vec3 voxel) {
    return texelIn(volume, slices, all, dims, invDims, false, voxel);
}

float sampledTexel(vec3 p) {
    return texelAt(uVolume, uSlices, kAllSlices, uDims, uInvDims, voxelIndex(p));
}

// The stored value of an interpolated texel (not rounded: it lies between stored values).
float storedFromTexel(float texel) {
    return texel * uStoredScale;
}
