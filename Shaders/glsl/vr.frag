// Composite volume rendering, front to back, with empty-space skipping. Needs version.glsl, volume.glsl, stack.glsl,
// a stack_*.glsl, a sample_*.glsl, voi.glsl, and vr_shade_*.glsl and vr_gradient_*.glsl (kShade, kGradientOpacity)
// before it.
//
// Each ray runs through the pixel centre along uRay (sampling point change per sample step), clipped to the volume's
// box in sampling space and, when uCrop, to the crop box in patient space (the same ray parameter s, in steps, since
// the map between the two spaces is affine). Sample n sits at s = jitter + n from the entry (jitter: a fixed per-pixel
// fraction that breaks up wood-grain bands) and stands for the ray from halfway to the previous sample to halfway to
// the next, the first and last reaching the ends of the clipped ray: so the pieces add up to the ray's length exactly,
// and a homogeneous slab gives 1 − (1 − α)^(L / unit) whatever the step and jitter. A piece of length ℓ steps has
// opacity 1 − (1 − α)^(ℓ × uStepExponent), α the preset's opacity per unit distance (times its gradient opacity).
// Colours are lit by a headlight (Phong, two-sided) with the gradient by central differences in sampling space, taken
// to patient space by the inverse transpose of the patient → sampling map (uGradX/Y/Z are its rows): correct on
// anisotropic and sheared grids. Below uGradientFloor the gradient has no direction: the sample is lit as facing the light.
// Rays stop once their opacity exceeds 1 − 1/255.
//
// Skipping: the ray is cut into segments, one per brick it crosses; a brick whose value range (uBrickMax, uBrickNegMin:
// maximum and negated minimum of what a trilinear sample there can read) meets no table entry of non-zero opacity
// (uOccupied: running counts) cannot add anything and is not sampled. As in mip.frag, decisions are made in a cheap
// loop over bricks and samples are taken in runs of consecutive needed segments, one loop per run (llvmpipe runs 8
// pixels in lockstep). Skipping never moves a sample. Slices outside the frame's snapshot are not sampled (locate).

uniform vec3 uOrigin;          // sampling point at fragment coordinate (0, 0)
uniform vec3 uDx;
uniform vec3 uDy;
uniform vec3 uRay;             // sampling point change per sample step
uniform vec3 uInvRay;          // 1 / uRay where uRay != 0, else 0
uniform vec3 uRayParallel;     // 1e30 where uRay == 0, else 0
uniform bool uCrop;
uniform vec3 uWorldOrigin;     // patient point at fragment coordinate (0, 0), and its changes, for the crop box
uniform vec3 uWorldDx;
uniform vec3 uWorldDy;
uniform vec3 uWorldRay;
uniform vec3 uCropLower;
uniform vec3 uCropUpper;
uniform sampler3D uBrickMax;   // R32F per-brick maximum rescaled value
uniform sampler3D uBrickNegMin;// R32F per-brick negated minimum
uniform ivec3 uBrickCount;
uniform float uBrickSize;
uniform bool uSkipping;
uniform sampler1D uTransfer;   // RGBA32F: colour and opacity per unit distance
uniform float uTransferScale;  // texture coordinate = rescaled value × scale + offset
uniform float uTransferOffset;
uniform sampler1D uOccupied;   // R32F running count of entries with opacity > 0
uniform float uEntryScale;     // table entry = rescaled value × scale + offset
uniform float uEntryOffset;
uniform int uEntryCount;
uniform sampler1D uSurfaces;   // RG32F per entry: where the run of values as opaque as it starts, below and above
uniform sampler1D uGradientOpacity;
uniform float uGradientScale;  // texture coordinate = |gradient| (rescaled per mm) × scale + offset
uniform float uGradientOffset;
uniform vec3 uGradX;           // patient gradient = (uGradX · g, uGradY · g, uGradZ · g) for sampling gradient g
uniform vec3 uGradY;
uniform vec3 uGradZ;
uniform vec3 uToViewer;        // unit patient direction towards the viewer (and the light)
uniform vec4 uShading;         // ambient, diffuse, specular, specular power
uniform float uGradientFloor;  // rescaled units per mm
uniform float uStepExponent;   // sample step / unit distance
uniform bool uJitter;

out vec4 fragColor;

const float kOpaque = 1.0 - 1.0 / 255.0;

vec3 pEnter;        // sample n sits at pEnter + (jitter + n) × uRay
vec3 towardsExit;   // 1 where the ray leaves a brick by its upper face
float jitter;
float span;         // clipped ray length, steps
int last;           // index of the last sample
vec4 acc = vec4(0.0);   // premultiplied colour, opacity

// The rescaled value at p, or `fallback` where p has no data.
float valueAt(vec3 p, float fallback) {
    if (!kIrregular && kAllSlices) return rescaledValue(p);
    vec3 voxel;
    return locate(p, voxel) ? rescaledVoxel(voxel) : fallback;
}

