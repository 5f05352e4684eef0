package murder.cli.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import murder.core.MurderException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One YAML settings file: a mapping of option names (without dashes) to a scalar or a list of scalars.
 * Read with Jackson's streaming YAML parser so every key keeps its line for the error messages.
 */
final class SettingsFile {

    /** One {@code key: value} of the file: a list keeps its items; a scalar is one item, with {@code list} false. */
    record Entry(String key, List<String> items, boolean list, int line) {
    }

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final Path path;
    private final Map<String, Entry> entries;

    private SettingsFile(Path path, Map<String, Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    static SettingsFile none(Path path) {
        return new SettingsFile(path, Map.of());
    }

    Path path() {
        return path;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Entry get(String key) {
        return entries.get(key);
    }

    /**
     * Reads the file; every key must be one of {@code validKeys}. A missing file is an empty one unless
     * {@code mustExist}, i.e. unless the user named it.
     */
    static SettingsFile load(Path path, boolean mustExist, Set<String> validKeys, String namedBy) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            if (mustExist) {
                throw MurderException.badInput("settings file " + path + " (from " + namedBy + ") does not exist");
            }
            return none(path);
        } catch (IOException e) {
            throw MurderException.badInput("cannot read settings file " + path + " (from " + namedBy + "): "
                    + murder.core.files.OsErrors.reason(e) + "; make it readable, or name another with MURDER_CONFIG "
                    + "or --config");
        }
        try (JsonParser parser = YAML.createParser(text)) {
            return new SettingsFile(path, read(path, (YAMLParser) parser, validKeys));
        } catch (JsonProcessingException e) {
            throw malformed(path, e);
        } catch (IOException e) {
            throw MurderException.badInput("cannot read settings file " + path + ": " + e);
        }
    }

    private static Map<String, Entry> read(Path path, YAMLParser parser, Set<String> validKeys) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        JsonToken token = parser.nextToken();
        if (token == null || token == JsonToken.VALUE_NULL && parser.nextToken() == null) {
            return entries; // empty, or only comments
        }
        if (token != JsonToken.START_OBJECT) {
            throw bad(path, line(parser), "expected `key: value` lines, one setting per line");
        }
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = line(parser);
            checkKey(path, line, key, validKeys);
            Entry previous = entries.get(key);
            if (previous != null) {
                throw bad(path, line, key + " is set twice (also on line " + previous.line() + ")");
            }
            entries.put(key, value(path, parser, key, line));
        }
        if (parser.nextToken() != null) {
            throw bad(path, line(parser), "only one YAML document is allowed (remove the `---`)");
        }
        return entries;
    }

    private static Entry value(Path path, YAMLParser parser, String key, int line) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_ARRAY) {
            List<String> items = new ArrayList<>();
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                items.add(scalar(path, parser, token, key));
            }
            return new Entry(key, List.copyOf(items), true, line);
        }
        return new Entry(key, List.of(scalar(path, parser, token, key)), false, line);
    }

    private static String scalar(Path path, YAMLParser parser, JsonToken token, String key) throws IOException {
        if (token == JsonToken.VALUE_NULL || token == JsonToken.VALUE_STRING && parser.getText().isBlank()) {
            throw bad(path, line(parser), key + " has no value: give one, or remove the line");
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            throw bad(path, line(parser), key + " must be a value or a list of values, not a nested "
                    + (token == JsonToken.START_OBJECT ? "mapping" : "list"));
        }
        if (parser.isCurrentAlias()) {
            throw bad(path, line(parser), key + ": YAML aliases (*" + parser.getText() + ") are not supported");
        }
        return parser.getText();
    }

    private static void checkKey(Path path, int line, String key, Set<String> validKeys) {
        if (validKeys.contains(key)) {
            return;
        }
        String bare = key.replaceFirst("^-+", "");
        String hint;
        if (!bare.equals(key) && validKeys.contains(bare)) {
            hint = "write it without dashes: " + bare;
        } else if (ConfigDefaults.FLAG_ONLY.contains(key)) {
            hint = key + " is chosen for each run: give --" + key + " on the command line";
        } else if (key.equals("token")) {
            hint = "a token never goes in a settings file: put it in a file of its own (mode 0600) and set token-file";
        } else {
            String near = KeySuggestion.closest(key, validKeys);
            hint = (near == null ? "" : "did you mean " + near + "? ") + "valid keys: " + String.join(", ", validKeys);
        }
        throw bad(path, line, "unknown key '" + key + "'; " + hint);
    }

    private static MurderException malformed(Path path, JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String problem = yaml.getProblem() == null ? yaml.getContext() : yaml.getProblem();
            String context = yaml.getProblem() != null && yaml.getContext() != null
                    ? " (" + oneLine(yaml.getContext()) + ")" : "";
            return bad(path, yaml.getProblemMark().getLine() + 1, "not valid YAML: " + oneLine(problem) + context);
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return bad(path, line, "not valid YAML: " + oneLine(e.getOriginalMessage()));
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static MurderException bad(Path path, int line, String message) {
        return MurderException.badInput(path + (line > 0 ? " line " + line : "") + ": " + message);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\n\\s*", " ");
    }

}
