package murder.cli.config;

import java.util.List;
import murder.core.MurderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs after parsing (so after defaults) and before the command: a bad settings file or value, or a required
 * setting that came from nowhere, stops it with exit 2; otherwise the effective settings are logged (daemons at
 * INFO, other commands at DEBUG) and the command runs. Help and version requests skip all of it.
 */
final class SettingsCheck implements IExecutionStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(EffectiveSettings.class);

    private final IExecutionStrategy delegate;

    SettingsCheck(IExecutionStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public int execute(ParseResult parseResult) throws ExecutionException, ParameterException {
        ParseResult leaf = parseResult;
        boolean help = helpRequested(leaf);
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
            help |= helpRequested(leaf);
        }
        if (!help && leaf.commandSpec().defaultValueProvider() instanceof ConfigDefaults config) {
            CommandLine command = leaf.commandSpec().commandLine();
            try {
                config.validate();
            } catch (MurderException e) {
                throw new ExecutionException(command, e.getMessage(), e); // ErrorHandler: one line, exit 2
            }
            List<OptionSpec> missing = config.missing();
            if (!missing.isEmpty()) {
                throw new MissingParameterException(command, List.copyOf(missing), config.missingMessage(missing));
            }
            log(config, leaf);
        }
        return delegate.execute(parseResult);
    }

    private static void log(ConfigDefaults config, ParseResult parsed) {
        if (config.scope().daemon ? LOG.isInfoEnabled() : LOG.isDebugEnabled()) {
            // a log line per setting: each carries the date, and a JSON log gets one object per setting
            for (String line : EffectiveSettings.describe(config, parsed).split("\\R")) {
                if (config.scope().daemon) {
                    LOG.info(line);
                } else {
                    LOG.debug(line);
                }
            }
        }
    }

    private static boolean helpRequested(ParseResult parsed) {
        return parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
    }
}
