import Foundation
import TMCore

/// One stored entry with everything the store knows about it.
public struct TMEntry: Sendable, Hashable {
    public var id: Int64
    public var unit: TranslationUnit
    /// How many times the imports saw it (the sum over `origins`).
    public var seen: Int
    /// When it was first stored (nil for entries of stores older than schema 2).
    public var imported: Date?
    /// The files it came from, with how many times each had it.
    public var origins: [EntryOrigin]

    /// The date the recency order and the date filters use: changed, else created, else imported.
    public var date: Date? { unit.changed ?? unit.created ?? imported }
}

/// Which entries a list, export or delete covers. Every field that is set must hold.
public struct TMFilter: Sendable, Hashable {
    /// Source language (`en` also matches `en-US`).
    public var sourceLanguage: LanguageTag?
    public var targetLanguage: LanguageTag?
    /// Entries dated (changed, else created, else imported) at or after `since`, before `until`.
    public var since: Date?
    public var until: Date?
    /// Creator or last changer.
    public var user: String?
    /// Linked to this file: an absolute path, or a name that ends the stored path (`memory.tmx`).
    public var origin: String?
    /// Has a property of this type (`x-package`), with this value when `propertyValue` is set.
    public var propertyType: String?
    public var propertyValue: String?
    /// Source or target contains this text (case-insensitive for ASCII letters).
    public var text: String?

    public init(sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil, since: Date? = nil, until: Date? = nil,
                user: String? = nil, origin: String? = nil, propertyType: String? = nil, propertyValue: String? = nil,
                text: String? = nil) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.since = since
        self.until = until
        self.user = user
        self.origin = origin
        self.propertyType = propertyType
        self.propertyValue = propertyValue
        self.text = text
    }

    /// True when no field is set (the filter covers every entry).
    public var isEmpty: Bool { self == TMFilter() }

    /// The SQL condition over table `entry` and its bindings, in order.
    func sql() -> (String, [String]) {
        var clauses: [String] = []
        var args: [String] = []
        func language(_ column: String, _ tag: LanguageTag) {
            if tag.code.contains("-") {
                clauses.append("lower(\(column)) = lower(?)")
                args.append(tag.code)
            } else {
                clauses.append("(lower(\(column)) = lower(?) OR lower(\(column)) LIKE lower(?) || '-%')")
                args += [tag.code, tag.code]
            }
        }
        if let l = sourceLanguage { language("source_lang", l) }
        if let l = targetLanguage { language("target_lang", l) }
        let date = "coalesce(changed, created, imported)"
        if let d = since { clauses.append("\(date) >= CAST(? AS INTEGER)"); args.append(String(Int64(d.timeIntervalSince1970))) }
        if let d = until { clauses.append("\(date) < CAST(? AS INTEGER)"); args.append(String(Int64(d.timeIntervalSince1970))) }
        if let u = user { clauses.append("(creator = ? OR changer = ?)"); args += [u, u] }
        if let o = origin {
            clauses.append("""
                id IN (SELECT eo.entry FROM entry_origin eo JOIN origin o ON o.id = eo.origin
                       WHERE o.file = ? OR o.file = ? OR substr(o.file, -length(?) - 1) = '/' || ?)
                """)
            args += [o, Origin.key(for: o), o, o]
        }
        if let t = propertyType {
            let needle = propertyValue.map { "\(t)\u{1F}\($0)" } ?? "\(t)\u{1F}"
            clauses.append("instr(char(30) || properties, char(30) || ?) > 0")
            args.append(needle)
        }
        if let t = text {
            clauses.append("(instr(lower(source), lower(?)) > 0 OR instr(lower(target), lower(?)) > 0)")
            args += [t, t]
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), args)
    }

    /// Whether a decoded entry passes the checks SQL can only approximate (exact property values).
    func accepts(_ unit: TranslationUnit) -> Bool {
        guard let t = propertyType else { return true }
        return unit.properties.contains { $0.type == t && (propertyValue == nil || $0.value == propertyValue) }
    }
}

/// A change to an entry's text or notes; nil fields are left as they are.
public struct EntryChange: Sendable, Hashable {
    public var source: String?
    public var target: String?
    /// `.some(nil)` removes the context.
    public var context: String??
    /// Replaces the notes.
    public var notes: [String]?
    /// Recorded as the changer.
    public var user: String?

    public init(source: String? = nil, target: String? = nil, context: String?? = nil, notes: [String]? = nil, user: String? = nil) {
        self.source = source
        self.target = target
        self.context = context
        self.notes = notes
        self.user = user
    }

    public var isEmpty: Bool { source == nil && target == nil && context == nil && notes == nil }
}

/// What a delete did.
public struct DeleteSummary: Sendable, Hashable {
    /// Entries removed from the store.
    public var deleted = 0
    /// Entries that stayed because another file also has them (only their link to the file was removed).
    public var unlinked = 0
    public init() {}
}
