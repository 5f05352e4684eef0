package murder.cli.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings a command runs with, one per line with where each came from. Values are what the options hold:
 * file paths, never a token or a key (those are read from the files later, and only by the command).
 */
final class EffectiveSettings {

    private EffectiveSettings() {
    }

    static String describe(ConfigDefaults config, ParseResult parsed) {
        ConfigDefaults.Chosen chosen = config.chosen();
        StringBuilder text = new StringBuilder();
        text.append(config.spec().name()).append(" settings (flag > env > file > default; file ")
                .append(chosen.path())
                .append(chosen.namedBy() == null ? "" : " from " + chosen.namedBy())
                .append(config.file().isEmpty() ? ", absent or empty" : "").append("):");
        List<OptionSpec> options = new ArrayList<>(config.spec().options());
        options.sort(Comparator.comparing(OptionSpec::longestName));
        for (OptionSpec option : options) {
            String key = ConfigDefaults.key(option);
            if (key == null) {
                continue;
            }
            String value;
            Source source;
            ConfigDefaults.Found found;
            if (parsed.hasMatchedOption(option)) { // as written: 10m, not PT10M
                value = option.stringValues().isEmpty() ? value(option.getValue())
                        : String.join(",", option.stringValues());
                source = Source.FLAG;
            } else if ((found = config.find(option)) != null) {
                value = found.value();
                source = found.source();
            } else {
                value = option.defaultValue() != null ? option.defaultValue() : value(option.getValue());
                source = Source.DEFAULT;
            }
            if (option.interactive() && !option.echo()) { // a password-like option: never printed
                value = "(hidden)";
            }
            text.append(String.format(Locale.ROOT, "%n  %-27s %-32s %s", key, value, source));
        }
        return text.toString();
    }

    private static String value(Object value) {
        if (value instanceof Collection<?> items) {
            return items.isEmpty() ? "-" : items.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value == null ? "-" : String.valueOf(value);
    }
}
