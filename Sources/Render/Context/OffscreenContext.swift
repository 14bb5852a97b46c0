import CGL

/// An OSMesa core-profile context and the RGBA8 buffer it renders into.
///
/// Created on any thread; every other method must run on the GL thread (the render engine's executor).
final class OffscreenContext {
    /// The (major, minor) core-profile versions asked for, highest first.
    static let versions: [(Int32, Int32)] = [(4, 6), (4, 5), (4, 4), (4, 3), (4, 2), (4, 1), (4, 0), (3, 3)]

    let context: OSMesaContext
    private(set) var width = 0
    private(set) var height = 0
    private var buffer: UnsafeMutableRawPointer?
    private var readback: UnsafeMutableRawPointer?

    init() throws(RenderError) {
        var attempts: [String] = []
        for (major, minor) in Self.versions {
            let attributes: [Int32] = [
                OSMESA_FORMAT, GL_RGBA, OSMESA_DEPTH_BITS, 0, OSMESA_STENCIL_BITS, 0, OSMESA_ACCUM_BITS, 0,
                OSMESA_PROFILE, OSMESA_CORE_PROFILE,
                OSMESA_CONTEXT_MAJOR_VERSION, major, OSMESA_CONTEXT_MINOR_VERSION, minor, 0,
            ]
            attempts.append("core \(major).\(minor)")
            if let created = OSMesaCreateContextAttribs(attributes, nil) {
                context = created
                return
            }
        }
        throw .contextCreationFailed(attempts: attempts)
    }

    deinit {
        OSMesaDestroyContext(context)
        buffer?.deallocate()
        readback?.deallocate()
    }

    /// Binds the context to this thread with a `width`×`height` RGBA8 buffer, reallocating it when the size changes.
    func makeCurrent(width: Int, height: Int) throws(RenderError) {
        if width == self.width, height == self.height, OSMesaGetCurrentContext() == context { return }
        let bytes = width * height * 4
        let newBuffer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        guard OSMesaMakeCurrent(context, newBuffer, GLenum(GL_UNSIGNED_BYTE), GLsizei(width), GLsizei(height)) != 0 else {
            newBuffer.deallocate()
            throw .makeCurrentFailed(width: width, height: height)
        }
        buffer?.deallocate()
        readback?.deallocate()
        buffer = newBuffer
        readback = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        self.width = width
        self.height = height
        glViewport(0, 0, GLsizei(width), GLsizei(height))
        glPixelStorei(glEnum(GL_PACK_ALIGNMENT), 1)
        glPixelStorei(glEnum(GL_UNPACK_ALIGNMENT), 1)
    }

    /// A GL string such as GL_RENDERER (needs a current context).
    func string(_ name: Int32) -> String {
        guard let s = glGetString(GLenum(name)) else { return "?" }
        return String(cString: s)
    }

    /// An integer GL limit such as GL_MAX_3D_TEXTURE_SIZE.
    func integer(_ name: Int32) -> Int {
        var value: GLint = 0
        glGetIntegerv(GLenum(name), &value)
        return Int(value)
    }

    /// Reads the whole buffer with glReadPixels and returns RGBA8 bytes with row 0 at the top.
    func readPixels() throws(RenderError) -> [UInt8] {
        guard let readback else { return [] }
        glReadPixels(0, 0, GLsizei(width), GLsizei(height), GLenum(GL_RGBA), GLenum(GL_UNSIGNED_BYTE), readback)
        try glCheck("glReadPixels")
        let rowBytes = width * 4
        let rows = height
        return [UInt8](unsafeUninitializedCapacity: rowBytes * rows) { out, count in
            // GL returns the bottom row first; flip so row 0 is the top.
            for r in 0..<rows {
                (out.baseAddress! + r * rowBytes).initialize(
                    from: readback.advanced(by: (rows - 1 - r) * rowBytes).assumingMemoryBound(to: UInt8.self),
                    count: rowBytes)
            }
            count = rowBytes * rows
        }
    }
}
