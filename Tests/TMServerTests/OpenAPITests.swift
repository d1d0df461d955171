import Foundation
import Testing
@testable import TMServer

/// The routes the server registers are exactly the operations openapi.json describes.
@Suite struct OpenAPITests {
    static let documentPath = Tool.root.appendingPathComponent("Sources/TMServer/Resources/openapi.json").path

    static func documented() throws -> Set<String> {
        let data = try Data(contentsOf: URL(fileURLWithPath: documentPath))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        var out = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                out.insert("\(method.uppercased()) \(path)")
            }
        }
        return out
    }

    static func registered() -> Set<String> {
        let folder = Tool.temporaryDirectory()
        let config = ServerConfiguration(
            backend: SQLiteBackend(paths: [(name: "default", path: folder + "/m.sqlite")]),
            tokens: FileTokenStore(path: folder + "/tokens.json"))
        let router = TMServerApp.router(config)
        return Set(router.routes.map { route in
            let path = "\(route.path)".split(separator: "/").map { c -> String in
                c.hasPrefix(":") ? "{\(c.dropFirst())}" : String(c)
            }.joined(separator: "/")
            return "\(route.method.rawValue) /\(path)"
        })
    }

    @Test func routesMatchTheDocument() throws {
        let documented = try Self.documented()
        let registered = Self.registered()
        #expect(registered.subtracting(documented).sorted() == [], "routes missing from openapi.json")
        #expect(documented.subtracting(registered).sorted() == [], "operations in openapi.json the server lacks")
        #expect(registered.count >= 20)
    }

    @Test func everyOperationHasAnIDAndResponses() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.documentPath))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var ids = Set<String>()
        for (path, operations) in try #require(doc["paths"] as? [String: [String: Any]]) {
            for (method, op) in operations {
                let op = try #require(op as? [String: Any], "\(method) \(path)")
                let id = try #require(op["operationId"] as? String, "\(method) \(path) has no operationId")
                #expect(ids.insert(id).inserted, "operationId \(id) twice")
                #expect((op["responses"] as? [String: Any])?.isEmpty == false, "\(method) \(path) has no responses")
            }
        }
    }
}
