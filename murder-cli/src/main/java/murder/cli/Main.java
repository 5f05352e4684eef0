package murder.cli;

import murder.cli.config.ConfigDefaults;
import picocli.CommandLine;

/** Entry point of the runnable jar; the only place that calls {@code System.exit}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return ConfigDefaults.install(new CommandLine(new MurderCommand())
                .setExecutionExceptionHandler(new ErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true), System.getenv());
    }
}
