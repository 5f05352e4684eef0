package murder.cli.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks a value from the environment or a file before picocli converts it, so that a bad one is reported with
 * where it came from (picocli's own message would name only the option). Returns the value as picocli should
 * read it. Types it does not know are left to picocli.
 */
final class ValueCheck {

    private ValueCheck() {
    }

    /** One value for the option, or several items of a list option; throws IllegalArgumentException with why not. */
    static String check(OptionSpec option, List<String> items, boolean list) {
        if (option.isMultiValue()) {
            Class<?> itemType = option.auxiliaryTypes()[0];
            if (!",".equals(option.splitRegex())) { // each value is one item: a list cannot be passed on
                if (items.size() > 1) {
                    throw new IllegalArgumentException("takes one value here, not a list");
                }
                return checkOne(option, itemType, items.get(0).strip());
            }
            List<String> parts = new ArrayList<>();
            for (String item : items) {
                if (list && item.contains(",")) {
                    throw new IllegalArgumentException("list item '" + item + "' must not contain ','");
                }
                for (String part : item.split(",", -1)) {
                    parts.add(checkOne(option, itemType, part.strip()));
                }
            }
            return String.join(",", parts);
        }
        if (list) {
            throw new IllegalArgumentException("takes one value, not a list");
        }
        return checkOne(option, option.type(), items.get(0).strip());
    }

    private static String checkOne(OptionSpec option, Class<?> type, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("has an empty value");
        }
        ITypeConverter<?>[] converters = option.converters();
        try {
            if (converters != null && converters.length > 0) {
                converters[0].convert(value);
            } else if (type == boolean.class || type == Boolean.class) {
                return bool(value);
            } else if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == Path.class) {
                Path.of(value);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + value + "' is not a path: " + e.getReason());
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return value;
    }

    /** YAML's own spellings of a boolean are accepted too (yes/no/on/off). */
    private static String bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> "true";
            case "false", "no", "off" -> "false";
            default -> throw new IllegalArgumentException("'" + value + "' must be true or false");
        };
    }
}
