import CICU
import Foundation

/// An ICU break iterator (sentence or word) behind tmkit's C target.
///
/// Not thread-safe: use `BreakIterator.sentences()` / `.words()`, which hand out one
/// iterator per thread.
final class BreakIterator {
    enum Kind: Int32 { case sentence = 0, word = 1 }

    private let handle: OpaquePointer

    init(kind: Kind, locale: String) throws {
        var error = [CChar](repeating: 0, count: 64)
        guard let h = tm_break_open(kind.rawValue, locale, &error, Int32(error.count)) else {
            throw SegmentationError.icu(what: "break iterator \(kind) for \(locale)", code: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        handle = h
    }

    deinit { tm_break_close(handle) }

    /// Every boundary after 0 in `units`, with ICU's rule status for each.
    func boundaries(_ units: UnsafeBufferPointer<UInt16>, statuses wantStatuses: Bool = false) -> (boundaries: [Int32], statuses: [Int32]) {
        guard let base = units.baseAddress, units.count > 0 else { return ([], []) }
        _ = tm_break_set_text(handle, base, Int32(units.count))
        let cap = units.count + 1
        var bounds = [Int32](repeating: 0, count: cap)
        var stats = [Int32](repeating: 0, count: wantStatuses ? cap : 0)
        let n: Int32 = bounds.withUnsafeMutableBufferPointer { b in
            if wantStatuses {
                return stats.withUnsafeMutableBufferPointer { s in
                    tm_break_all(handle, b.baseAddress, s.baseAddress, Int32(cap))
                }
            }
            return tm_break_all(handle, b.baseAddress, nil, Int32(cap))
        }
        bounds.removeSubrange(Int(n)...)
        if wantStatuses { stats.removeSubrange(Int(n)...) }
        return (bounds, stats)
    }

    // MARK: One iterator of each kind per thread

    private static let sentenceKey = "tmkit.icu.sentence"
    private static let wordKey = "tmkit.icu.word"

    /// This thread's sentence iterator (`en@ss=standard`: ICU's abbreviation suppressions on).
    static func sentences() -> BreakIterator { cached(sentenceKey, .sentence, "en@ss=standard") }
    /// This thread's word iterator.
    static func words() -> BreakIterator { cached(wordKey, .word, "en") }

    private static func cached(_ key: String, _ kind: Kind, _ locale: String) -> BreakIterator {
        let dict = Thread.current.threadDictionary
        if let it = dict[key] as? BreakIterator { return it }
        // ICU's root data ships with libicu; failing to open it means ICU itself is broken.
        guard let it = try? BreakIterator(kind: kind, locale: locale) else {
            fatalError("tmkit: ICU could not open a \(kind) break iterator; is libicu installed correctly?")
        }
        dict[key] = it
        return it
    }
}
