import Dispatch
import Formats
import Foundation
import Pretranslation

/// Removes temporary output files on Ctrl-C or SIGTERM, then exits 130 / 143.
///
/// The handler runs on a dispatch queue, not in signal context, so it may take locks:
/// `AtomicFile.exitRemovingTemporaryFiles` stops every other writer before it cleans up.
enum InterruptCleanup {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            // Ignored first: libdispatch then installs its own handler when it registers the
            // source (after resume); ignoring afterwards could undo it and lose the signal.
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                AtomicFile.exitRemovingTemporaryFiles(status: 128 + sig, message: "\ntmkit: interrupted; no partial output was left\n")
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// A progress bar on stderr (only made when stderr is a terminal).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let unit: String
    private let lock = NSLock()
    private var lastDrawn = 0.0

    init(label: String, unit: String = "segments") {
        self.label = label
        self.unit = unit
    }

    func update(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date().timeIntervalSince1970
        guard done == total || now - lastDrawn > 0.1 else { return }
        lastDrawn = now
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let line = "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(done)/\(total) \(unit)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if lastDrawn > 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
