import DICOM
import XCTest
@testable import Volume

/// Reading the keys that tell 4D volumes apart: top level, enhanced functional groups, and implicit VR files.
final class AcquisitionKeysTests: XCTestCase {
    /// An image with geometry, SOP identity and `frames` frames.
    func baseDataSet(frames: Int) -> DataSet {
        var ds = DataSet()
        ds.set(.sopClassUID, .UI, "1.2.840.10008.5.1.4.1.1.4.1")
        ds.set(.sopInstanceUID, .UI, "1.2.3.4")
        ds.set(.rows, .US, 4)
        ds.set(.columns, .US, 4)
        if frames > 1 { ds.set(.numberOfFrames, .IS, frames) }
        return ds
    }

    /// The same data set written as Implicit VR Little Endian and read back.
    func implicitRoundTrip(_ ds: DataSet) throws -> DataSet {
        let bytes = try DICOMWriter(transferSyntax: .implicitVRLittleEndian).encode(ds)
        let file = try DICOMFile.parse(bytes, mode: .metadataOnly)
        XCTAssertEqual(file.transferSyntax, .implicitVRLittleEndian)
        return file.dataSet
    }

    func testTopLevelKeysOfAClassicImage() throws {
        var ds = baseDataSet(frames: 1)
        ds.set(.imagePositionPatient, .DS, [1.0, 2, 3])
        ds.set(.imageOrientationPatient, .DS, [1.0, 0, 0, 0, 1, 0])
        ds.set(.pixelSpacing, .DS, [0.5, 0.5])
        ds.set(.imageType, .CS, ["ORIGINAL", "PRIMARY", "M"])
        ds.set(.acquisitionNumber, .IS, 5)
        ds.set(.temporalPositionIdentifier, .IS, 3)
        ds.set(.temporalPositionIndex, .UL, 2)
        ds.set(.triggerTime, .DS, 412.5)
        ds.set(.echoNumbers, .IS, 2)
        ds.set(.echoTime, .DS, 79)
        ds.set(.diffusionBValue, .FD, 1500.0)
        ds.set(.diffusionGradientOrientation, .FD, [0.6, -0.8, 0])
        ds.set(.stackID, .SH, "1")
        ds.set(.inStackPositionNumber, .UL, 11)
        ds.set(.frameReferenceTime, .DS, 120000)
        let expected = AcquisitionKeys(
            temporalPositionIndex: 2, temporalPositionIdentifier: 3, acquisitionNumber: 5, triggerTime: 412.5,
            echoNumber: 2, echoTime: 79, diffusionBValue: 1500, diffusionGradient: Vector3(0.6, -0.8, 0),
            stackID: "1", inStackPositionNumber: 11, frameReferenceTime: 120000, imageType: ["ORIGINAL", "PRIMARY", "M"])
        for (name, dataSet) in [("explicit", ds), ("implicit", try implicitRoundTrip(ds))] {
            let slices = try SliceMetadata.frames(of: dataSet, imageID: "IM1.dcm")
            XCTAssertEqual(slices.map(\.keys), [expected], name)
        }
    }

    func testAbsentKeysAreNil() throws {
        var ds = baseDataSet(frames: 1)
        ds.set(.imagePositionPatient, .DS, [1.0, 2, 3])
        ds.set(.imageOrientationPatient, .DS, [1.0, 0, 0, 0, 1, 0])
        ds.set(.pixelSpacing, .DS, [0.5, 0.5])
        ds.set(.stackID, .SH, "")
        ds.set(.diffusionGradientOrientation, .FD, [0.6, -0.8])
        XCTAssertEqual(try SliceMetadata.frames(of: ds, imageID: "IM1.dcm").map(\.keys), [AcquisitionKeys()])
    }

    func testEnhancedFramesReadTheirFunctionalGroupsBeforeTheTopLevel() throws {
        var ds = baseDataSet(frames: 2)
        // Top-level values that the functional groups override.
        ds.set(.acquisitionNumber, .IS, 4)
        ds.set(.triggerTime, .DS, 999)
        ds.set(.echoTime, .DS, 50)
        ds.set(.imageType, .CS, ["DERIVED", "PRIMARY"])
        ds.set(.echoNumbers, .IS, 1)

        var orientation = DataSet()
        orientation.set(.imageOrientationPatient, .DS, [1.0, 0, 0, 0, 1, 0])
        var measures = DataSet()
        measures.set(.pixelSpacing, .DS, [0.5, 0.5])
        var echo = DataSet()
        echo.set(.effectiveEchoTime, .FD, 12.5)
        var shared = DataSet()
        shared.set(.planeOrientationSequence, items: [orientation])
        shared.set(.pixelMeasuresSequence, items: [measures])
        shared.set(.mrEchoSequence, items: [echo])
        ds.set(.sharedFunctionalGroupsSequence, items: [shared])

        let gradients = [Vector3(1, 0, 0), Vector3(0, 0.6, 0.8)]
        ds.set(.perFrameFunctionalGroupsSequence, items: (0..<2).map { f in
            var position = DataSet()
            position.set(.imagePositionPatient, .DS, [0.0, 0, Double(f)])
            var content = DataSet()
            content.set(.temporalPositionIndex, .UL, f + 1)
            content.set(.stackID, .SH, "A")
            content.set(.inStackPositionNumber, .UL, 2 - f)
            content.set(.frameAcquisitionNumber, .US, 7 + f)
            var direction = DataSet()
            direction.set(.diffusionGradientOrientation, .FD, [gradients[f].x, gradients[f].y, gradients[f].z])
            var diffusion = DataSet()
            diffusion.set(.diffusionBValue, .FD, 1000.0 * Double(f))
            diffusion.set(.diffusionGradientDirectionSequence, items: [direction])
            var cardiac = DataSet()
            cardiac.set(.nominalCardiacTriggerDelayTime, .FD, 100.0 * Double(f))
            var frameType = DataSet()
            frameType.set(.frameType, .CS, ["ORIGINAL", "PRIMARY", "DIFFUSION", f == 0 ? "NONE" : "ISOTROPIC"])
            var item = DataSet()
            item.set(.planePositionSequence, items: [position])
            item.set(.frameContentSequence, items: [content])
            item.set(.mrDiffusionSequence, items: [diffusion])
            item.set(.cardiacSynchronizationSequence, items: [cardiac])
            item.set(.mrImageFrameTypeSequence, items: [frameType])
            return item
        })
        let expected = (0..<2).map { f in
            AcquisitionKeys(
                temporalPositionIndex: f + 1, acquisitionNumber: 7 + f, triggerTime: 100 * Double(f), echoNumber: 1,
                echoTime: 12.5, diffusionBValue: 1000 * Double(f), diffusionGradient: gradients[f],
                stackID: "A", inStackPositionNumber: 2 - f,
                imageType: ["ORIGINAL", "PRIMARY", "DIFFUSION", f == 0 ? "NONE" : "ISOTROPIC"])
        }
        for (name, dataSet) in [("explicit", ds), ("implicit", try implicitRoundTrip(ds))] {
            let slices = try SliceMetadata.frames(of: dataSet, imageID: "enhanced.dcm")
            XCTAssertEqual(slices.map(\.keys), expected, name)
        }
    }
}
