internal import CXML

/// Validation against a W3C XML Schema with libxml2, reading the schema and what it imports
/// from the schema's own folder only (the W3C `xml.xsd` by URL as `xml.xsd` there), never
/// from the network.
///
/// ```swift
/// if let problem = try XMLSchemaValidator.problems(in: "out/a.xlf", schema: "xliff-core-1.2-strict.xsd") {
///     print(problem)   // "out/a.xlf:12: Element '…target': …"
/// }
/// ```
public enum XMLSchemaValidator {
    /// Nil when `document` is valid against `schema`; else the first error (`file:line: text`)
    /// and how many there are. Throws when the schema or the document cannot be read or parsed.
    public static func problems(in document: String, schema: String) throws -> String? {
        var buffer = [CChar](repeating: 0, count: 1024)
        var errors: Int32 = 0
        let rc = tm_xml_validate(schema, document, &buffer, Int32(buffer.count), &errors)
        let first = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch rc {
        case 0: return nil
        case 1: return errors > 1 ? "\(first) (and \(errors - 1) more)" : first
        default: throw FormatError.unreadable(file: document, reason: "schema validation could not run: \(first)")
        }
    }
}
