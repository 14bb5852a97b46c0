// Ray-cast MIP with empty-space skipping, brightest bricks first. Needs version.glsl, volume.glsl,
// stack.glsl, a stack_*.glsl, a sample_*.glsl and voi.glsl before it.
//
// Each ray runs through the pixel centre along uRay (index change per sample step), clipped to the
// volume's box in sampling space [-0.5, box - 0.5]. Sample n sits at the entry point + n × uRay, whatever is skipped, so
// skipping never moves a sample. The ray is cut into segments, one per brick of the brick grid it
// crosses (uBrickSize sampling units per brick); uBricks holds a conservative maximum (rescaled) per brick.
// The window is monotone, so a segment whose brick maximum gives an 8-bit level no higher than the
// level of the maximum so far cannot change the pixel and is skipped; the ray ends once the level is 255.
//
// Order of visits: up to uSortedPasses passes each walk the segments (a walk reads one brick texel
// per segment, no volume samples) and sample the brightest segment not yet sampled (ties: the one
// nearest the entry). Segments are taken in decreasing order of brick maximum, so the first one or
// two usually lift the level above most of the others. A final walk in ray order samples whatever is
// left above the level. The visited set is "every segment ordered before (lastMax, lastStart)",
// so no segment is sampled twice and none is missed.
// Slices outside the frame's snapshot are not sampled (locate); the brick maxima leave them out too and
// count stand-ins where they stand in, so skipping stays exact.
// The level is looked up in uColormap (grey for a plain MIP).
// The running maximum is kept in signed texel units (uSign × texel) to spare a rescale per sample;
// every map from texel to rescaled value is monotone, so the maximum commutes with it.

uniform vec3 uOrigin;        // sampling point at fragment coordinate (0, 0), on the view plane
uniform vec3 uDx;
uniform vec3 uDy;
uniform vec3 uRay;           // sampling point change per sample step
uniform vec3 uInvRay;        // 1 / uRay where uRay != 0, else 0
uniform vec3 uRayParallel;   // 1e30 where uRay == 0, else 0
uniform sampler3D uBricks;   // R32F per-brick maximum rescaled value
uniform ivec3 uBrickCount;
uniform float uBrickSize;
uniform bool uSkipping;
uniform int uSortedPasses;   // brightest-first visits before the in-order walk (0: in order only)
uniform float uSign;         // sign of the rescale slope (1 or -1)
uniform sampler1D uColormap; // 256 RGBA8 entries, indexed by level

out vec4 fragColor;

vec3 pEnter;        // sample n sits at pEnter + n × uRay
vec3 towardsExit;   // 1 where the ray leaves a brick by its upper face
int last;           // index of the last sample inside the box

// The segment starting at sample n: its end (first sample of the next brick) and its brick maximum.
int segmentEnd(int n, out float brickMax) {
    vec3 p = pEnter + float(n) * uRay;
    ivec3 brick = clamp(ivec3(floor(p / uBrickSize)), ivec3(0), uBrickCount - 1);
    vec3 face = (vec3(brick) + towardsExit) * uBrickSize;
    vec3 sFace = (face - pEnter) * uInvRay + uRayParallel;
    float sLeave = min(sFace.x, min(sFace.y, sFace.z));
    brickMax = texelFetch(uBricks, brick, 0).r;
    return min(max(n + 1, int(ceil(sLeave))), last + 1);
}

float sampleSegment(int n, int end, float best) {
    for (; n < end; ++n) {
        vec3 p = pEnter + float(n) * uRay;
        vec3 voxel;
        if (!kIrregular && kAllSlices) best = max(best, uSign * sampledTexel(p));
        else if (locate(p, voxel)) best = max(best, uSign * texelAt(uVolume, uSlices, kAllSlices, uDims, uInvDims, voxel));
    }
    return best;
}

vec4 coloured(float level) {
    return texelFetch(uColormap, int(level), 0);
}

float levelOf(float best) {
    return voi(storedFromTexel(uSign * best) * uSlope + uIntercept);
}

void main() {
    vec3 p0 = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    vec3 lo = vec3(-0.5);
    vec3 hi = uBoxDims - 0.5;
    float sEnter = -3.0e38;
    float sExit = 3.0e38;
    for (int a = 0; a < 3; ++a) {
        if (uRay[a] == 0.0) {
            if (p0[a] < lo[a] || p0[a] > hi[a]) sExit = -3.0e38;
        } else {
            float s0 = (lo[a] - p0[a]) * uInvRay[a];
            float s1 = (hi[a] - p0[a]) * uInvRay[a];
            sEnter = max(sEnter, min(s0, s1));
            sExit = min(sExit, max(s0, s1));
        }
    }
    if (sEnter > sExit) {
        fragColor = coloured(0.0);
        return;
    }
    last = int(floor(sExit - sEnter));
    pEnter = p0 + sEnter * uRay;
    towardsExit = step(vec3(0.0), uRay);
    float best = -3.0e38;   // max of uSign × texel
    float level = 0.0;      // voi of the rescaled maximum so far

    if (!uSkipping) {
        fragColor = coloured(levelOf(sampleSegment(0, last + 1, best)));
        return;
    }

    // Brightest first: each pass finds the next segment in (brick maximum descending, start ascending) order.
    float lastMax = 3.0e38;
    int lastStart = -1;
    bool done = false;
    for (int pass = 0; pass < uSortedPasses && !done; ++pass) {
        float topMax = -3.0e38;
        int topStart = -1, topEnd = -1;
        int n = 0;
        while (n <= last) {
            float m;
            int end = segmentEnd(n, m);
            if ((m < lastMax || (m == lastMax && n > lastStart)) && m > topMax) {
                topMax = m;
                topStart = n;
                topEnd = end;
            }
            n = end;
        }
        if (topStart < 0 || voi(topMax) <= level) {
            done = true;   // every segment left is at or below the level
        } else {
            best = sampleSegment(topStart, topEnd, best);
            level = levelOf(best);
            lastMax = topMax;
            lastStart = topStart;
            done = level >= 255.0;
        }
    }
    // In ray order: the segments not yet visited whose brick could still raise the level. llvmpipe
    // shades 8 pixels as one SIMD vector and runs both sides of every branch, skipping work only in
    // loops no lane is in; so decisions are made in cheap loops (brick texels only) and samples are
    // taken in runs of consecutive segments, one loop per run, rather than one loop per segment
    // (which made the 8 rays wait for each other at every brick face). A run is decided with the
    // level at its start, which can only sample more than needed, never less.
    if (!done) {
        int n = 0;
        while (n <= last) {
            level = levelOf(best);
            if (level >= 255.0) break;
            int runEnd = n;
            bool inRun = false;
            while (runEnd <= last) {
                float m;
                int end = segmentEnd(runEnd, m);
                bool visited = m > lastMax || (m == lastMax && runEnd <= lastStart);
                bool needed = !visited && voi(m) > level;
                if (needed) inRun = true;
                if (!needed && inRun) break;   // the run ends before this segment
                if (!needed) n = end;          // still skipping towards the run's start
                runEnd = end;
            }
            best = sampleSegment(n, runEnd, best);
            n = runEnd;
        }
        level = levelOf(best);
    }
    fragColor = coloured(level);
}
