package murder.cli.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import murder.core.MurderException;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of a command's options from the environment and from its settings file. picocli asks it for every
 * option not given on the command line, so a flag beats env beats file beats the option's built-in default.
 * File keys are the long option names without dashes. One instance per command, made by {@link #install}.
 */
public final class ConfigDefaults implements IDefaultValueProvider {

    static final Path SYSTEM_DIR = Path.of("/etc/murder");
    private static final Set<String> NOT_SETTINGS = Set.of("help", "version", "config");
    /**
     * Chosen per deploy on purpose: a file must neither reuse a release id, nor sign every deploy as a rollback, nor
     * fix a rollback's target.
     */
    static final Set<String> FLAG_ONLY = Set.of("release", "rollback", "to");

    /** A value found in the environment or the file, as picocli should read it. */
    record Found(String value, Source source) {
    }

    /** The settings file a run reads, and what named it ({@code --config}, {@code MURDER_CONFIG}, or null: default). */
    record Chosen(Path path, String namedBy) {
    }

    private final ConfigScope scope;
    private final CommandSpec spec;
    private final Map<String, String> env;
    private final Path systemDir;
    private final Set<String> validKeys;
    private final Set<String> required;
    private final Map<Chosen, Object> loaded = new HashMap<>(); // a SettingsFile, or the MurderException it gave

    private ConfigDefaults(ConfigScope scope, CommandSpec spec, Map<String, String> env, Path systemDir,
            Set<String> validKeys, Set<String> required) {
        this.scope = scope;
        this.spec = spec;
        this.env = Map.copyOf(env);
        this.systemDir = systemDir;
        this.validKeys = validKeys;
        this.required = required;
    }

    /** Gives every command that takes settings its provider, a {@code --config FILE} option and the checks. */
    public static CommandLine install(CommandLine root, Map<String, String> env) {
        return install(root, env, SYSTEM_DIR);
    }

    /** As {@link #install(CommandLine, Map)} with the daemons' files under {@code systemDir} (tests). */
    public static CommandLine install(CommandLine root, Map<String, String> env, Path systemDir) {
        Map<CommandLine, ConfigScope> scoped = new LinkedHashMap<>();
        collect(root, scoped);
        Map<ConfigScope, SortedSet<String>> keys = new EnumMap<>(ConfigScope.class);
        // deploy.yaml is shared by deploy, status, ...: a key of any of them is valid for all
        scoped.forEach((command, scope) -> keys.computeIfAbsent(scope, s -> new TreeSet<>())
                .addAll(keysOf(command.getCommandSpec())));
        scoped.forEach((command, scope) -> {
            CommandSpec spec = command.getCommandSpec();
            Set<String> required = spec.defaultValueProvider() instanceof ConfigDefaults previous
                    ? previous.required : prepare(spec, scope);
            command.setDefaultValueProvider(new ConfigDefaults(scope, spec, env, systemDir,
                    Collections.unmodifiableSortedSet(keys.get(scope)), required));
        });
        if (!(root.getExecutionStrategy() instanceof SettingsCheck)) {
            root.setExecutionStrategy(new SettingsCheck(root.getExecutionStrategy()));
        }
        return root;
    }

    private static void collect(CommandLine command, Map<CommandLine, ConfigScope> scoped) {
        ConfigScope scope = ConfigScope.of(command);
        if (scope != null) {
            scoped.put(command, scope);
        }
        for (CommandLine sub : new LinkedHashSet<>(command.getSubcommands().values())) {
            collect(sub, scoped);
        }
    }

    /**
     * Once per command: adds {@code --config}, and turns its required options into ones checked after defaults
     * (by {@link SettingsCheck}), so that a missing one is reported with the variable and file it may also come
     * from, not only as a missing flag. Returns their names.
     */
    private static Set<String> prepare(CommandSpec spec, ConfigScope scope) {
        Set<String> required = new LinkedHashSet<>();
        for (OptionSpec option : List.copyOf(spec.options())) {
            if (option.required()) {
                spec.remove(option);
                spec.addOption(option.toBuilder().required(false).build());
                required.add(option.longestName());
            }
        }
        String where = scope == ConfigScope.CLIENT ? "~/.config/murder/" + scope.fileName
                : SYSTEM_DIR.resolve(scope.fileName).toString();
        if (spec.findOption("--config") == null) {
            spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(Path.class)
                    .description("Settings file to read (default: $" + EnvVars.CONFIG + ", else " + where + ")")
                    .build());
        }
        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        footer.addAll(List.of("", "Options not given here come from the environment ("
                + String.join(", ", envVarsOf(spec)) + "), then from the settings file (" + where
                + "; keys are the option names without dashes)."));
        spec.usageMessage().footer(footer.toArray(String[]::new));
        return Collections.unmodifiableSet(required);
    }

    private static List<String> keysOf(CommandSpec spec) {
        List<String> keys = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            String key = key(option);
            if (key != null && !FLAG_ONLY.contains(key) && !option.usageHelp() && !option.versionHelp()) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<String> envVarsOf(CommandSpec spec) {
        List<String> variables = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            String key = key(option);
            if (key != null && EnvVars.of(key) != null) {
                variables.add(EnvVars.of(key));
            }
        }
        variables.add(EnvVars.CONFIG);
        return variables;
    }

    /** The file key of an option: its long name without dashes; null for help, version and --config. */
    static String key(OptionSpec option) {
        String name = option.longestName();
        if (!name.startsWith("--")) {
            return null;
        }
        String key = name.substring(2);
        return NOT_SETTINGS.contains(key) ? null : key;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        try {
            Found found = find(option);
            return found == null ? null : found.value();
        } catch (MurderException e) {
            return null; // SettingsCheck reports it before the command runs; --help still works meanwhile
        }
    }

    /** An option's value from the environment or the file, or null; a bad file or value is a MurderException. */
    Found find(OptionSpec option) {
        Found fromEnv = fromEnv(option);
        return fromEnv != null ? fromEnv : fromFile(option);
    }

    private Found fromEnv(OptionSpec option) {
        String key = key(option);
        String variable = key == null || !validKeys.contains(key) ? null : EnvVars.of(key);
        String value = variable == null ? null : env.get(variable);
        if (value == null || value.isBlank()) {
            return null;
        }
        return new Found(checked(option, List.of(value), false, variable), Source.env(variable));
    }

    private Found fromFile(OptionSpec option) {
        String key = key(option);
        if (key == null || !validKeys.contains(key)) {
            return null;
        }
        SettingsFile file = file();
        SettingsFile.Entry entry = file.get(key);
        if (entry == null) {
            return null;
        }
        String where = file.path() + " line " + entry.line() + ": " + key;
        return new Found(checked(option, entry.items(), entry.list(), where), Source.file(file.path(), entry.line()));
    }

    private static String checked(OptionSpec option, List<String> items, boolean list, String where) {
        try {
            return ValueCheck.check(option, items, list);
        } catch (IllegalArgumentException e) {
            throw MurderException.badInput(where + ": " + e.getMessage());
        }
    }

    Chosen chosen() {
        OptionSpec config = spec.findOption("--config");
        Object flag = config == null ? null : config.getValue();
        if (flag != null) {
            return new Chosen((Path) flag, "--config");
        }
        String fromEnv = env.get(EnvVars.CONFIG);
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                return new Chosen(Path.of(fromEnv.strip()), EnvVars.CONFIG);
            } catch (InvalidPathException e) {
                throw MurderException.badInput(EnvVars.CONFIG + ": '" + fromEnv + "' is not a path");
            }
        }
        return new Chosen(scope.defaultFile(systemDir, env), null);
    }

    /** The settings file of this run, read once. */
    SettingsFile file() {
        Chosen chosen = chosen();
        Object result = loaded.computeIfAbsent(chosen, c -> {
            try {
                return SettingsFile.load(c.path(), c.namedBy() != null, validKeys, c.namedBy());
            } catch (MurderException e) {
                return e;
            }
        });
        if (result instanceof MurderException e) {
            throw e;
        }
        return (SettingsFile) result;
    }

    /**
     * Throws the first problem of the file, or of a value of this command's options in the environment or the
     * file, also of one a flag overrides: a broken setting should not wait for the day the flag is dropped.
     */
    void validate() {
        file(); // a bad file is an error even when this command reads none of its keys
        for (OptionSpec option : spec.options()) {
            fromEnv(option);
            fromFile(option);
        }
    }

    /** The required options that got a value from nowhere. */
    List<OptionSpec> missing() {
        List<OptionSpec> missing = new ArrayList<>();
        for (String name : required) {
            OptionSpec option = spec.findOption(name);
            Object value = option.getValue();
            if (value == null || value instanceof Collection<?> c && c.isEmpty()) {
                missing.add(option);
            }
        }
        return missing;
    }

    /** e.g. {@code missing --tracker (or MURDER_TRACKER, or tracker: in /etc/murder/agent.yaml)}. */
    String missingMessage(List<OptionSpec> missing) {
        List<String> parts = new ArrayList<>();
        for (OptionSpec option : missing) {
            String key = key(option);
            List<String> alternatives = new ArrayList<>();
            if (EnvVars.of(key) != null) {
                alternatives.add(EnvVars.of(key));
            }
            if (validKeys.contains(key)) {
                alternatives.add(key + ": in " + chosen().path());
            }
            parts.add("missing " + option.longestName()
                    + (alternatives.isEmpty() ? "" : " (or " + String.join(", or ", alternatives) + ")"));
        }
        return String.join("; ", parts);
    }

    ConfigScope scope() {
        return scope;
    }

    CommandSpec spec() {
        return spec;
    }
}
