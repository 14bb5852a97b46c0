// DICOM linear VOI LUT (PS3.3 C.11.2.1.2.1), the same expression as VOIWindow.apply in Swift.

uniform float uWindowLower;         // c - 0.5 - (w - 1) / 2: at or below -> 0
uniform float uWindowUpper;         // c - 0.5 + (w - 1) / 2: above -> 255
uniform float uWindowWidthMinusOne; // w - 1

// The 8-bit grey level (0...255, an integer) for rescaled value x, rounded half up.
float voi(float x) {
    if (x <= uWindowLower) return 0.0;
    if (x > uWindowUpper) return 255.0;
    return floor((x - uWindowLower) * 255.0 / uWindowWidthMinusOne + 0.5);
}

// An opaque grey colour whose 8-bit channels are exactly `level`.
vec4 grey(float level) {
    float g = level / 255.0;
    return vec4(g, g, g, 1.0);
}
