// Ray-cast MIP with empty-space skipping. Needs version.glsl, volume.glsl, voi.glsl before it.
//
// Each ray runs through the pixel centre along uRay (index change per sample step), clipped to the
// volume box [-0.5, dims - 0.5]. Samples sit at s = sEnter + n for integer n, whatever is skipped, so
// skipping never moves a sample. The ray walks the brick grid (uBrickSize voxels per brick): a brick
// whose maximum (uBricks, conservative) is not above the current maximum is jumped over, and the ray
// stops once its maximum reaches the window's upper bound (the pixel is 255 whatever follows). The
// maximum starts at the window's lower bound, so bricks that can only give 0 are skipped too.

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
    vec3 towardsExit = step(vec3(0.0), uRay);  // 1 where the ray leaves a brick by its upper face
    float best = uWindowLower;
    int n = 0;
    while (n <= last) {
        vec3 p = p0 + (sEnter + float(n)) * uRay;
        ivec3 brick = clamp(ivec3(floor(p / uBrickSize)), ivec3(0), uBrickCount - 1);
        vec3 face = (vec3(brick) + towardsExit) * uBrickSize;
        vec3 sFace = (face - p0) * uInvRay + uRayParallel;
        float sLeave = min(sFace.x, min(sFace.y, sFace.z)) - sEnter;
        int next = min(max(n + 1, int(ceil(sLeave))), last + 1);
        if (!uSkipping || texelFetch(uBricks, brick, 0).r > best) {
            for (; n < next; ++n) {
                best = max(best, rescaledValue(p0 + (sEnter + float(n)) * uRay));
            }
            if (uSkipping && best >= uWindowUpper) break;
        }
        n = next;
    }
    fragColor = grey(voi(best));
}
