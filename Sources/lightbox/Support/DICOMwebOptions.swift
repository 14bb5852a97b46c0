import ArgumentParser
import DICOM
import Foundation
import Jobs
import Loading

#if DICOMweb
/// Credentials for `dicomweb:` inputs. Never echoed: errors and reports show them redacted.
struct DICOMwebOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Bearer token for dicomweb: inputs (or set LIGHTBOX_DICOMWEB_TOKEN).", valueName: "token"))
    var bearerToken: String?

    @Option(help: ArgumentHelp("Basic authentication for dicomweb: inputs.", valueName: "user:password"))
    var basicAuth: String?

    func validate() throws {
        if let basicAuth, !basicAuth.contains(":") { throw ValidationError("--basic-auth must be user:password") }
        if bearerToken != nil && basicAuth != nil { throw ValidationError("give --bearer-token or --basic-auth, not both") }
    }

    /// A loader for `dicomweb:` ids with these credentials; frames come as the server stores them and are
    /// decoded here when the DICOM layer has a decoder (else the server is asked for native frames).
    func makeLoader(maxConcurrentRequestsPerHost: Int = 6) -> DICOMwebLoader {
        var authorization: DICOMwebAuthorization?
        if let token = bearerToken ?? ProcessInfo.processInfo.environment["LIGHTBOX_DICOMWEB_TOKEN"] {
            authorization = .bearer(token)
        } else if let basicAuth, let colon = basicAuth.firstIndex(of: ":") {
            authorization = .basic(user: String(basicAuth[..<colon]), password: String(basicAuth[basicAuth.index(after: colon)...]))
        }
        return DICOMwebLoader(
            client: DICOMwebClient(configuration: DICOMwebClient.Configuration(
                authorization: authorization, maxConcurrentRequestsPerHost: maxConcurrentRequestsPerHost)),
            frameRequest: .anyTransferSyntax, frameDecoders: FrameDecoders.table)
    }

    /// The command's session, reading `dicomweb:` inputs with these credentials.
    func session(cache: ImageVolumeCache = ImageVolumeCache()) -> LightboxSession {
        LightboxSession(dicomweb: makeLoader(), cache: cache)
    }
}
#else
/// Built without the DICOMweb trait: no credentials to give, and sessions that read files only (a `dicomweb:`
/// input is a bad-input error that says why).
struct DICOMwebOptions: ParsableArguments {
    func session(cache: ImageVolumeCache = ImageVolumeCache()) -> LightboxSession { LightboxSession(cache: cache) }
}
#endif
