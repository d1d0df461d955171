import Foundation

/// A file written through a temporary file in the same directory and renamed into place on
/// `commit()`, so readers never see a half-written file. Abandoned (not committed) output is removed.
final class AtomicFile {
    let path: String
    let temporaryPath: String
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private let flushSize = 1 << 16
    private var committed = false

    init(path: String) throws {
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
    }

    deinit {
        if !committed {
            try? handle?.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= flushSize { try flush() }
    }

    func write(bytes: some Sequence<UInt8>) throws {
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
    func commit() throws {
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
    }
}
