import Foundation

/// A file written through a temporary file in the same directory, flushed to disk and renamed
/// into place on `commit()`, so readers never see a half-written file and a crash or Ctrl-C
/// never leaves one. Abandoned (not committed) output is removed; `exitRemovingTemporaryFiles`
/// (from a SIGINT/SIGTERM handler) removes those of writes under way and exits. The one atomic
/// writer: TMX, PO, pre-translated documents and reports all go through it.
///
/// The temporary file is created (`open(O_CREAT|O_EXCL)`, no Foundation helper that would make
/// a second temporary of its own) and renamed while the registry of pending files is locked, and
/// the interrupt exit takes that lock and never gives it back. So an interrupt sees every
/// temporary file that exists, and no file is created or renamed after it has cleaned up.
public final class AtomicFile {
    public let path: String
    let temporaryPath: String
    static let pending = PendingFiles()
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let flushSize = 1 << 16
    private var committed = false

    /// Writes `data` to `path` at once, creating the folders it needs.
    public static func write(_ data: Data, to path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FormatError.write(file: path, reason: "cannot create the folder \(folder)")
        }
        let file = try AtomicFile(path: path)
        try data.withUnsafeBytes { try file.write(raw: $0) }
        try file.commit()
    }

    /// Removes the temporary files of writes under way, writes `message` to stderr and exits
    /// with `status`, without returning. Other threads that go on creating or committing an
    /// `AtomicFile` meanwhile wait until the exit. Call it from a SIGINT/SIGTERM handler that
    /// runs on a thread (a dispatch signal source), not from a raw signal handler.
    public static func exitRemovingTemporaryFiles(status: Int32, message: String) -> Never {
        pending.removeAllAndHold()
        message.utf8CString.withUnsafeBufferPointer { p in
            var written = 0
            let count = p.count - 1
            while written < count {
                let n = Foundation.write(2, p.baseAddress! + written, count - written)
                if n <= 0 { break }
                written += n
            }
        }
        _exit(status)
    }

    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FormatError.write(file: path, reason: "no such directory")
        }
        temporaryPath = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = Self.pending.create(temporaryPath)
        guard fd >= 0 else {
            throw FormatError.write(file: path, reason: "cannot create a file in \(dir): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !committed { Self.pending.discard(temporaryPath) }
    }

    public func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= flushSize { try flush() }
    }

    public func write(bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushSize { try flush() }
    }

    /// Writes a large block straight through, without copying it into the buffer.
    func write(raw: UnsafeRawBufferPointer) throws {
        try flush()
        try writeAll(raw)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw FormatError.write(file: path, reason: "already finished") }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError.write(file: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    /// Flushes, syncs and renames the temporary file over `path`.
    public func commit() throws {
        try flush()
        guard descriptor >= 0 else { throw FormatError.write(file: path, reason: "already finished") }
        let synced = fsync(descriptor) == 0
        let syncError = errno
        let closed = close(descriptor) == 0
        let closeError = errno
        descriptor = -1
        guard synced, closed else {
            throw FormatError.write(file: path, reason: String(cString: strerror(synced ? closeError : syncError)))
        }
        guard Self.pending.rename(temporaryPath, to: path) else {
            throw FormatError.write(file: path, reason: String(cString: strerror(errno)))
        }
        committed = true
    }
}
