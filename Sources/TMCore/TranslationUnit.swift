import Foundation

/// One translation: a source text, its target text, their languages and metadata,
/// as TMX, PO, XLIFF and TSV carry it.
public struct TranslationUnit: Sendable, Hashable {
    public var source: String
    public var target: String
    public var sourceLanguage: LanguageTag
    public var targetLanguage: LanguageTag
    /// The unit's id in its file (TMX `tuid`, XLIFF `id`, PO msgctxt+msgid hash...), if any.
    public var id: String?
    /// Context, such as a PO `msgctxt` or an XLIFF `resname`.
    public var context: String?
    public var created: Date?
    public var changed: Date?
    public var creator: String?
    public var changer: String?
    /// Properties in file order (TMX `<prop type="...">`).
    public var properties: [Property]
    public var notes: [String]
    /// Where the unit was read, for messages.
    public var location: SourceLocation?

    public init(
        source: String, target: String, sourceLanguage: LanguageTag, targetLanguage: LanguageTag,
        id: String? = nil, context: String? = nil, created: Date? = nil, changed: Date? = nil,
        creator: String? = nil, changer: String? = nil, properties: [Property] = [], notes: [String] = [],
        location: SourceLocation? = nil
    ) {
        self.source = source
        self.target = target
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.id = id
        self.context = context
        self.created = created
        self.changed = changed
        self.creator = creator
        self.changer = changer
        self.properties = properties
        self.notes = notes
        self.location = location
    }

    /// A named property value.
    public struct Property: Sendable, Hashable, Codable {
        public var type: String
        public var value: String
        public init(type: String, value: String) {
            self.type = type
            self.value = value
        }
    }
}

/// A position in a file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)" }
}
