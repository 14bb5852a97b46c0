// MPR of one plane (no slab loop: the common case, kept lean). Needs version.glsl, volume.glsl,
// stack.glsl, a stack_*.glsl, a sample_*.glsl and voi.glsl before it.

uniform vec3 uOrigin;     // sampling point at fragment coordinate (0, 0)
uniform vec3 uDx;         // sampling point change per pixel, screen x
uniform vec3 uDy;         // sampling point change per pixel, screen y

out vec4 fragColor;

void main() {
    vec3 p = uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy;
    vec3 voxel;
    fragColor = grey(locate(p, voxel) ? voi(rescaledVoxel(voxel)) : 0.0);
}
