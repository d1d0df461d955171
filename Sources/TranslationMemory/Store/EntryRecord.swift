import Foundation
import TMCore

/// How tmkit's JSON names its keys: the CLI writes `snake_case` (`source_lang`), the server's
/// API (see its openapi.json) `camelCase` (`sourceLanguage`).
public enum JSONKeyStyle: Sendable, Hashable {
    case snakeCase, camelCase
}

/// An entry as tmkit's JSON shows it. The CLI (`tm show`, `tm list`, `tm edit`) and the
/// server's entry routes both encode this value; `keys` picks their spelling. The CLI writes
/// the id as a string and every field the store keeps (`seen`, `imported`, `origins`); the API
/// writes the id as a number and the unit's own fields. Dates are ISO 8601 (UTC) either way.
/// Decoding reads either spelling.
public struct EntryRecord: Codable, Sendable, Hashable {
    public var id: Int64
    public var source: String
    public var target: String
    public var sourceLanguage: String
    public var targetLanguage: String
    public var context: String?
    public var tuid: String?
    public var created: Date?
    public var changed: Date?
    public var creator: String?
    public var changer: String?
    /// When the store first had it (CLI only).
    public var imported: Date?
    /// How many times the imports saw it (CLI only).
    public var seen: Int?
    public var notes: [String]
    public var properties: [TranslationUnit.Property]
    /// The files it came from (CLI only, when asked for).
    public var origins: [EntryOrigin]?
    /// How the keys are spelled when encoded (not itself encoded).
    public var keys: JSONKeyStyle

    /// A unit with its id, as the API shows it (`keys`: camelCase unless told).
    public init(id: Int64, unit u: TranslationUnit, keys: JSONKeyStyle = .camelCase) {
        self.id = id
        source = u.source
        target = u.target
        sourceLanguage = u.sourceLanguage.code
        targetLanguage = u.targetLanguage.code
        context = u.context
        tuid = u.id
        created = u.created
        changed = u.changed
        creator = u.creator
        changer = u.changer
        notes = u.notes
        properties = u.properties
        self.keys = keys
    }

    /// A stored entry with what the store knows about it, as the CLI shows it.
    public init(_ e: TMEntry, origins: Bool, keys: JSONKeyStyle = .snakeCase) {
        self.init(id: e.id, unit: e.unit, keys: keys)
        imported = e.imported
        seen = e.seen
        self.origins = origins ? e.origins : nil
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(_ camel: String, _ style: JSONKeyStyle) {
            stringValue = style == .camelCase ? camel : (Self.snake[camel] ?? camel)
        }
        static let snake = ["sourceLanguage": "source_lang", "targetLanguage": "target_lang"]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        func k(_ name: String) -> Key { Key(name, keys) }
        if keys == .snakeCase { try c.encode(String(id), forKey: k("id")) } else { try c.encode(id, forKey: k("id")) }
        try c.encode(source, forKey: k("source"))
        try c.encode(target, forKey: k("target"))
        try c.encode(sourceLanguage, forKey: k("sourceLanguage"))
        try c.encode(targetLanguage, forKey: k("targetLanguage"))
        try c.encodeIfPresent(context, forKey: k("context"))
        try c.encodeIfPresent(tuid, forKey: k("tuid"))
        try c.encodeIfPresent(created.map(Self.date), forKey: k("created"))
        try c.encodeIfPresent(changed.map(Self.date), forKey: k("changed"))
        try c.encodeIfPresent(creator, forKey: k("creator"))
        try c.encodeIfPresent(changer, forKey: k("changer"))
        try c.encodeIfPresent(imported.map(Self.date), forKey: k("imported"))
        try c.encodeIfPresent(seen, forKey: k("seen"))
        try c.encode(notes, forKey: k("notes"))
        try c.encode(properties, forKey: k("properties"))
        try c.encodeIfPresent(origins, forKey: k("origins"))
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let style: JSONKeyStyle = c.contains(Key(stringValue: "sourceLanguage")) ? .camelCase : .snakeCase
        keys = style
        func k(_ name: String) -> Key { Key(name, style) }
        if let n = try? c.decode(Int64.self, forKey: k("id")) {
            id = n
        } else if let n = Int64(try c.decode(String.self, forKey: k("id"))) {
            id = n
        } else {
            throw DecodingError.dataCorruptedError(forKey: k("id"), in: c, debugDescription: "not an entry id")
        }
        source = try c.decode(String.self, forKey: k("source"))
        target = try c.decode(String.self, forKey: k("target"))
        sourceLanguage = try c.decode(String.self, forKey: k("sourceLanguage"))
        targetLanguage = try c.decode(String.self, forKey: k("targetLanguage"))
        context = try c.decodeIfPresent(String.self, forKey: k("context"))
        tuid = try c.decodeIfPresent(String.self, forKey: k("tuid"))
        func date(_ name: String) throws -> Date? {
            guard let s = try c.decodeIfPresent(String.self, forKey: k(name)) else { return nil }
            guard let d = Self.parseDate(s) else {
                throw DecodingError.dataCorruptedError(forKey: k(name), in: c, debugDescription: "not an ISO 8601 date: \(s)")
            }
            return d
        }
        created = try date("created")
        changed = try date("changed")
        creator = try c.decodeIfPresent(String.self, forKey: k("creator"))
        changer = try c.decodeIfPresent(String.self, forKey: k("changer"))
        imported = try date("imported")
        seen = try c.decodeIfPresent(Int.self, forKey: k("seen"))
        notes = try c.decodeIfPresent([String].self, forKey: k("notes")) ?? []
        properties = try c.decodeIfPresent([TranslationUnit.Property].self, forKey: k("properties")) ?? []
        origins = try c.decodeIfPresent([EntryOrigin].self, forKey: k("origins"))
    }

    /// A date as tmkit's JSON writes it: ISO 8601 in UTC, to the second (`2024-05-31T12:00:00Z`).
    public static func date(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }

    static func parseDate(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }
}
