import TMCore

/// One entry of a bilingual glossary: a term, its translation, and what is known about them.
public struct GlossaryEntry: Sendable, Hashable, Codable {
    /// A sentence pair that shows the entry in use.
    public struct Example: Sendable, Hashable, Codable {
        public var source: String
        public var target: String
        public init(source: String, target: String) {
            self.source = source
            self.target = target
        }
    }

    /// Alignment statistics of an entry built from parallel text.
    public struct Statistics: Sendable, Hashable, Codable {
        /// Occurrences of the source term aligned to the target.
        public var count: Int
        public var sourceCount: Int
        public var targetCount: Int
        public init(count: Int, sourceCount: Int, targetCount: Int) {
            self.count = count
            self.sourceCount = sourceCount
            self.targetCount = targetCount
        }
    }

    public var source: String
    public var target: String
    /// 0...1, higher is surer (1 for entries a person made).
    public var score: Double
    public var note: String?
    public var statistics: Statistics?
    public var examples: [Example]

    public init(source: String, target: String, score: Double = 1, note: String? = nil,
                statistics: Statistics? = nil, examples: [Example] = []) {
        self.source = source
        self.target = target
        self.score = score
        self.note = note
        self.statistics = statistics
        self.examples = examples
    }
}

/// A bilingual glossary: entries from a source language to a target language.
public struct Glossary: Sendable, Hashable {
    public var sourceLanguage: LanguageTag
    public var targetLanguage: LanguageTag
    public var entries: [GlossaryEntry]
    /// Where it came from or what it is (written to the TBX header).
    public var title: String

    public init(sourceLanguage: LanguageTag, targetLanguage: LanguageTag, entries: [GlossaryEntry] = [], title: String = "tmkit glossary") {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.entries = entries
        self.title = title
    }
}
