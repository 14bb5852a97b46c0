// Some slice of the frame's volumes is missing from its snapshot: samples go through the slice sources.
const bool kAllSlices = false;
