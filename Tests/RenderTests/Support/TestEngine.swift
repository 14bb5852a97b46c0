import Render

/// One engine shared by the tests (a context and a GL thread each would be wasteful).
enum TestEngine {
    static let shared: RenderEngine = {
        do { return try RenderEngine() } catch { fatalError("no OSMesa context: \(error)") }
    }()
}
