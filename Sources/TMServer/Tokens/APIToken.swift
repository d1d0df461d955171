import Crypto
import Foundation
import PostgresStore

/// What a token allows. Each scope includes the ones before it.
public enum TokenScope: String, Sendable, Comparable, CaseIterable {
    /// Lookups, concordance, export, stats, glossary lookup and spotting.
    case read
    /// Also import, entry edits and deletes.
    case write
    /// Also tokens: create, list, revoke.
    case admin

    public static func < (a: TokenScope, b: TokenScope) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// An API token as stored: an id anyone may see, the SHA-256 of the secret (never the secret),
/// a scope, and optionally the one memory it may see.
public struct APIToken: Sendable, Hashable {
    public var id: String
    public var hash: String
    public var scope: TokenScope
    public var memory: String?
    public var label: String?
    public var created: Date
    public var revoked: Date?

    /// A new token and its secret (`tmk_` + id + `_` + 48 hex digits), which is shown once.
    public static func generate(scope: TokenScope, memory: String?, label: String?) -> (token: APIToken, secret: String) {
        var rng = SystemRandomNumberGenerator()
        let hex = { (n: Int) in (0..<n).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined() }
        let id = hex(4)
        let secret = "tmk_\(id)_\(hex(24))"
        return (APIToken(id: id, hash: Self.hash(secret), scope: scope, memory: memory, label: label, created: Date(), revoked: nil), secret)
    }

    /// Hex SHA-256 of a presented secret.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether this token may act on `memory` (nil: an action on no memory in particular).
    func sees(_ memory: String?) -> Bool {
        guard let own = self.memory, let memory else { return true }
        return own == memory
    }

    init(id: String, hash: String, scope: TokenScope, memory: String?, label: String?, created: Date, revoked: Date?) {
        self.id = id
        self.hash = hash
        self.scope = scope
        self.memory = memory
        self.label = label
        self.created = created
        self.revoked = revoked
    }

    init?(_ row: TokenRow) {
        guard let scope = TokenScope(rawValue: row.scope) else { return nil }
        self.init(id: row.id, hash: row.hash, scope: scope, memory: row.memory, label: row.label, created: row.created, revoked: row.revoked)
    }

    var row: TokenRow { TokenRow(id: id, hash: hash, scope: scope.rawValue, memory: memory, label: label, created: created, revoked: revoked) }

    var payload: TokenPayload {
        TokenPayload(id: id, scope: scope.rawValue, memory: memory, label: label, created: created, revoked: revoked, token: nil)
    }
}
