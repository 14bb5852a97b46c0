import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened read-only and read with `pread` at explicit offsets: one `open`, one `fstat`, and reads of
/// exactly the bytes asked for, straight into the caller's memory (no mapping, no page faults on the file).
///
/// `size` is the size when the file was opened; every read still reports the bytes it really got, so a file
/// that shrinks afterwards gives a short read that callers turn into a typed error.
final class FileReader {
    let path: String
    let size: Int
    private let descriptor: Int32

    /// Opens `url` for reading; a missing file, a directory or a permission problem is `fileUnreadable`.
    init(_ url: URL) throws(DICOMError) {
        guard url.isFileURL else { throw .fileUnreadable(path: url.absoluteString, reason: "not a file URL") }
        let path = url.path
        let descriptor = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .fileUnreadable(path: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw .fileUnreadable(path: path, reason: (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "not a regular file")
        }
        self.path = path
        self.size = Int(info.st_size)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes at `offset` into `buffer`; returns the bytes read (fewer only at end of file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DICOMError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Reads exactly `buffer.count` bytes at `offset`, which the caller's header said are there; a short read
    /// means the file changed since (`fileChanged`).
    func readExactly(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DICOMError) {
        let got = try read(into: buffer, at: offset)
        guard got == buffer.count else {
            throw .fileChanged(path: path, reason: "\(buffer.count) bytes expected at offset \(offset) but only \(got) are there; the file is \(currentSize()) bytes now")
        }
    }

    /// The file's size now (for messages).
    private func currentSize() -> Int {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : -1
    }

    /// Reads the first `count` bytes of the file (fewer if it has shrunk) into a new buffer.
    func readPrefix(_ count: Int) throws(DICOMError) -> SharedBytes {
        let buffer = SharedBytes(capacity: count)
        buffer.count = try read(into: UnsafeMutableRawBufferPointer(start: buffer.base, count: count), at: 0)
        return buffer
    }
}
