/// The presets shipped in `rules/` (`default`, `strict`, `certified`), compiled into the binary so an
/// installed `liplint` works from any directory. `scripts/embed-presets.sh` regenerates the texts.
public enum Presets {
    /// Preset names, sorted.
    public static var names: [String] { PresetTexts.all.map(\.name).sorted() }

    /// The YAML text of the preset `name`, exactly as in `rules/NAME.yml`.
    public static func text(named name: String) -> String? {
        PresetTexts.all.first { $0.name == name }.map { $0.text + "\n" }
    }
}
