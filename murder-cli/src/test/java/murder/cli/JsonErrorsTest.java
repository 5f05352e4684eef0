package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import murder.core.json.Json;
import org.junit.jupiter.api.Test;

/** With --json, a failure is still one JSON document on stdout (and the usual line on stderr). */
class JsonErrorsTest {

    @Test
    void anUnreachableTrackerIsAJsonErrorWithTheExitCode() throws Exception {
        int port = MurderProcesses.freePort(); // nothing listens there
        CliRun run = CliRun.of("status", "--json", "--tracker", "http://127.0.0.1:" + port);

        assertThat(run.code()).isEqualTo(3);
        JsonNode doc = Json.MAPPER.readTree(run.out());
        assertThat(doc.at("/schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.at("/ok").asBoolean(true)).isFalse();
        assertThat(doc.at("/exitCode").asInt()).isEqualTo(3);
        assertThat(doc.at("/error").asText()).contains("127.0.0.1:" + port);
        assertThat(run.errLine()).startsWith("murder status: ");
    }

    @Test
    void aCommandLineThatDoesNotParseIsAJsonErrorToo() throws Exception {
        CliRun run = CliRun.of("cancel", "7", "--json", "--tracker", "http://127.0.0.1:9", "--tgas");

        assertThat(run.code()).isEqualTo(2);
        JsonNode doc = Json.MAPPER.readTree(run.out());
        assertThat(doc.at("/error").asText()).startsWith("unknown option '--tgas'");
        assertThat(doc.at("/exitCode").asInt()).isEqualTo(2);
    }

    @Test
    void withoutJsonStdoutStaysEmpty() {
        CliRun run = CliRun.of("status", "--tracker", "http://127.0.0.1:9");
        assertThat(run.out()).isEmpty();
        assertThat(run.code()).isEqualTo(3);
    }
}
