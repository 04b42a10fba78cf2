/// One rule's effective settings under a configuration, per node: the rule's defaults, then `rules:`, then
/// every matching `overrides:` entry in order, then `--select`/`--ignore`.
public struct SettingResolver: Sendable {
    public var descriptor: RuleDescriptor
    public var configuration: Configuration

    public init(descriptor: RuleDescriptor, configuration: Configuration) {
        self.descriptor = descriptor
        self.configuration = configuration
    }

    /// The merged settings for `node` (`nil`: model-wide, no overrides apply).
    public func settings(for node: String?) -> RuleSettings {
        var settings = configuration.rules[descriptor.id] ?? RuleSettings()
        if let node {
            for override in configuration.overrides where override.matches(node) {
                if let top = override.rules[descriptor.id] { settings = settings.merged(with: top) }
            }
        }
        return settings
    }

    /// Whether the command line lets the rule run at all.
    public var allowedByCommandLine: Bool {
        if let selected = configuration.selected, !selected.value.contains(descriptor.id) { return false }
        if let ignored = configuration.ignored, ignored.value.contains(descriptor.id) { return false }
        return true
    }

    /// Whether the rule is on for `node`.
    public func isEnabled(for node: String?) -> Bool {
        allowedByCommandLine && (settings(for: node).enabled?.value ?? true)
    }

    /// Whether the rule is on for the model or for any override: whether it needs to run.
    public var isEnabledAnywhere: Bool {
        guard allowedByCommandLine else { return false }
        if settings(for: nil).enabled?.value ?? true { return true }
        return configuration.overrides.contains { $0.rules[descriptor.id]?.enabled?.value == true }
    }

    public func severity(for node: String?) -> Severity {
        settings(for: node).severity?.value ?? descriptor.defaultSeverity
    }

    /// Every option for `node`, defaults filled in.
    public func options(for node: String?) -> OptionValues {
        var values = descriptor.defaultOptions
        for (name, value) in settings(for: node).options { values.values[name] = value.value }
        return values
    }
}
