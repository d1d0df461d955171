import ArgumentParser
import Foundation
import TMCore

/// Prints `error` as one line on stderr, prefixed with `tmkit: `, and exits with `code`.
func fail(_ error: Error, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("tmkit: \(oneLine("\(error)"))\n".utf8))
    exit(code)
}

/// `message` made safe for one line of a terminal: control characters and line separators
/// (which an error may quote from a damaged input) are written as `\n`, `\r` or `\u{1E}`.
func oneLine(_ message: String) -> String {
    guard message.unicodeScalars.contains(where: needsEscape) else { return message }
    var out = String.UnicodeScalarView()
    for u in message.unicodeScalars {
        guard needsEscape(u) else { out.append(u); continue }
        let escaped: String
        switch u {
        case "\n": escaped = "\\n"
        case "\r": escaped = "\\r"
        default: escaped = "\\u{\(String(u.value, radix: 16, uppercase: true))}"
        }
        out.append(contentsOf: escaped.unicodeScalars)
    }
    return String(out)
}

private func needsEscape(_ u: Unicode.Scalar) -> Bool {
    (u.value < 0x20 && u != "\t") || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
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
