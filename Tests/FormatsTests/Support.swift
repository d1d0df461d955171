import Foundation
import Testing
@testable import Formats
import TMCore

/// The path of a fixture file in Fixtures/.
func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!.path
}

/// A fresh temporary directory, removed when the value goes away.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "tmkit-formats-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` (UTF-8) to `name` in the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Data(text.utf8)) }

    @discardableResult
    func write(_ name: String, _ data: Data) -> String {
        let p = path + "/" + name
        FileManager.default.createFile(atPath: p, contents: data)
        return p
    }
}

/// Reads all units of `path` with its registered reader.
func readAll(_ path: String, _ options: ReadOptions = .init()) throws -> ([TranslationUnit], ReadSummary) {
    let reader = try #require(FormatRegistry.reader(for: path))
    return try reader.readAll(path, options: options)
}

/// The error thrown by `body`, as a FormatError (nil if none or another type).
func formatError(_ body: () throws -> Void) -> FormatError? {
    do { try body() } catch let e as FormatError { return e } catch { return nil }
    return nil
}

/// The position a FormatError names, as "line:column".
func position(_ e: FormatError?) -> String? {
    switch e {
    case let .malformedXML(_, l, c, _), let .malformed(_, l, c, _), let .language(_, l, c, _, _), let .invalidUTF8InLine(_, l, c):
        return "\(l):\(c)"
    default: return nil
    }
}

let en = LanguageTag.english
let ko = LanguageTag.korean
