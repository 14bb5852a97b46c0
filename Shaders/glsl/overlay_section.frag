// The section of a label volume through a view's plane, one label per pixel (into an R16UI image).
// Needs version.glsl and overlay_labels.glsl before it.

uniform vec3 uOrigin;   // label index at fragment coordinate (0, 0)
uniform vec3 uDx;       // label index change per pixel, screen x
uniform vec3 uDy;       // and screen y

out uint label;

void main() {
    label = labelAt(uOrigin + gl_FragCoord.x * uDx + gl_FragCoord.y * uDy);
}
