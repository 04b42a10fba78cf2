import CYaml

/// Refuses YAML anchors (`&name`) and aliases (`*name`) before a document is composed into a tree.
///
/// Composing expands every alias into a copy of its anchor's node, so a few hundred bytes of nested aliases
/// (an "alias bomb") become billions of nodes before any check on the tree can run. This scan reads only
/// libyaml's event stream, which reports an alias as one event and never expands it: time and memory are
/// linear in the size of the text. liplint configuration has no use for anchors, so the first one (or an
/// alias) is an error.
enum YAMLAliasScan {
    /// What the scan found first: an anchor or alias and its 1-based line, or `nil` when there is none
    /// (including when the text is not valid YAML: the composer reports that with its own message).
    struct Finding: Sendable, Hashable {
        var isAlias: Bool
        var name: String
        var line: Int
    }

    static func firstAnchorOrAlias(in text: String) -> Finding? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer -> Finding? in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                let anchor: UnsafeMutablePointer<yaml_char_t>?
                var isAlias = false
                switch event.type {
                case YAML_STREAM_END_EVENT: return nil
                case YAML_ALIAS_EVENT:
                    anchor = event.data.alias.anchor
                    isAlias = true
                case YAML_SCALAR_EVENT: anchor = event.data.scalar.anchor
                case YAML_SEQUENCE_START_EVENT: anchor = event.data.sequence_start.anchor
                case YAML_MAPPING_START_EVENT: anchor = event.data.mapping_start.anchor
                default: anchor = nil
                }
                if let anchor {
                    let name = String(cString: UnsafeRawPointer(anchor).assumingMemoryBound(to: CChar.self))
                    return Finding(isAlias: isAlias, name: String(name.prefix(40)), line: line)
                }
            }
            return nil
        }
    }
}
