package murder.cli;

import murder.cli.config.ConfigDefaults;
import java.io.PrintWriter;
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

    /** Runs with picocli's output (help, usage errors, failures, completion, man pages) going to these writers. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        return ConfigDefaults.install(new CommandLine(new MurderCommand())
                .setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true), System.getenv());
    }
}