// The preset's colour and opacity per unit distance at rescaled value v.
vec4 transferAt(float v) {
    return textureLod(uTransfer, v * uTransferScale + uTransferOffset, 0.0);
}

// Surface refinement. Where a sample's opacity jumps (its step opacity exceeds the previous sample's by kJumpOpacity or
// more, or it lets through half as much light or less), a surface lies in the step before it, and the sample at its
// jittered place takes the colour of a random depth behind that surface: grain, and moiré at sharp presets
// (CT-Soft-Tissue is opaque from −160 HU on). The surface is found in the preset, not in the volume: uSurfaces gives,
// for the sample's value, where the run of values as opaque as it begins (TransferTable.surfaces), so a value climbing
// from the previous sample's met it there (or at the previous value, if that is later). The sample keeps its opacity
// (the run's) and takes that value's colour, and is placed where the ray crosses it (there the gradient is taken and,
// entering from a transparent sample, its piece of ray starts: the ray before it is clear): one volume read where a
// linear change across the step puts it, then one regula-falsi step between that read and the end on the far side. So
// a sharp preset shows the colour at its threshold at any step; on a ramp the value found is the sample's own.
//
// llvmpipe runs both sides of a branch for its 8 pixels in lockstep, so this costs every sample its reads: two table
// reads and one volume read (a bisection in the volume, six).
const float kJumpOpacity = 0.1;

// The value, between the previous sample's v0 and this one's v1, of the surface that makes v1 as opaque as it is.
float surfaceValue(float v0, float v1) {
    vec2 runs = textureLod(uSurfaces, v1 * uTransferScale + uTransferOffset, 0.0).rg;   // (rising, falling), entries
    float e0 = v0 * uEntryScale + uEntryOffset;
    float e = v1 >= v0 ? max(e0, runs.r) : min(e0, runs.g);
    return (e - uEntryOffset) / uEntryScale;
}

// The step parameter, in s − 1 … s, where the value along the ray (v0 at s − 1, v1 at s) crosses `surface`.
float surfacePlace(float s, float v0, float v1, float surface) {
    float f = abs(v1 - v0) > 0.0 ? clamp((surface - v0) / (v1 - v0), 0.0, 1.0) : 1.0;
    float vf = valueAt(pEnter + (s - 1.0 + f) * uRay, surface);
    // Regula falsi between the read and the end on the other side of the surface value.
    if ((vf - surface) * (v1 - v0) < 0.0) {
        float d = v1 - vf;
        return s - 1.0 + f + (abs(d) > 0.0 ? (1.0 - f) * (surface - vf) / d : 0.0);
    }
    float d = vf - v0;
    return s - 1.0 + (abs(d) > 0.0 ? f * (surface - v0) / d : f);
}

void sampleRun(int n, int end) {
    // The previous sample's opacity and value; opacity −1: none (the ray's first sample) or no data. A run after the
    // first starts behind a skipped brick, whose samples are transparent: the last of them is read for its value.
    float before = -1.0, valueBefore = 0.0;
    if (n > 0) {
        vec3 voxel;
        vec3 p = pEnter + (jitter + float(n - 1)) * uRay;
        if (!kIrregular && kAllSlices) { before = 0.0; valueBefore = rescaledValue(p); }
        else if (locate(p, voxel)) { before = 0.0; valueBefore = rescaledVoxel(voxel); }
    }
    float clearBefore = 1.0;   // the light the previous sample's step lets through (1 when it was transparent)
    for (; n < end; ++n) {
        if (acc.a > kOpaque) break;
        float s = jitter + float(n);
        vec3 p = pEnter + s * uRay;
        float v;
        vec3 voxel;
        if (!kIrregular && kAllSlices) v = rescaledValue(p);
        else if (locate(p, voxel)) v = rescaledVoxel(voxel);
        else { before = -1.0; continue; }
        vec4 tf = transferAt(v);
        float previous = before, clearPrevious = clearBefore, v0 = valueBefore;
        before = tf.a;
        valueBefore = v;
        clearBefore = 1.0;
        if (tf.a <= 0.0) continue;
        float from = n == 0 ? 0.0 : s - 0.5;
        float clearNow = pow(1.0 - tf.a, uStepExponent);
        clearBefore = clearNow;
        if (previous >= 0.0 && (clearPrevious - clearNow >= kJumpOpacity || clearNow <= 0.5 * clearPrevious)) {
            float surface = surfaceValue(v0, v);
            float at = surfacePlace(s, v0, v, surface);
            v = surface;
            tf.rgb = transferAt(surface).rgb;
            if (previous == 0.0) from = at;
            p = pEnter + at * uRay;
        }
        float piece = (n == last ? span : s + 0.5) - from;
        vec3 colour = tf.rgb;
        float alpha = tf.a;
        if (kShade || kGradientOpacity) {
            vec3 gs = 0.5 * vec3(
                valueAt(p + vec3(1.0, 0.0, 0.0), v) - valueAt(p - vec3(1.0, 0.0, 0.0), v),
                valueAt(p + vec3(0.0, 1.0, 0.0), v) - valueAt(p - vec3(0.0, 1.0, 0.0), v),
                valueAt(p + vec3(0.0, 0.0, 1.0), v) - valueAt(p - vec3(0.0, 0.0, 1.0), v));
            vec3 g = vec3(dot(uGradX, gs), dot(uGradY, gs), dot(uGradZ, gs));
            float magnitude = length(g);
            if (kGradientOpacity) alpha *= textureLod(uGradientOpacity, magnitude * uGradientScale + uGradientOffset, 0.0).r;
            if (kShade) {
                bool oriented = magnitude > uGradientFloor;
                float nl = oriented ? abs(dot(g, uToViewer)) / magnitude : 1.0;
                float highlight = oriented ? pow(max(2.0 * nl * nl - 1.0, 0.0), uShading.w) : 0.0;
                colour = min(colour * (uShading.x + uShading.y * nl) + vec3(uShading.z * highlight), vec3(1.0));
            }
        }
        alpha = 1.0 - pow(max(1.0 - alpha, 0.0), piece * uStepExponent);
        acc += (1.0 - acc.a) * vec4(colour * alpha, alpha);
    }
}

