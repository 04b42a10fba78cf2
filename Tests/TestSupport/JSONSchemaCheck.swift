import Foundation

/// Validates a JSON document against a JSON Schema (draft 7) with Python's `jsonschema`, which
/// `scripts/setup.sh` installs. A missing Python or package is reported as a failure, never skipped.
public enum JSONSchemaCheck {
    /// `nil` when `document` validates against the schema file at `schemaPath`, else the validator's message.
    public static func problems(document: String, schemaPath: String) throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("liplint-doc-\(UUID().uuidString).json")
        try Data(document.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft7Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(json.load(open(sys.argv[2]))), key=str)
            for e in errors[:5]:
                print(list(e.absolute_path), e.message)
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
