import CGL

/// Throws `RenderError.glError` naming `call` when the GL error flag is set (and clears the flag).
func glCheck(_ call: @autoclosure () -> String) throws(RenderError) {
    let code = glGetError()
    guard code == GLenum(GL_NO_ERROR) else {
        while glGetError() != GLenum(GL_NO_ERROR) {}
        throw .glError(call: call(), code: code)
    }
}

/// `GLenum` from an imported `#define` constant.
@inline(__always) func glEnum(_ value: Int32) -> GLenum { GLenum(value) }
