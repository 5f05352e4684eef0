package murder.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse: one line saying what is wrong and where the help is, and the nearest
 * commands or options for a typo, instead of the whole usage (which hides the error); exit code 2.
 * <pre>murder deploy: missing option --tag. See 'murder deploy --help'.</pre>
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException parsed, String[] args) {
        CommandLine cmd = parsed.getCommandLine();
        // a mistyped option is also a missing one (--tgas for --tag): the typo is the error to show
        ParameterException ex = parsed instanceof MissingParameterException && !cmd.getUnmatchedArguments().isEmpty()
                ? new UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments()) : parsed;
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (isMissingCommand(ex)) {
            // a group of commands given no command ("murder", "murder token"): what it has is the answer
            err.print(cmd.getUsageMessage());
        } else {
            err.println(name + ": " + describe(ex) + ". See '" + name + " --help'.");
            suggestions(ex, name).ifPresent(err::println);
            if (JsonErrors.asked(cmd, args)) {
                JsonErrors.print(cmd, describe(ex), cmd.getCommandSpec().exitCodeOnInvalidInput());
            }
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** "murder" or "murder token" alone: a group of commands given none. */
    private static boolean isMissingCommand(ParameterException ex) {
        return !ex.getCommandLine().getSubcommands().isEmpty() && ex.getMessage() != null
                && ex.getMessage().startsWith("Missing required subcommand");
    }

    static String describe(ParameterException ex) {
        if (ex instanceof MissingParameterException && ex.getMessage() != null
                && ex.getMessage().startsWith("missing --")) {
            return ex.getMessage(); // the settings check's own words: where else the value may come from
        }
        if (ex instanceof MissingParameterException missing && missing.getMissing() != null
                && !missing.getMissing().isEmpty()) {
            List<ArgSpec> args = missing.getMissing();
            String names = args.stream().map(UsageErrorHandler::nameOf).collect(Collectors.joining(", "));
            boolean options = args.stream().allMatch(ArgSpec::isOption);
            return "missing " + (options ? (args.size() == 1 ? "option " : "options ") : "") + names;
        }
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (unmatched.isUnknownOption()) {
                return "unknown option '" + first + "'";
            }
            return ex.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument '" + first + "'"
                    : "'" + first + "' is not a " + ex.getCommandLine().getCommandSpec().qualifiedName() + " command";
        }
        String message = ex.getMessage() == null || ex.getMessage().isBlank() ? "invalid command line"
                : ex.getMessage().strip();
        message = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** The nearest commands (picocli's) or options to a mistyped one, as "Did you mean ...?". */
    private static Optional<String> suggestions(ParameterException ex, String name) {
        if (!(ex instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        List<String> near;
        if (unmatched.isUnknownOption()) {
            List<String> options = ex.getCommandLine().getCommandSpec().options().stream()
                    .filter(o -> !o.hidden()).map(OptionSpec::longestName).toList();
            near = Suggestions.near(unmatched.getUnmatched().get(0), options, unmatched.getSuggestions(), 2);
        } else {
            near = Suggestions.near(unmatched.getUnmatched().get(0), ex.getCommandLine().getSubcommands().keySet(),
                    unmatched.getSuggestions(), 2).stream().map(s -> "'" + name + " " + s + "'").toList();
        }
        return near.isEmpty() ? Optional.empty() : Optional.of("Did you mean " + String.join(" or ", near) + "?");
    }

    private static String nameOf(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }
}
