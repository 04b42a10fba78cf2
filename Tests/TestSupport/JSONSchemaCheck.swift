import Foundation

/// Validates a JSON document against a JSON Schema (draft 7) with Python's `jsonschema`, which
/// `scripts/setup.sh` installs. A missing Python or package is reported as a failure, never skipped.
/// `$ref`s into other schema files of the same directory (`report.schema.json#/...`) resolve to those files.
public enum JSONSchemaCheck {
    /// `nil` when `document` validates against the schema file at `schemaPath`, else the validator's message.
    public static func problems(document: String, schemaPath: String) throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("liplint-doc-\(UUID().uuidString).json")
        try Data(document.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // Every *.json of the schema's directory is registered under its $id, so relative references between
        // them resolve locally (nothing is fetched). Newer jsonschema resolves through `referencing`, older
        // releases (Debian's) through RefResolver's store.
        let script = """
            import glob, json, os, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft7Validator.check_schema(schema)
            store = {}
            for path in glob.glob(os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), "*.json")):
                try:
                    other = json.load(open(path))
                except ValueError:
                    continue
                if isinstance(other, dict) and "$id" in other:
                    store[other["$id"]] = other
            try:
                import referencing, referencing.jsonschema
                registry = referencing.Registry().with_resources(
                    (uri, referencing.jsonschema.DRAFT7.create_resource(s)) for uri, s in store.items())
                validator = jsonschema.Draft7Validator(schema, registry=registry)
            except ImportError:
                resolver = jsonschema.RefResolver(schema.get("$id", ""), schema, store=store)
                validator = jsonschema.Draft7Validator(schema, resolver=resolver)
            errors = sorted(validator.iter_errors(json.load(open(sys.argv[2]))), key=str)
            for e in errors[:5]:
                print(list(e.absolute_path), e.message[:400])
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaPath, file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : "python3/jsonschema (run scripts/setup.sh): " + text
    }
}
