// PET/CT fusion of one plane or slab. Needs version.glsl, volume.glsl (the CT), stack.glsl, a stack_*.glsl (the CT's),
// a sample_*.glsl and voi.glsl before it.
//
// The CT is read through volume.glsl as in mpr.frag. The PET has its own texture and its own
// fragment → sampling point map (its grid need not match the CT's), and is read by the sample file's `texelIn` (through its own atlas when kPetBricked) like the CT, nearest or trilinear as the program was built. An irregular PET stack
// (kPetIrregular) is read through its own per-slice table (stack.glsl), and its own slice sources (volume.glsl):
// a PET sample without data (outside the PET, or of a slice absent from the frame's snapshot) adds no PET layer,
// so the CT shows through.
// Formulas as FusionView documents them: colour index = clamp(floor(t × 255 + 0.5)), t the position of
// the PET display value in [uPetLower, uPetUpper]; output = mix(grey, colour, uOpacity) where the PET
// layer is present (inside the PET volume and above uThreshold).

uniform vec3 uOrigin;        // CT continuous index at fragment coordinate (0, 0)
uniform vec3 uDx;            // CT index change per pixel, screen x
uniform vec3 uDy;            // CT index change per pixel, screen y
uniform vec3 uSlabDelta;     // CT index change between slab samples
uniform int uSlabCount;      // CT slab samples, N >= 1
uniform int uSlabMode;       // 0 maximum, 1 minimum, 2 average (CT and PET alike)

uniform sampler3D uPet;
uniform vec3 uPetDims;
uniform vec3 uPetInvDims;
uniform vec3 uPetBoxDims;       // the PET's box in its sampling space (uPetDims for a grid)
uniform sampler1D uPetStack;
uniform int uPetStackCount;
uniform float uPetStackLutScale;
uniform int uPetStackLutCount;
uniform sampler1D uPetSlices;   // the PET's slice sources
uniform float uPetStoredScale;  // sampled value × this = stored value
uniform bool uPetRound;         // integer PET read nearest: round to the stored integer
uniform float uPetSlope;        // stored → display value: stored × uPetSlope + uPetIntercept (rescale × unit factor)
uniform float uPetIntercept;
uniform vec3 uPetOrigin;        // PET continuous index at fragment coordinate (0, 0)
uniform vec3 uPetDx;
uniform vec3 uPetDy;
uniform vec3 uPetSlabDelta;
uniform int uPetSlabCount;

uniform sampler1D uColormap;    // 256 RGBA8 entries
uniform float uPetLower;        // display value of entry 0
uniform float uPetUpper;        // display value of entry 255
uniform float uThreshold;       // display values at or below: no PET layer
uniform float uOpacity;
uniform bool uPetOnly;

out vec4 fragColor;

float reduce(float acc, float v) {
    return uSlabMode == 0 ? max(acc, v) : (uSlabMode == 1 ? min(acc, v) : acc + v);
}

float initial() {
    return uSlabMode == 0 ? -3.0e38 : (uSlabMode == 1 ? 3.0e38 : 0.0);
}

// The CT slab value at p; false when no sample has CT data.
bool ctValue(vec3 p, out float value) {
    float first = -0.5 * float(uSlabCount - 1);
    value = initial();
    int used = 0;
    for (int n = 0; n < uSlabCount; ++n) {
        vec3 q = p + (first + float(n)) * uSlabDelta;
        vec3 voxel;
        if (!locate(q, voxel)) continue;
        value = reduce(value, rescaledVoxel(voxel));
        used += 1;
    }
    if (uSlabMode == 2 && used > 0) value /= float(used);
    return used > 0;
}

// True when the PET has data at sampling point q; `voxel` is then its voxel index.
bool petVoxel(vec3 q, out vec3 voxel) {
    voxel = q;
    if (!(all(greaterThanEqual(q, vec3(-0.5))) && all(lessThanEqual(q, uPetBoxDims - 0.5)))) return false;
    if (kPetIrregular && !stackLocate(uPetStack, uPetStackCount, uPetStackLutScale, uPetStackLutCount, uPetDims.xy, q, voxel)) {
        return false;
    }
    return kAllSlices || sliceHasData(uPetSlices, uPetDims.z, voxel.z);
}

float petSample(vec3 voxel) {
    float stored = texelIn(uPet, uPetSlices, kAllSlices, uPetDims, uPetInvDims, true, voxel) * uPetStoredScale;
    if (uPetRound) stored = floor(stored + 0.5);
    return stored * uPetSlope + uPetIntercept;
}

// The PET slab display value at q; false when no sample has PET data.
bool petValue(vec3 q, out float value) {
    float first = -0.5 * float(uPetSlabCount - 1);
    value = initial();
    int used = 0;
    for (int n = 0; n < uPetSlabCount; ++n) {
        vec3 voxel;
        if (!petVoxel(q + (first + float(n)) * uPetSlabDelta, voxel)) continue;
        value = reduce(value, petSample(voxel));
        used += 1;
    }
    if (uSlabMode == 2 && used > 0) value /= float(used);
    return used > 0;
}

vec3 colour(float v) {
    float t = (v - uPetLower) / (uPetUpper - uPetLower) * 255.0;
    int index = int(clamp(floor(t + 0.5), 0.0, 255.0));
    return texelFetch(uColormap, index, 0).rgb;
}

void main() {
    vec3 q = uPetOrigin + gl_FragCoord.x * uPetDx + gl_FragCoord.y * uPetDy;
    float pet;
    bool hasPet = petValue(q, pet);
    if (uPetOnly) {
        fragColor = vec4(hasPet ? colour(pet) : vec3(0.0), 1.0);
        return;
    }
    vec3 p = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    float ct;
    vec3 base = vec3(ctValue(p, ct) ? voi(ct) / 255.0 : 0.0);
    if (hasPet && pet > uThreshold) base = mix(base, colour(pet), uOpacity);
    fragColor = vec4(base, 1.0);
}
