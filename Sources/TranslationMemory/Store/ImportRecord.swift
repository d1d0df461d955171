import Foundation

/// An import's summary as tmkit's JSON shows it. `tm import --format json` (snake_case) and
/// the server's import route (camelCase) both encode this value. The CLI writes `skipped` as
/// the total, the reasons as `skipped_by_reason`, and `reimport` and `seconds` (to the
/// millisecond); the API writes `skipped` by reason and the memory's name. Decoding reads
/// either spelling.
public struct ImportRecord: Codable, Sendable, Hashable {
    public var summary: ImportSummary
    /// The memory imported into (API only).
    public var memory: String?
    /// How the keys are spelled when encoded (not itself encoded).
    public var keys: JSONKeyStyle

    public init(_ summary: ImportSummary, memory: String? = nil, keys: JSONKeyStyle) {
        self.summary = summary
        self.memory = memory
        self.keys = keys
    }

    private enum Key: String, CodingKey {
        case file, memory, read, added, duplicates, skipped, reimport, seconds
        case skippedByReason = "skipped_by_reason"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let s = summary
        try c.encode(s.file, forKey: .file)
        try c.encode(s.read, forKey: .read)
        try c.encode(s.added, forKey: .added)
        try c.encode(s.duplicates, forKey: .duplicates)
        switch keys {
        case .snakeCase:
            try c.encode(s.skippedTotal, forKey: .skipped)
            try c.encode(s.skipped, forKey: .skippedByReason)
            try c.encode(s.reimport, forKey: .reimport)
            try c.encodeIfPresent(s.seconds.map { ($0 * 1000).rounded() / 1000 }, forKey: .seconds)
        case .camelCase:
            try c.encodeIfPresent(memory, forKey: .memory)
            try c.encode(s.skipped, forKey: .skipped)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var s = ImportSummary(file: try c.decode(String.self, forKey: .file))
        s.read = try c.decode(Int.self, forKey: .read)
        s.added = try c.decode(Int.self, forKey: .added)
        s.duplicates = try c.decode(Int.self, forKey: .duplicates)
        if let byReason = try c.decodeIfPresent([String: Int].self, forKey: .skippedByReason) {
            keys = .snakeCase
            s.skipped = byReason
            s.reimport = try c.decodeIfPresent(Bool.self, forKey: .reimport) ?? false
            s.seconds = try c.decodeIfPresent(Double.self, forKey: .seconds)
        } else {
            keys = .camelCase
            s.skipped = try c.decodeIfPresent([String: Int].self, forKey: .skipped) ?? [:]
        }
        memory = try c.decodeIfPresent(String.self, forKey: .memory)
        summary = s
    }
}
