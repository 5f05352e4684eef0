package murder.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the murder command line, with what picocli printed to out and err. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The error printed as one line, which is what an operator should see for any ordinary failure. */
    String errLine() {
        String trimmed = err.strip();
        if (trimmed.contains("\n")) {
            throw new AssertionError("expected one line on stderr, got:\n" + err);
        }
        return trimmed;
    }
}
