// Ray-cast MIP with empty-space skipping. Needs version.glsl, volume.glsl, a sample_*.glsl and voi.glsl before it.
//
// Each ray runs through the pixel centre along uRay (index change per sample step), clipped to the
// volume box [-0.5, dims - 0.5]. Sample n sits at the entry point + n × uRay, whatever is skipped, so
// skipping never moves a sample. The ray walks the brick grid (uBrickSize voxels per brick) and jumps
// over a brick when even the brick's maximum (uBricks, conservative, rescaled) would give the same
// 8-bit level as the maximum so far: the window is monotone, so the pixel cannot change. That also
// skips bricks entirely below the window and ends the ray once the level reaches 255.
// The running maximum is kept in signed texel units (uSign × texel) to spare a rescale per sample;
// every map from texel to rescaled value is monotone, so the maximum commutes with it.

uniform vec3 uOrigin;        // continuous index at fragment coordinate (0, 0), on the view plane
uniform vec3 uDx;
uniform vec3 uDy;
uniform vec3 uRay;           // index change per sample step
uniform vec3 uInvRay;        // 1 / uRay where uRay != 0, else 0
uniform vec3 uRayParallel;   // 1e30 where uRay == 0, else 0
uniform sampler3D uBricks;   // R32F per-brick maximum rescaled value
uniform ivec3 uBrickCount;
uniform float uBrickSize;
uniform bool uSkipping;
uniform float uSign;         // sign of the rescale slope (1 or -1)

out vec4 fragColor;

void main() {
    vec3 p0 = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    vec3 lo = vec3(-0.5);
    vec3 hi = uDims - 0.5;
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
        fragColor = vec4(0.0, 0.0, 0.0, 1.0);
        return;
    }
    int last = int(floor(sExit - sEnter));
    vec3 pEnter = p0 + sEnter * uRay;          // sample n sits at pEnter + n × uRay
    vec3 towardsExit = step(vec3(0.0), uRay);  // 1 where the ray leaves a brick by its upper face
    float best = -3.0e38;                      // max of uSign × texel
    float level = 0.0;                         // voi of the rescaled maximum so far
    int n = 0;
    while (n <= last) {
        vec3 p = pEnter + float(n) * uRay;
        ivec3 brick = clamp(ivec3(floor(p / uBrickSize)), ivec3(0), uBrickCount - 1);
        vec3 face = (vec3(brick) + towardsExit) * uBrickSize;
        vec3 sFace = (face - pEnter) * uInvRay + uRayParallel;
        float sLeave = min(sFace.x, min(sFace.y, sFace.z));
        int next = min(max(n + 1, int(ceil(sLeave))), last + 1);
        if (!uSkipping || voi(texelFetch(uBricks, brick, 0).r) > level) {
            for (; n < next; ++n) {
                best = max(best, uSign * sampledTexel(pEnter + float(n) * uRay));
            }
            level = voi(storedFromTexel(uSign * best) * uSlope + uIntercept);
            if (uSkipping && level >= 255.0) break;
        }
        n = next;
    }
    fragColor = grey(level);
}
