import Foundation
import Segmentation
import TMCore

/// A unit analysed for storing, as any store writes it: the analysis blob, keys hash and
/// index terms of each side, and the hash that identifies the pair. The SQLite import and
/// the PostgreSQL store (PostgresStore) both store exactly this.
package struct PreparedUnit: Sendable {
    package var unit: TranslationUnit
    package var sourceTokens: [UInt8]
    package var targetTokens: [UInt8]
    package var sourceKeysHash: Int64
    package var targetKeysHash: Int64
    package var sourceTerms: [Int64]
    package var targetTerms: [Int64]
    /// Hash of the languages, source, target and context.
    package var pairHash: Int64 { ImportWriter.pairHash(unit) }

    init(_ a: AnalyzedUnit) {
        unit = a.unit
        sourceTokens = a.sourceBlob
        targetTokens = a.targetBlob
        sourceKeysHash = a.sourceKeysHash
        targetKeysHash = a.targetKeysHash
        sourceTerms = a.sourceTerms
        targetTerms = a.targetTerms
    }

    /// Analyses `units` on all cores; the result is in unit order.
    package static func prepare(_ units: [TranslationUnit], segmenter: Segmenter) -> [PreparedUnit] {
        let pending = PendingAnalysis(units, counts: Array(repeating: 1, count: units.count), cached: Array(repeating: (nil, nil), count: units.count), segmenter: segmenter)
        return pending.wait().map(PreparedUnit.init)
    }

    /// Why a unit is not stored at all (empty source or target), or nil.
    package static func skipReason(_ unit: TranslationUnit) -> String? {
        if ImportWriter.isBlank(unit.source) { return "empty source" }
        if ImportWriter.isBlank(unit.target) { return "empty target" }
        return nil
    }
}
