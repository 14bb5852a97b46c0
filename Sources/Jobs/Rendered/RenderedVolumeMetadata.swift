import Foundation
import Render
import Volume

/// The Rendered Volume Response Module (PS3.18 Annex K, Table K.1-1) of the parameters actually used for a
/// volumetric request, as DICOM JSON: anatomic orientations become the camera they stand for, defaults are
/// filled in, and the window is the one the first image is drawn with.
struct RenderedVolumeMetadata {
    var reformatting: String
    var method: RenderingMethod
    var camera: RenderedCameraPose
    var slabThickness: Double?
    var window: VOIWindow?
    var swivelRange: Double?
    var animationStepSize: Int?
    var animationRate: Double?

    init(request: RenderedResourceRequest, plan: RenderedPlan, first: RenderedImagePlan, series: OpenedSeries) throws(RenderedResourceError) {
        guard let camera = first.camera, let method = plan.method else {
            throw .failed(status: 500, message: "renderedvolumetricmetadata applies to …/renderedmpr and …/rendered3d")
        }
        let p = request.volume ?? RenderedVolumeParameters()
        reformatting = request.kind == .renderedMPR ? "MPR" : "3D_RENDERING"
        self.method = method
        // The camera the request set: for a swivel, the middle of its range (the first frame is turned by −range/2).
        self.camera = p.swivelRange.map { camera.swivelled(by: $0 / 2) } ?? camera
        slabThickness = plan.slabThickness
        if method != .volumeRendered {
            do { window = try RenderScene(request: first.request, volumes: [series], units: nil).window.window } catch {
                throw .failed(status: 400, message: error.description)
            }
        }
        swivelRange = p.swivelRange
        animationStepSize = p.swivelRange == nil ? nil : (p.animationStepSize ?? RenderedVolumeParameters.defaultSwivelStep)
        animationRate = p.animationRate
    }

    /// The module as DICOM JSON, keys sorted (so equal requests give equal bytes).
    func json() -> Data {
        var object: [String: Any] = [
            "00720510": ["vr": "CS", "Value": [reformatting]],
            "0070120D": ["vr": "CS", "Value": [method.codeString]],
            "00701603": ["vr": "FD", "Value": Self.values(camera.position)],
            "00701604": ["vr": "FD", "Value": Self.values(camera.lookAt)],
            "00701605": ["vr": "FD", "Value": Self.values(camera.up)],
        ]
        if let slabThickness { object["00701503"] = ["vr": "FD", "Value": [slabThickness]] }
        if let window {
            object["00281056"] = ["vr": "CS", "Value": ["LINEAR"]]
            object["00281051"] = ["vr": "DS", "Value": [window.width]]
            object["00281050"] = ["vr": "DS", "Value": [window.centre]]
        }
        if let swivelRange { object["00701A06"] = ["vr": "FD", "Value": [swivelRange]] }
        if let animationStepSize { object["00701A05"] = ["vr": "FD", "Value": [Double(animationStepSize)]] }
        if let animationRate { object["00701A03"] = ["vr": "FD", "Value": [animationRate]] }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    private static func values(_ v: Vector3) -> [Double] { [v.x, v.y, v.z] }
}
