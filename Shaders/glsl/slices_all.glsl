// Every slice of the frame's volumes is in its snapshot: the slice-source lookups compile away.
const bool kAllSlices = true;
