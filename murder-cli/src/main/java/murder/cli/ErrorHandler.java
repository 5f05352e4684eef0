package murder.cli;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.FileSystemException;
import murder.core.MurderException;
import murder.core.files.OsErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place a failure becomes a message on stderr and an exit code. A {@link MurderException} says what failed
 * and what to do; the few JDK exceptions an operator can cause (a file or port that cannot be used) are told in
 * one line too, in case one escapes the code that should have named its option. Anything else is a bug.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        String name = cmd.getCommandSpec().qualifiedName();
        MurderException known = known(e);
        if (known != null) {
            log.debug("{} failed", name, e);
            cmd.getErr().println(name + ": " + known.getMessage());
            if (JsonErrors.asked(cmd, null)) {
                JsonErrors.print(cmd, known.getMessage(), known.kind().exitCode);
            }
            return known.kind().exitCode;
        }
        log.error("unexpected failure", e);
        cmd.getErr().println(name + ": unexpected failure: " + e + " (this is a bug; the log above has the details)");
        if (JsonErrors.asked(cmd, null)) {
            JsonErrors.print(cmd, "unexpected failure: " + e, MurderException.Kind.FAILED.exitCode);
        }
        return MurderException.Kind.FAILED.exitCode;
    }

    /** {@code e} as a message for the operator, or null if it is not one of the failures an operator causes. */
    static MurderException known(Throwable e) {
        if (e instanceof MurderException m) {
            return m;
        }
        if (e instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException fs) {
            // the wrapper's own words say what was being done, when it has any
            boolean ownWords = u.getMessage() != null && !u.getMessage().equals(fs.toString());
            return ownWords ? new MurderException(MurderException.Kind.BAD_INPUT, u.getMessage() + " ("
                    + OsErrors.reason(fs) + ")", e) : known(fs);
        }
        if (e instanceof BindException) {
            return new MurderException(MurderException.Kind.BAD_INPUT, "cannot listen (" + e.getMessage() + "): "
                    + "the port is in use or not this host's; choose another --port or --bind", e);
        }
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() == null ? "a file" : fs.getFile();
            return new MurderException(MurderException.Kind.BAD_INPUT, "cannot use " + file + " ("
                    + OsErrors.reason(fs) + ")" + (OsErrors.isPermissionDenied(fs) ? ": run as a user who may, or "
                    + "fix its owner or mode" : ": check the path"), e);
        }
        return null;
    }
}
