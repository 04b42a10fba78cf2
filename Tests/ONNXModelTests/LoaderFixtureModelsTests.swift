import Foundation
import Testing
@testable import ONNXModel

/// Every well-formed model under `fixtures/` (the real third-party models and the ONNX test collections;
/// `fixtures/bad/` and `fixtures/malformed/` are for the error tests) loads, and every floating-point tensor in it (initializers and
/// Constant values, subgraphs included) decodes to the right number of values.
@Suite struct LoaderFixtureModelsTests {
    static func modelPaths() -> [String] {
        let root = LoaderTestPaths.fixtures
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".onnx"), !relative.hasPrefix("bad/"), !relative.hasPrefix("malformed/") { paths.append(root + "/" + relative) }
        }
        return paths.sorted()
    }

    func tensors(_ graph: Graph) -> [Tensor] {
        var out = graph.initializers
        for node in graph.nodes {
            for attribute in node.attributes {
                switch attribute.value {
                case .tensor(let t): out.append(t)
                case .tensors(let ts): out += ts
                default: break
                }
            }
        }
        return out + graph.subgraphs.flatMap { tensors($0) }
    }

    @Test func everyFixtureModelLoads() throws {
        let paths = Self.modelPaths()
        try #require(!paths.isEmpty, "no models under \(LoaderTestPaths.fixtures)")
        let loader = ModelLoader()
        var decoded = 0
        for path in paths {
            do {
                let m = try loader.load(path: path)
                #expect(m.sha256.count == 64)
                for t in tensors(m.graph) where Tensor.isDecodable(t.elementType) {
                    #expect(try t.doubles().count == t.elementCount, "\(path): \(t.name)")
                    decoded += 1
                }
            } catch {
                Issue.record("\(path): \(error)")
            }
        }
        #expect(decoded > 1000)
    }
}
