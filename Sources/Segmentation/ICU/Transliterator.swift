import CICU
import Foundation

/// An ICU transliterator, for example `Hangul-Latin` (`트럼프` -> `teuleompeu`).
///
/// Not thread-safe; create one per thread or task.
public final class Transliterator {
    private let handle: OpaquePointer
    public let id: String

    /// Opens the transliterator with ICU id `id`.
    public init(id: String) throws {
        var error = [CChar](repeating: 0, count: 64)
        guard let h = tm_translit_open(id, &error, Int32(error.count)) else {
            throw SegmentationError.icu(what: "transliterator \(id)", code: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        handle = h
        self.id = id
    }

    deinit { tm_translit_close(handle) }

    /// The transliteration of `text`.
    public func callAsFunction(_ text: String) -> String {
        let input = Array(text.utf16)
        if input.isEmpty { return "" }
        var cap = input.count * 4 + 16
        while true {
            var out = [UInt16](repeating: 0, count: cap)
            let n = tm_translit_apply(handle, input, Int32(input.count), &out, Int32(cap))
            if n < 0 { return text }
            if Int(n) <= cap { return String(decoding: out[0..<Int(n)], as: UTF16.self) }
            cap = Int(n) + 16
        }
    }
}

/// ICU's version, for `tmkit --version`.
public var icuVersion: String {
    var buf = [CChar](repeating: 0, count: 32)
    tm_icu_version(&buf, 32)
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
