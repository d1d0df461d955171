import Foundation

/// A file written through a temporary file in the same directory, flushed to disk and renamed
/// into place on `commit()`, so readers never see a half-written file and a crash or Ctrl-C
/// never leaves one. Abandoned (not committed) output is removed; `removeTemporaryFiles()`
/// removes those of writes under way (from a SIGINT/SIGTERM handler). The one atomic writer:
/// TMX, PO, pre-translated documents and reports all go through it.
public final class AtomicFile {
    public let path: String
    let temporaryPath: String
    private static let pending = PendingFiles()
    private var handle: FileHandle?
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
        try file.write(bytes: data)
        try file.commit()
    }

    /// Removes the temporary files of writes under way (call from a SIGINT/SIGTERM handler).
    public static func removeTemporaryFiles() { pending.removeAll() }

    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FormatError.write(file: path, reason: "no such directory")
        }
        temporaryPath = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let h = FileHandle(forWritingAtPath: temporaryPath) else {
            throw FormatError.write(file: path, reason: "cannot create a file in \(dir)")
        }
        handle = h
        Self.pending.add(temporaryPath)
    }

    deinit {
        if !committed {
            try? handle?.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
        Self.pending.remove(temporaryPath)
    }

    public func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= flushSize { try flush() }
    }

    public func write(bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushSize { try flush() }
    }

    private func flush() throws {
        guard let handle else { throw FormatError.write(file: path, reason: "already finished") }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw FormatError.write(file: path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the temporary file over `path`.
    public func commit() throws {
        try flush()
        guard let handle else { throw FormatError.write(file: path, reason: "already finished") }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw FormatError.write(file: path, reason: error.localizedDescription)
        }
        self.handle = nil
        guard rename(temporaryPath, path) == 0 else {
            throw FormatError.write(file: path, reason: String(cString: strerror(errno)))
        }
        committed = true
        Self.pending.remove(temporaryPath)
    }
}

/// Temporary files being written, so an interrupt can remove them.
private final class PendingFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []

    func add(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }

    func remove(_ path: String) {
        lock.lock()
        paths.remove(path)
        lock.unlock()
    }

    func removeAll() {
        lock.lock()
        for p in paths { unlink(p) }
        paths.removeAll()
        lock.unlock()
    }
}
