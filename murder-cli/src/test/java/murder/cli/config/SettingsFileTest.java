package murder.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one YAML settings file: values and lists with their lines, and a one-line error for everything else. */
class SettingsFileTest {

    private static final Set<String> KEYS = new TreeSet<>(Set.of("tracker", "tags", "trust", "port", "deploy-root",
            "allow-unsigned"));

    @TempDir
    Path tmp;

    @Test
    void valuesAndListsKeepTheirText() throws IOException {
        SettingsFile file = load("""
                # the agent of web1
                tracker: http://t:7070
                port: 07070
                tags: [web, eu]
                trust:
                  - /etc/murder/a.pub
                  - /etc/murder/b.pub
                allow-unsigned: yes
                """);
        assertThat(file.get("tracker"))
                .isEqualTo(new SettingsFile.Entry("tracker", List.of("http://t:7070"), false, 2));
        assertThat(file.get("port").items()).containsExactly("07070");
        assertThat(file.get("tags")).isEqualTo(new SettingsFile.Entry("tags", List.of("web", "eu"), true, 4));
        assertThat(file.get("trust").items()).containsExactly("/etc/murder/a.pub", "/etc/murder/b.pub");
        assertThat(file.get("trust").line()).isEqualTo(5);
        assertThat(file.get("allow-unsigned").items()).containsExactly("yes");
        assertThat(file.get("deploy-root")).isNull();
    }

    @Test
    void anEmptyFileOrOneOfCommentsHasNoSettings() throws IOException {
        assertThat(load("").isEmpty()).isTrue();
        assertThat(load("# nothing yet\n\n").isEmpty()).isTrue();
    }

    @Test
    void aMissingFileIsEmptyUnlessTheUserNamedIt() {
        Path absent = tmp.resolve("absent.yaml");
        assertThat(SettingsFile.load(absent, false, KEYS, null).isEmpty()).isTrue();
        assertThatThrownBy(() -> SettingsFile.load(absent, true, KEYS, "--config"))
                .isInstanceOf(MurderException.class)
                .hasMessage("settings file " + absent + " (from --config) does not exist");
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheValidKeys() {
        assertFails("tracker: http://t:7070\ntrackr: x\n",
                "line 2: unknown key 'trackr'; did you mean tracker? valid keys: allow-unsigned, deploy-root, port, "
                    + "tags, tracker, trust");
        assertFails("--tags: web\n", "line 1: unknown key '--tags'; write it without dashes: tags");
        assertFails("token: s3cret\n", "line 1: unknown key 'token'; a token never goes in a settings file");
        assertFails("rollback: true\n", "line 1: unknown key 'rollback'; rollback is chosen for each run: give "
                + "--rollback on the command line");
    }

    @Test
    void malformedYamlIsOneLineWithTheFileAndLine() {
        assertFails("tracker: http://t:7070\nport: 1: 2\n", "line 2: not valid YAML: mapping values are not allowed "
                + "here");
        assertFails("tags: [web,\n", "line 2: not valid YAML: expected the node content, but found '<stream end>' "
                + "(while parsing a flow node)");
        assertFails("tracker: x\n\tport: 1\n", "line 2: not valid YAML: ");
    }

    @Test
    void shapesOtherThanKeyValueAreRefused() {
        assertFails("- tracker\n- port\n", "line 1: expected `key: value` lines");
        assertFails("tracker:\n", "line 1: tracker has no value");
        assertFails("tracker:\n  url: x\n",
                "line 2: tracker must be a value or a list of values, not a nested mapping");
        assertFails("tags: [[web]]\n", "not a nested list");
        assertFails("port: 1\nport: 2\n", "line 2: port is set twice (also on line 1)");
        assertFails("port: 1\n---\nport: 2\n", "only one YAML document is allowed");
        assertFails("port: &p 1\ntracker: *p\n", "line 2: tracker: YAML aliases (*p) are not supported");
    }

    private void assertFails(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageStartingWith(tmp.resolve("s.yaml").toString())
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    private SettingsFile load(String yaml) throws IOException {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, yaml);
        return SettingsFile.load(file, true, KEYS, "--config");
    }
}
