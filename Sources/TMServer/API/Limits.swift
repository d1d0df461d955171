/// What one request may ask; beyond it the server answers 413 (body) or 400 (the rest) with a JSON error.
public struct Limits: Sendable {
    /// Bytes of an uploaded file (import).
    public var maxUploadBytes = 256 << 20
    /// Bytes of a JSON request body.
    public var maxJSONBytes = 1 << 20
    /// Characters of one query (lookup, concordance, glossary, Weblate's text).
    public var maxQueryLength = 2_000
    /// Characters of a text to spot glossary terms in.
    public var maxSpotLength = 100_000
    /// Queries in one batch lookup.
    public var maxBatch = 100
    /// The most matches or hits one query may ask for.
    public var maxResults = 100

    public init() {}
}
