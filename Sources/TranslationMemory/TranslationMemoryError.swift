/// Errors of the TranslationMemory module.
public enum TranslationMemoryError: Error, CustomStringConvertible, Sendable {
    case store(path: String, reason: String)

    public var description: String {
        switch self {
        case let .store(path, reason): return "\(path): \(reason)"
        }
    }
}
