import Jobs
import Volume
import XCTest

/// The query parser of the rendered resources (PS3.18 §8.3.5): every parameter accepted in its standard forms,
/// hostile values refused with the status the standard gives and a message naming the parameter.
final class RenderedResourceRequestTests: XCTestCase {
    let series = try! RenderedResourceLevel(study: "1.2.3", series: "1.2.3.4")

    func parse(_ kind: RenderedResourceKind, _ query: String, accept: String? = nil) throws -> RenderedResourceRequest {
        try RenderedResourceRequest.parse(level: series, kind: kind, query: Self.pairs(query), accept: accept)
    }

    /// `a=1&b=2` as decoded pairs (the values here hold no escapes).
    static func pairs(_ query: String) -> [(String, String)] {
        query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// The error `query` gives, or a failure when it parses.
    func error(_ kind: RenderedResourceKind, _ query: String, accept: String? = nil, file: StaticString = #filePath, line: UInt = #line) -> RenderedResourceError? {
        do {
            _ = try parse(kind, query, accept: accept)
            XCTFail("\(kind.pathComponent)?\(query) was accepted", file: file, line: line)
            return nil
        } catch let error as RenderedResourceError {
            return error
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    func testAcceptedValues() throws {
        var r = try parse(.rendered, "window=40,400,linear&viewport=256,128&quality=75&annotation=technique,patient")
        XCTAssertEqual(r.window, RenderedWindow(centre: 40, width: 400, function: .linear))
        XCTAssertEqual(r.viewport, RenderedViewport(width: 256, height: 128))
        XCTAssertEqual(r.quality, 75)
        XCTAssertEqual(r.annotations, [.patient, .technique])
        XCTAssertEqual(r.mediaType, .jpeg)
        XCTAssertNil(r.volume)
        r = try parse(.rendered, "window=-600,1500")   // the function may be left out: linear
        XCTAssertEqual(r.window, RenderedWindow(centre: -600, width: 1500))
        r = try parse(.rendered, "window=-1.5e2,3.5E2,linear&quality=1")
        XCTAssertEqual(r.window, RenderedWindow(centre: -150, width: 350))
        XCTAssertEqual(r.quality, 1)

        let v = try XCTUnwrap(try parse(.renderedMPR, "renderingmethod=maximum_ip&mprslab=20&viewpointposition=100,101,200&viewpointlookat=100,100,200&viewpointup=0,0,1&viewport=256,256&window=100,700,linear").volume)
        XCTAssertEqual(v.method, .maximumIP)
        XCTAssertEqual(v.slabThickness, 20)
        XCTAssertEqual(v.camera, .viewpoint(position: Vector3(100, 101, 200), lookAt: Vector3(100, 100, 200), up: Vector3(0, 0, 1)))

        let swivel = try XCTUnwrap(try parse(.rendered3D, "renderingmethod=volume_rendered&orientation=a&swivelrange=180&animationstepsize=20&animationrate=20").volume)
        XCTAssertEqual(swivel.camera, .orientation(.anterior))
        XCTAssertEqual(swivel.swivelRange, 180)
        XCTAssertEqual(swivel.animationStepSize, 20)
        XCTAssertEqual(swivel.animationRate, 20)
        for letter in ["a", "p", "r", "l", "h", "f"] {
            XCTAssertEqual(try parse(.rendered3D, "orientation=\(letter)").volume?.camera, .orientation(.init(rawValue: letter)!))
        }
        for method in RenderingMethod.allCases {
            XCTAssertEqual(try parse(.rendered3D, "renderingmethod=\(method.rawValue)").volume?.method, method)
        }
        XCTAssertEqual(try parse(.rendered3D, "renderedvolumetricmetadata=yes", accept: "application/dicom+json").volume?.metadataOnly, true)
        // B.33 gives viewpointup=0,0,0: the server chooses the up direction.
        XCTAssertNotNil(try parse(.renderedMPR, "viewpointposition=532,38,126&viewpointlookat=-532,-76,-154&viewpointup=0,0,0"))
    }

    /// PS3.18 §8.3: unsupported parameters are ignored (listed, so a server can warn), not refused.
    func testUnknownParametersAreIgnoredAndListed() throws {
        let r = try parse(.rendered, "foo=bar&renderingmethod=maximum_ip&charset=utf-8&iccprofile=srgb&CardiacRRIntervalSpecified=140-260")
        XCTAssertEqual(r.ignoredParameters, ["foo", "renderingmethod", "CardiacRRIntervalSpecified", "charset", "iccprofile"])
        XCTAssertEqual(try parse(.thumbnail, "window=40,400&quality=50").ignoredParameters, ["window", "quality"])
        XCTAssertEqual(try parse(.rendered3D, "mprslab=10").ignoredParameters, ["mprslab"])
        XCTAssertEqual(try parse(.rendered, "iccprofile=no").ignoredParameters, [])
        XCTAssertTrue(try parse(.rendered, "foo=1").warnings.first?.contains("foo") == true)
    }

    func testRefusedValues() {
        let cases: [(RenderedResourceKind, String, Int, String)] = [
            // viewport: huge, negative, zero, fractional, not numbers, wrong count
            (.rendered, "viewport=100000,100000", 400, "viewport"),
            (.rendered, "viewport=4097,16", 400, "16…4096"),
            (.rendered, "viewport=15,16", 400, "16…4096"),
            (.rendered, "viewport=-5,10", 400, "viewport"),
            (.rendered, "viewport=0,10", 400, "viewport"),
            (.rendered, "viewport=10.5,10", 400, "viewport"),
            (.rendered, "viewport=10", 400, "vw,vh"),
            (.rendered, "viewport=10,10,0,0,-10", 400, "vw,vh"),
            (.rendered, "viewport=20,20,0,0,nan,10", 400, "finite"),
            (.rendered, "viewport=20,20,-1,0,10,10", 400, "negative"),
            (.rendered, "viewport=20,20,0,0,0,10", 400, "must not be 0"),
            (.rendered, "viewport=20,20,0,0,10,10", 400, "source region"),
            (.thumbnail, "viewport=10,10,0,0,10,10", 400, "vw,vh"),
            (.rendered, "viewport=99999999999999999999,1", 400, "viewport"),
            // window: NaN, infinities, overflow, hex, width < 1, bad function, unsupported functions
            (.rendered, "window=nan,400", 400, "finite"),
            (.rendered, "window=40,inf", 400, "finite"),
            (.rendered, "window=1e400,400", 400, "finite"),
            (.rendered, "window=0x10,400", 400, "finite"),
            (.rendered, "window=40,0.5", 400, "at least 1"),
            (.rendered, "window=40,-400", 400, "at least 1"),
            (.rendered, "window=40", 400, "center,width"),
            (.rendered, "window=40,400,cubic", 400, "linear"),
            (.rendered, "window=40,400,sigmoid", 400, "sigmoid"),
            (.rendered, "window=40,400,linear-exact", 400, "linear-exact"),
            (.rendered, "window= 40,400", 400, "finite"),
            // quality and annotation
            (.rendered, "quality=0", 400, "1…100"),
            (.rendered, "quality=101", 400, "1…100"),
            (.rendered, "quality=-5", 400, "1…100"),
            (.rendered, "quality=50.5", 400, "1…100"),
            (.rendered, "annotation=name", 400, "patient, technique"),
            (.rendered, "iccprofile=cmyk", 400, "srgb"),
            // duplicates
            (.rendered, "window=40,400&window=50,400", 400, "more than once"),
            (.renderedMPR, "mprslab=5&mprslab=5", 400, "more than once"),
            // volumetric
            (.renderedMPR, "mprslab=-5", 400, "greater than 0"),
            (.renderedMPR, "mprslab=0", 400, "greater than 0"),
            (.renderedMPR, "mprslab=nan", 400, "greater than 0"),
            (.renderedMPR, "mprslab=5000", 400, "at most 2000"),
            (.renderedMPR, "renderingmethod=volume_rendered", 400, "rendered3d"),
            (.rendered3D, "renderingmethod=raycast", 400, "volume_rendered"),
            (.rendered3D, "renderingmethod=maximum_ip,minimum_ip", 400, "volume_rendered"),
            (.rendered3D, "orientation=x", 400, "a, p, r, l, h, f"),
            (.rendered3D, "orientation=A", 400, "a, p, r, l, h, f"),
            (.rendered3D, "orientation=a&viewpointup=0,0,1", 400, "exclude each other"),
            (.rendered3D, "viewpointposition=0,0,1", 400, "viewpointlookat and viewpointup"),
            (.rendered3D, "viewpointposition=0,0,1&viewpointlookat=0,0,1&viewpointup=0,1,0", 400, "same point"),
            (.rendered3D, "viewpointposition=0,0,1&viewpointlookat=0,0,0&viewpointup=0,0,5", 400, "parallel"),
            (.rendered3D, "viewpointposition=0,0,inf&viewpointlookat=0,0,0&viewpointup=0,1,0", 400, "finite"),
            (.rendered3D, "viewpointposition=0,0&viewpointlookat=0,0,0&viewpointup=0,1,0", 400, "three"),
            (.rendered3D, "viewpointposition=1e7,0,0&viewpointlookat=0,0,0&viewpointup=0,1,0", 400, "10⁶"),
            (.rendered3D, "swivelrange=0", 400, "greater than 0"),
            (.rendered3D, "swivelrange=720", 400, "at most 360"),
            (.rendered3D, "swivelrange=90&animationstepsize=0", 400, "1…360"),
            (.rendered3D, "swivelrange=90&animationstepsize=2.5", 400, "1…360"),
            (.rendered3D, "swivelrange=10&animationstepsize=20", 400, "no frame"),
            (.rendered3D, "animationstepsize=10", 400, "needs swivelrange"),
            (.rendered3D, "animationrate=-1", 400, "greater than 0"),
            (.rendered3D, "renderedvolumetricmetadata=no", 400, "yes"),
            (.rendered3D, "volumeinputreference=1.2.3", 400, "not supported"),
            (.rendered3D, "volumetriccurvepoint=1,2,3", 400, "not supported"),
            // overlong values
            (.rendered, "window=" + String(repeating: "1", count: 2000), 400, "longer than"),
            (.rendered, (0..<65).map { "p\($0)=1" }.joined(separator: "&"), 413, "at most 64"),
        ]
        for (kind, query, status, fragment) in cases {
            guard let error = error(kind, query) else { continue }
            XCTAssertEqual(error.httpStatus, status, "\(kind.pathComponent)?\(query.prefix(80)): \(error.message)")
            XCTAssertTrue(error.message.contains(fragment), "\(kind.pathComponent)?\(query.prefix(80)): \"\(error.message)\" lacks \"\(fragment)\"")
        }
    }

    func testMediaTypeNegotiation() throws {
        let cases: [(String?, String?, RenderedMediaType)] = [
            (nil, nil, .jpeg),
            (nil, "*/*", .jpeg),
            (nil, "image/*", .jpeg),
            (nil, "image/png", .png),
            (nil, "image/jpeg;q=0.5, image/png", .png),
            (nil, "image/png;q=0.2, image/jpeg;q=0.9", .jpeg),
            (nil, "image/png, image/jpeg", .png),
            (nil, "image/jpeg, image/png", .jpeg),
            (nil, "image/*;q=0.8, image/png", .png),
            (nil, "image/jpeg;q=0, */*", .png),
            (nil, "text/html, image/png;q=0.1", .png),
            (nil, "multipart/related; type=\"image/png\"", .png),
            (nil, "IMAGE/PNG", .png),
            ("image/png", "image/jpeg", .png),   // the accept parameter wins over the header
        ]
        for (parameter, header, expected) in cases {
            let query = parameter.map { "accept=\($0)" } ?? ""
            XCTAssertEqual(try parse(.rendered, query, accept: header).mediaType, expected, "accept=\(parameter ?? "-") Accept: \(header ?? "-")")
        }
        for header in ["text/html", "image/gif", "image/png;q=0", "application/dicom"] {
            XCTAssertEqual(error(.rendered, "", accept: header)?.httpStatus, 406, header)
        }
        for header in ["png", "image/png;q=2", "image/png;q=abc", "image/png;q=1e-1", "/png", String(repeating: "image/png,", count: 500)] {
            XCTAssertEqual(error(.rendered, "", accept: header)?.httpStatus, 400, header)
        }
        XCTAssertEqual(error(.rendered3D, "renderedvolumetricmetadata=yes", accept: "image/png")?.httpStatus, 406)
        XCTAssertNoThrow(try parse(.rendered3D, "renderedvolumetricmetadata=yes", accept: "*/*"))
    }

    func testPathUIDsAndFrames() throws {
        XCTAssertEqual(try RenderedResourceLevel(study: "1.2", series: "1.2.3", instance: "1.2.3.4", frames: "1,3,5"),
                       .frames(study: "1.2", series: "1.2.3", instance: "1.2.3.4", frames: [1, 3, 5]))
        XCTAssertEqual(try RenderedResourceLevel(study: "1.2").path, "studies/1.2")
        let bad: [(String, String?, String?, String?)] = [
            ("", nil, nil, nil), ("../etc", nil, nil, nil), ("1.2/../3", nil, nil, nil), ("1.2%2F3", nil, nil, nil),
            (String(repeating: "1", count: 65), nil, nil, nil), ("1.2", "1.2 3", nil, nil), ("1.2", "1.2.3", "..", nil), (".1.2", nil, nil, nil), ("1..2", nil, nil, nil), ("1.2.", nil, nil, nil),
            ("1.2", "1.2.3", "1.2.3.4", "0"), ("1.2", "1.2.3", "1.2.3.4", "1,,2"), ("1.2", "1.2.3", "1.2.3.4", "-1"),
            ("1.2", "1.2.3", "1.2.3.4", "99999999999"), ("1.2", "1.2.3", "1.2.3.4", "1-3"), ("1.2", nil, "1.2.3", nil),
            ("1.2", "1.2.3", "1.2.3.4", (1...1025).map(String.init).joined(separator: ",")),
        ]
        for (study, series, instance, frames) in bad {
            let named = "\(study) \(series ?? "-") \(instance ?? "-") \(frames?.prefix(20) ?? "-")"
            XCTAssertThrowsError(try RenderedResourceLevel(study: study, series: series, instance: instance, frames: frames), named) { error in
                XCTAssertEqual((error as? RenderedResourceError)?.httpStatus, 400, named)
            }
        }
        XCTAssertEqual(RenderedResourceKind(pathComponent: "rendered3D"), .rendered3D)
        XCTAssertEqual(RenderedResourceKind(pathComponent: "renderedMPR"), .renderedMPR)
        XCTAssertNil(RenderedResourceKind(pathComponent: "render"))
    }
}