// The segment starting at sample n: its end (first sample of the next brick) and its brick.
int segmentEnd(int n, out ivec3 brick) {
    vec3 p = pEnter + (jitter + float(n)) * uRay;
    brick = clamp(ivec3(floor(p / uBrickSize)), ivec3(0), uBrickCount - 1);
    vec3 face = (vec3(brick) + towardsExit) * uBrickSize;
    vec3 sFace = (face - pEnter) * uInvRay + uRayParallel;
    float sLeave = min(sFace.x, min(sFace.y, sFace.z)) - jitter;
    return min(max(n + 1, int(ceil(sLeave))), last + 1);
}

// True when some value the brick can take has non-zero opacity.
bool brickShows(ivec3 brick) {
    float hi = texelFetch(uBrickMax, brick, 0).r;
    float lo = -texelFetch(uBrickNegMin, brick, 0).r;
    if (hi < lo) return false;   // no data in the brick
    float top = float(uEntryCount - 1);
    int a = int(clamp(floor(lo * uEntryScale + uEntryOffset), 0.0, top));
    int b = int(clamp(ceil(hi * uEntryScale + uEntryOffset), 0.0, top));
    float before = a > 0 ? texelFetch(uOccupied, a - 1, 0).r : 0.0;
    return texelFetch(uOccupied, b, 0).r > before;
}

// Narrows [sEnter, sExit] to where p0 + s × ray lies in [lo, hi] on every axis.
void clip(vec3 p0, vec3 ray, vec3 lo, vec3 hi, inout float sEnter, inout float sExit) {
    for (int a = 0; a < 3; ++a) {
        if (abs(ray[a]) < 1e-12) {
            if (p0[a] < lo[a] || p0[a] > hi[a]) sExit = -3.0e38;
        } else {
            float s0 = (lo[a] - p0[a]) / ray[a];
            float s1 = (hi[a] - p0[a]) / ray[a];
            sEnter = max(sEnter, min(s0, s1));
            sExit = min(sExit, max(s0, s1));
        }
    }
}

void main() {
    vec3 p0 = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    float sEnter = -3.0e38;
    float sExit = 3.0e38;
    clip(p0, uRay, vec3(-0.5), uBoxDims - 0.5, sEnter, sExit);
    if (uCrop) {
        vec3 w0 = uWorldOrigin + gl_FragCoord.x * uWorldDx + gl_FragCoord.y * uWorldDy;
        clip(w0, uWorldRay, uCropLower, uCropUpper, sEnter, sExit);
    }
    if (sEnter > sExit) {
        fragColor = vec4(0.0, 0.0, 0.0, 1.0);
        return;
    }
    span = sExit - sEnter;
    jitter = uJitter ? fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715)))) : 0.0;
    last = int(floor(span - jitter));
    pEnter = p0 + sEnter * uRay;
    towardsExit = step(vec3(0.0), uRay);

    if (!uSkipping) {
        sampleRun(0, last + 1);
    } else {
        int n = 0;
        while (n <= last && acc.a <= kOpaque) {
            int runEnd = n;
            bool inRun = false;
            while (runEnd <= last) {
                ivec3 brick;
                int end = segmentEnd(runEnd, brick);
                bool needed = brickShows(brick);
                if (needed) inRun = true;
                if (!needed && inRun) break;   // the run ends before this segment
                if (!needed) n = end;          // still skipping towards the run's start
                runEnd = end;
            }
            sampleRun(n, runEnd);
            n = runEnd;
        }
    }
    fragColor = vec4(acc.rgb, 1.0);   // over black
}
