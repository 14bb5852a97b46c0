import Foundation
import CGL
import Shaders
import Volume

/// A linked GLSL program built from shader files under `Shaders/glsl`; GL thread only.
///
/// Each stage is a list of files passed to GL as separate source strings, so a GLSL log line
/// "1:12(3)" means line 12 of the stage's second file; the error names the files in order. `constants` (GLSL text,
/// e.g. `const int kSlabCount = 10;`) is one more string, just before the last fragment file.
final class ShaderProgram {
    let id: GLuint
    private let files: [String]
    private var locations: [String: GLint] = [:]

    init(vertex: [String], fragment: [String], constants: String = "") throws(RenderError) {
        files = vertex + fragment
        let vs = try Self.compile(glEnum(GL_VERTEX_SHADER), vertex)
        defer { glDeleteShader(vs) }
        let fs = try Self.compile(glEnum(GL_FRAGMENT_SHADER), fragment, constants: constants)
        defer { glDeleteShader(fs) }
        id = glCreateProgram()
        glAttachShader(id, vs)
        glAttachShader(id, fs)
        glLinkProgram(id)
        var ok: GLint = 0
        glGetProgramiv(id, glEnum(GL_LINK_STATUS), &ok)
        guard ok != 0 else {
            let log = Self.log(id, glGetProgramiv, glGetProgramInfoLog)
            glDeleteProgram(id)
            throw .programLinkFailed(files: files, log: log)
        }
        try glCheck("glLinkProgram(\(files.joined(separator: ", ")))")
    }

    deinit { glDeleteProgram(id) }

    func use() { glUseProgram(id) }

    func set(_ name: String, _ v: Float) { glUniform1f(location(name), v) }
    func set(_ name: String, _ v: Int) { glUniform1i(location(name), GLint(v)) }
    func set(_ name: String, _ v: Bool) { glUniform1i(location(name), v ? 1 : 0) }
    func set(_ name: String, _ v: Vector3) { glUniform3f(location(name), Float(v.x), Float(v.y), Float(v.z)) }
    func set(_ name: String, _ v: SIMD4<Float>) { glUniform4f(location(name), v.x, v.y, v.z, v.w) }
    func set(_ name: String, _ v: SIMD2<Int>) { glUniform2i(location(name), GLint(v.x), GLint(v.y)) }
    func set(_ name: String, _ v: SIMD3<Int>) { glUniform3i(location(name), GLint(v.x), GLint(v.y), GLint(v.z)) }
    func set(_ name: String, _ v: [Vector3]) {
        let floats = v.flatMap { [Float($0.x), Float($0.y), Float($0.z)] }
        glUniform3fv(location(name), GLsizei(v.count), floats)
    }

    private func location(_ name: String) -> GLint {
        if let cached = locations[name] { return cached }
        let found = glGetUniformLocation(id, name)
        locations[name] = found
        return found
    }

    private static func compile(_ stage: GLenum, _ names: [String], constants: String = "") throws(RenderError) -> GLuint {
        var sources: [String] = []
        for name in names {
            do { sources.append(try ShaderLibrary.source(named: name)) } catch { throw .shaderMissing(name: name) }
        }
        if !constants.isEmpty { sources.insert(constants + "\n", at: max(sources.count - 1, 0)) }
        let shader = glCreateShader(stage)
        let cStrings = sources.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var pointers = cStrings.map { UnsafePointer<GLchar>($0) }
        glShaderSource(shader, GLsizei(pointers.count), &pointers, nil)
        glCompileShader(shader)
        var ok: GLint = 0
        glGetShaderiv(shader, glEnum(GL_COMPILE_STATUS), &ok)
        guard ok != 0 else {
            let log = Self.log(shader, glGetShaderiv, glGetShaderInfoLog)
            glDeleteShader(shader)
            throw .shaderCompileFailed(files: constants.isEmpty ? names : Array(names.dropLast()) + ["(constants)", names.last ?? ""], log: log)
        }
        return shader
    }

    private static func log(
        _ object: GLuint,
        _ getiv: (GLuint, GLenum, UnsafeMutablePointer<GLint>?) -> Void,
        _ getLog: (GLuint, GLsizei, UnsafeMutablePointer<GLsizei>?, UnsafeMutablePointer<GLchar>?) -> Void
    ) -> String {
        var length: GLint = 0
        getiv(object, glEnum(GL_INFO_LOG_LENGTH), &length)
        var text = [GLchar](repeating: 0, count: Int(max(length, 1)))
        getLog(object, GLsizei(text.count), nil, &text)
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
