package murder.cli;

import murder.core.MurderException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The one place a failure becomes a message on stderr and an exit code. */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof MurderException m) {
            cmd.getErr().println("murder " + cmd.getCommandName() + ": " + m.getMessage());
            return m.kind().exitCode;
        }
        LoggerFactory.getLogger(ErrorHandler.class).error("unexpected failure", e);
        cmd.getErr().println("murder " + cmd.getCommandName() + ": unexpected failure: " + e
                + " (this is a bug; the log above has the details)");
        return MurderException.Kind.FAILED.exitCode;
    }
}
