import Foundation

/// How far a term is approved: TBX-Basic's `administrativeStatus` (preferred, admitted,
/// deprecated, superseded) plus `candidate`, a machine-built term nobody has reviewed.
public enum TermStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case preferred, admitted, candidate, deprecated, superseded

    /// The TBX picklist value (`preferredTerm-admn-sts`); nil for `candidate`, which TBX-Basic
    /// has no value for (tmkit writes it in its `tmkit-alignment:` note).
    public var tbxValue: String? {
        self == .candidate ? nil : rawValue + "Term-admn-sts"
    }

    /// Reads a TBX picklist value or a plain name (`preferredTerm-admn-sts`, `preferred`,
    /// `admittedTerm`); nil when the value is not one of them.
    public init?(tbx value: String) {
        var v = value.trimmingSpaces()
        if v.hasSuffix("-admn-sts") { v.removeLast("-admn-sts".count) }
        if v.hasSuffix("Term") { v.removeLast("Term".count) }
        guard let s = TermStatus(rawValue: v.lowercased()) else { return nil }
        self = s
    }

    /// Whether a term with this status may be offered as a translation (spot, pretranslate).
    public var isUsable: Bool { self != .deprecated && self != .superseded }

    /// Ranking order: preferred, admitted, candidate, deprecated, superseded.
    var rank: Int {
        switch self {
        case .preferred: return 0
        case .admitted: return 1
        case .candidate: return 2
        case .deprecated: return 3
        case .superseded: return 4
        }
    }

    public static func < (a: TermStatus, b: TermStatus) -> Bool { a.rank < b.rank }
}

/// TBX-Basic's part-of-speech picklist.
public enum PartOfSpeech: String, Sendable, Hashable, Codable, CaseIterable {
    case noun, verb, adjective, adverb, properNoun, other

    /// Reads a picklist value (case-insensitive; `proper noun` and `proper-noun` accepted).
    public init?(tbx value: String) {
        let v = value.trimmingSpaces().lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" }
        guard let p = Self.allCases.first(where: { $0.rawValue.lowercased() == v }) else { return nil }
        self = p
    }
}
