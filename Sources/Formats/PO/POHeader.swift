import TMCore

/// The header entry's fields (`Language`, `Content-Type`, `Plural-Forms`...) as a translator's
/// tool leaves them: what a template (`.pot`) or a legacy-charset catalog says is made true for
/// the output.
public struct POHeader: Sendable {
    /// The header text, one `Name: value` field per line.
    public private(set) var fields: [String]

    public init(_ msgstr: String) {
        fields = msgstr.components(separatedBy: "\n")
    }

    public var text: String { fields.joined(separator: "\n") }

    /// The value of field `name` (case-insensitive), trimmed; nil when absent.
    public func value(_ name: String) -> String? {
        index(name).map { value(at: $0) }
    }

    /// The catalog's plural forms when the header declares real ones.
    public var pluralForms: POPluralForms? { value("Plural-Forms").flatMap { POPluralForms(header: $0) } }

    /// Sets field `name`, adding it at the end when absent.
    public mutating func set(_ name: String, _ value: String) {
        if let i = index(name) {
            fields[i] = "\(name): \(value)"
        } else {
            let at = fields.last == "" ? fields.count - 1 : fields.count
            fields.insert("\(name): \(value)", at: at)
        }
    }

    /// Fills what a template leaves open for `language`: an empty `Language`, a `charset=CHARSET`
    /// or legacy charset (the output is UTF-8), and a placeholder or missing `Plural-Forms` when
    /// `needsPlurals` (gettext's table gives the value). Returns whether anything changed.
    @discardableResult
    public mutating func complete(for language: LanguageTag, legacyCharset: String?, needsPlurals: Bool) -> Bool {
        let before = fields
        if (value("Language") ?? "").isEmpty { set("Language", language.code) }
        if let i = index("Content-Type") {
            var v = value(at: i)
            if let r = v.range(of: "charset=") {
                let name = v[r.upperBound...].prefix { !$0.isWhitespace && $0 != ";" }
                if name == "CHARSET" || (legacyCharset != nil && name.lowercased() == legacyCharset!.lowercased()) {
                    v.replaceSubrange(r.upperBound..<(v.index(r.upperBound, offsetBy: name.count)), with: "UTF-8")
                    fields[i] = "Content-Type: \(v)"
                }
            }
        }
        let declared = value("Plural-Forms")
        if pluralForms == nil && (needsPlurals || declared != nil), let forms = POPluralForms(language: language) {
            set("Plural-Forms", forms.headerValue)
        }
        return fields != before
    }

    private func index(_ name: String) -> Int? {
        let lower = name.lowercased()
        return fields.firstIndex { f in
            guard let colon = f.firstIndex(of: ":") else { return false }
            return f[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == lower
        }
    }

    private func value(at i: Int) -> String {
        let f = fields[i]
        guard let colon = f.firstIndex(of: ":") else { return "" }
        return f[f.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}
