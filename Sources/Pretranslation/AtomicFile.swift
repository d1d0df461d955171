import Foundation

/// Writes files so that a crash or Ctrl-C never leaves a half-written one: the data goes to a
/// temporary file in the same folder, is flushed to disk, and is renamed over the target.
public enum AtomicFile {
    private static let pending = PendingFiles()

    /// Writes `data` to `path`, creating the folders it needs.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PretranslationError.unwritable(file: path, reason: "cannot create the folder \(folder)")
        }
        let temp = pending.add(folder: folder, name: url.lastPathComponent)
        defer { pending.remove(temp) }
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PretranslationError.unwritable(file: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil && rename(temp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw PretranslationError.unwritable(file: path, reason: failure)
        }
    }

    /// Removes the temporary files of writes under way (call from a SIGINT/SIGTERM handler).
    public static func removeTemporaryFiles() { pending.removeAll() }
}

/// Temporary files being written, so an interrupt can remove them.
private final class PendingFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []
    private var counter = 0

    func add(folder: String, name: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        let path = "\(folder)/.\(name).tmkit-\(getpid())-\(counter).tmp"
        paths.insert(path)
        return path
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
