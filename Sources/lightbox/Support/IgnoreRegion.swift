import ArgumentParser
import Raster

/// `--ignore x,y,w,h`: a rectangle in pixels (origin top-left) that `diff` leaves out.
struct IgnoreRegion: ExpressibleByArgument {
    var rect: PixelRect

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let x = parts[0], let y = parts[1], let w = parts[2], let h = parts[3],
              x >= 0, y >= 0, w > 0, h > 0 else { return nil }
        rect = PixelRect(x: x, y: y, width: w, height: h)
    }

    static var defaultValueDescription: String { "x,y,w,h" }
}
