package murder.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import murder.cli.deploy.DeploySummary;
import murder.core.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command run with {@code --json} is read by a program: when it fails, stdout still gets one JSON document
 * ({@code {"schemaVersion":1,"ok":false,"error":"...","exitCode":2}}), beside the usual line on stderr.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    /** True when the command has a {@code --json} option that is set, or (for a command line that did not parse) named. */
    static boolean asked(CommandLine cmd, String[] args) {
        OptionSpec json = cmd.getCommandSpec().findOption("--json");
        if (json == null) {
            return false;
        }
        if (Boolean.TRUE.equals(json.getValue())) {
            return true;
        }
        return args != null && java.util.Arrays.asList(args).contains("--json");
    }

    static void print(CommandLine cmd, String message, int exitCode) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", DeploySummary.SCHEMA_VERSION);
        doc.put("ok", false);
        doc.put("error", message);
        doc.put("exitCode", exitCode);
        cmd.getOut().println(Json.pretty(doc));
        cmd.getOut().flush();
    }
}
