import Raster
import Volume

/// Draws the patient-direction letters (R/L/A/P/S/I) at the middle of each edge of a viewport:
/// right edge `letters(right)`, left edge `letters(−right)`, top `letters(up)`, bottom `letters(−up)`;
/// an oblique edge gets up to three letters, strongest first (`AnatomicalOrientation.letters`).
enum OrientationLetters {
    static let colour: RGBAColor = (255, 210, 0, 255)
    static let shadow: RGBAColor = (0, 0, 0, 255)
    static let margin = 3

    /// The four letters of a plane: (left, right, top, bottom).
    static func letters(of plane: PlaneSpec) -> (left: String, right: String, top: String, bottom: String) {
        (AnatomicalOrientation.letters(-plane.right), AnatomicalOrientation.letters(plane.right),
         AnatomicalOrientation.letters(plane.up), AnatomicalOrientation.letters(-plane.up))
    }

    static func draw(_ plane: PlaneSpec, in rect: PixelRect, into frame: inout Frame) {
        let scale = min(rect.width, rect.height) >= 384 ? 2 : 1
        let l = letters(of: plane)
        func size(_ text: String) -> (width: Int, height: Int) { BitmapFont.textSize(text, scale: scale) }
        func midX(_ text: String) -> Int { rect.x + (rect.width - size(text).width) / 2 }
        func midY(_ text: String) -> Int { rect.y + (rect.height - size(text).height) / 2 }
        let spots = [
            (l.left, rect.x + margin, midY(l.left)), (l.right, rect.x + rect.width - margin - size(l.right).width, midY(l.right)),
            (l.top, midX(l.top), rect.y + margin), (l.bottom, midX(l.bottom), rect.y + rect.height - margin - size(l.bottom).height),
        ]
        for (letter, x, y) in spots { Annotation.text(letter, x: x, y: y, scale: scale, colour: colour, into: &frame) }
    }
}

/// Small text with a one-pixel dark shadow so it reads on any background.
enum Annotation {
    static func text(_ text: String, x: Int, y: Int, scale: Int, colour: RGBAColor, into frame: inout Frame) {
        BitmapFont.draw(text, into: &frame, x: x + 1, y: y + 1, scale: scale, color: OrientationLetters.shadow)
        BitmapFont.draw(text, into: &frame, x: x, y: y, scale: scale, color: colour)
    }
}
