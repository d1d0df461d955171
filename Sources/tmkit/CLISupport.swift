import ArgumentParser
import Foundation
import TMCore

/// Prints `error` as one line on stderr, prefixed with `tmkit: `, and exits with `code`.
func fail(_ error: Error, code: Int32 = 1) -> Never {
    let message = "\(error)"
    FileHandle.standardError.write(Data("tmkit: \(message)\n".utf8))
    exit(code)
}

/// Buffered writes to standard output.
struct OutputBuffer {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { p in
            var offset = 0
            while offset < p.count {
                let n = Foundation.write(1, p.baseAddress! + offset, p.count - offset)
                if n <= 0 { exit(n < 0 && errno == EPIPE ? 0 : 1) }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A usage or input error reported by a command, as one line.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Parses a `--source-lang`/`--target-lang` value: a well-formed tag of a known language.
func languageOption(_ code: String?, _ flag: String) -> LanguageTag? {
    guard let code else { return nil }
    guard let tag = LanguageTag(code), tag.isKnownLanguage else {
        fail(CLIError("\(flag) \(code): unknown language code"))
    }
    return tag
}

/// Whether stderr is a terminal (progress is shown only then).
var stderrIsTerminal: Bool { isatty(2) == 1 }

/// Whether standard output may carry terminal styling: a terminal, and no `NO_COLOR` (https://no-color.org).
var stdoutStyled: Bool {
    guard isatty(1) == 1 else { return false }
    if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
    return ProcessInfo.processInfo.environment["TERM"] != "dumb"
}
