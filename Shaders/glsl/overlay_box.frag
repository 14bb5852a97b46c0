// A segmentation's section painted over an MPR or fusion view already drawn (SectionOverlay.draw), blended by GL
// (source alpha) in the pixels where the view's plane meets the labelled voxels' box only (a scissor box): the cost
// follows the labelled area, not the view's. Needs version.glsl, overlay_labels.glsl, overlay_section.glsl and one
// of its neighbour tests before it.

out vec4 fragColor;

void main() {
    fragColor = sectionPaint();
}
