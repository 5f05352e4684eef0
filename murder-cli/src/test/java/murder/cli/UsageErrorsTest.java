package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command line picocli cannot parse: one line and a --help hint, the nearest names for a typo, exit 2. */
class UsageErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingOptionIsOneLineWithTheHelpHint() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));
        CliRun run = CliRun.of("deploy", build.toString(), "--tracker", "http://127.0.0.1:9", "--release", "r1");
        assertThat(run.code()).isEqualTo(2);
        // one line: the option, where else it may come from (the settings file), and the help to read
        assertThat(run.err()).matches("murder deploy: missing --tag \\(or tag: in \\S+deploy\\.yaml\\)\\. "
                + "See 'murder deploy --help'\\.\n");
    }

    @Test
    void severalMissingOptionsAreNamedAndWithoutAPathTheRegisteredReleaseIsMeant() {
        CliRun options = CliRun.of("deploy", tmp.toString());
        assertThat(options.code()).isEqualTo(2);
        assertThat(options.errLine()).startsWith("murder deploy: missing --tracker (or MURDER_TRACKER, or tracker: in ")
                .contains("; missing --release; missing --tag (or tag: in ").endsWith("See 'murder deploy --help'.");

        // no PATH is a redeploy of a registered release: checked like any deploy, signing first
        CliRun path = CliRun.of("deploy", "--tracker", "http://127.0.0.1:9", "--release", "r1", "--tag", "web");
        assertThat(path.code()).isEqualTo(2);
        assertThat(path.errLine()).startsWith("murder deploy: deploy needs --key FILE");
    }

    @Test
    void aMistypedCommandGetsTheNearestCommands() {
        CliRun run = CliRun.of("deplyo");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("murder: 'deplyo' is not a murder command. See 'murder --help'.\n"
                + "Did you mean 'murder deploy' or 'murder demo'?\n");

        CliRun nested = CliRun.of("token", "nwe");
        assertThat(nested.code()).isEqualTo(2);
        assertThat(nested.err()).startsWith("murder token: 'nwe' is not a murder token command. "
                + "See 'murder token --help'.\n").contains("Did you mean 'murder token new'");
    }

    @Test
    void aMistypedOptionGetsTheNearestOptionRatherThanWhatItLeftMissing() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));
        CliRun run = CliRun.of("deploy", build.toString(), "--tracker", "http://127.0.0.1:9", "--release", "r1",
                "--tgas", "web");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("murder deploy: unknown option '--tgas'. See 'murder deploy --help'.\n"
                + "Did you mean --tag?\n");

        assertThat(CliRun.of("tracker", "--prot", "7070", "--data-dir", tmp.toString()).err())
                .contains("unknown option '--prot'").contains("Did you mean --port?");
        assertThat(CliRun.of("agent", "--tag", "web").err()).contains("Did you mean --tags?");
    }

    @Test
    void aBadValueSaysWhichOptionAndWhy() {
        CliRun run = CliRun.of("tracker", "--port", "abc", "--data-dir", tmp.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.errLine()).isEqualTo("murder tracker: invalid value for option '--port': 'abc' is not an int. "
                + "See 'murder tracker --help'.");
    }

    @Test
    void aStrayArgumentIsNamed() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));
        CliRun run = CliRun.of("deploy", build.toString(), "extra", "--tracker", "http://127.0.0.1:9", "--release",
                "r1", "--tag", "web", "--unsigned");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.errLine()).isEqualTo("murder deploy: unexpected argument 'extra'. See 'murder deploy --help'.");
    }

    @Test
    void aGroupOfCommandsAloneListsItsCommands() {
        CliRun run = CliRun.of();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("Usage: murder").contains("deploy").contains("completion").contains("man");

        assertThat(CliRun.of("token").err()).startsWith("Usage: murder token").contains("new").contains("agent");
    }

    @Test
    void suggestionsAreOneOrTwoEditsAway() {
        assertThat(Suggestions.distance("prot", "port")).isEqualTo(1);
        assertThat(Suggestions.distance("tgas", "tag")).isEqualTo(2);
        assertThat(Suggestions.near("--tiemout", java.util.List.of("--timeout", "--tag", "--json"),
                java.util.List.of(), 2)).containsExactly("--timeout");
        assertThat(Suggestions.near("--zzz", java.util.List.of("--timeout", "--tag"), java.util.List.of(), 2))
                .isEmpty();
    }
}
