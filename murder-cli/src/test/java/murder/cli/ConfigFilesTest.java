package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import murder.cli.config.ConfigDefaults;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Settings from flags, environment and YAML files, run in-process through the real command line with real files:
 * what wins, what is refused and how, and the start-up printout.
 */
class ConfigFilesTest {

    @TempDir
    Path tmp;

    private Path etc;
    private Path home;
    private final Map<String, String> env = new HashMap<>();
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger settingsLogger = (Logger) LoggerFactory.getLogger("murder.cli.config");

    @BeforeEach
    void setUp() throws IOException {
        etc = Files.createDirectories(tmp.resolve("etc"));
        home = Files.createDirectories(tmp.resolve("home"));
        env.put("HOME", home.toString());
        log.start();
        settingsLogger.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        settingsLogger.detachAppender(log);
        settingsLogger.setLevel(null);
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws IOException {
        agentYaml("tracker: http://file.example:7070\nport: 7001\ntags: web\ndeploy-root: /srv/app\n"
                + "data-dir: /var/lib/murder-agent\n");

        ParseResult fileOnly = parse("agent");
        assertThat(value(fileOnly, "--tracker")).isEqualTo("http://file.example:7070");
        assertThat(value(fileOnly, "--port")).isEqualTo(7001);
        assertThat(value(fileOnly, "--keep")).isEqualTo(5); // in no file: the built-in default

        env.put("MURDER_TRACKER", "http://env.example:7070");
        ParseResult withEnv = parse("agent");
        assertThat(value(withEnv, "--tracker")).isEqualTo("http://env.example:7070");

        ParseResult withFlags = parse("agent", "--tracker", "http://flag.example:7070", "--port", "7002");
        assertThat(value(withFlags, "--tracker")).isEqualTo("http://flag.example:7070");
        assertThat(value(withFlags, "--port")).isEqualTo(7002);

        agentYaml("tracker: http://file.example:7070\ntags: web\ndeploy-root: /srv/app\ndata-dir: /d\n");
        assertThat(value(parse("agent"), "--port")).isEqualTo(6881);
    }

    @Test
    void statusFindsTheTrackerInDeployYamlAndTheEnvironmentAndAFlagOverrideIt() throws IOException {
        int deadPort = MurderProcesses.freePort();
        try (TrackerDaemon tracker = TrackerDaemon.start(TrackerConfig.defaults(tmp.resolve("tracker"))
                .withBindAddress("127.0.0.1").withPort(0).withAuth(AuthSettings.NO_AUTH))) {
            String live = tracker.url().toString();
            String dead = "http://127.0.0.1:" + deadPort;
            deployYaml("tracker: " + live + "\n");
            assertThat(run("status")).as(err.toString()).isZero();

            env.put("MURDER_TRACKER", dead);
            assertThat(run("status")).isEqualTo(3);
            assertThat(err.toString()).contains("cannot reach the tracker at " + dead);

            assertThat(run("status", "--tracker", live)).as(err.toString()).isZero();
        }
    }

    @Test
    void anUnknownKeyIsRefusedNamingItTheFileAndTheValidKeys() throws IOException {
        Path file = agentYaml("tracker: http://t:7070\ntrackr: http://t:7071\n");
        int code = run("agent", "--tags", "web", "--deploy-root", "/d", "--data-dir", "/x");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("murder agent: " + file + " line 2: unknown key 'trackr'; "
                + "did you mean tracker? valid keys: after-activate, after-stage, allow-unsigned, bind, ca-file, data-dir, deploy-root, hook-timeout, host, keep,")
                .doesNotContain("\n");
    }

    @Test
    void aKeyOfAnyClientCommandIsValidInDeployYamlButRollbackIsNot() throws IOException {
        Path file = deployYaml("tracker: http://127.0.0.1:9\nkey: /etc/murder/release.key\ntimeout: 5m\n");
        assertThat(value(parse("status"), "--tracker")).isEqualTo("http://127.0.0.1:9"); // status has no --key
        deployYaml("tracker: http://127.0.0.1:9\nrollback: true\n");
        assertThat(run("status")).isEqualTo(2);
        assertThat(err.toString()).contains(file + " line 2: unknown key 'rollback'; rollback is chosen for each run");
    }

    @Test
    void malformedYamlIsOneLineNamingTheFileAndLine() throws IOException {
        Path file = trackerYaml("port: 7070\ndata-dir: [/var/lib/murder\n");
        assertThat(run("tracker")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("murder tracker: " + file + " line 3: not valid YAML: ")
                .doesNotContain("\n");
    }

    @Test
    void aBadValueIsNamedWithItsFileAndLine() throws IOException {
        Path file = trackerYaml("data-dir: /x\nport: seventy\nrequest-deadline: soon\n");
        assertThat(run("tracker")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("murder tracker: " + file + " line 2: port: 'seventy' is not a "
                + "whole number");
        trackerYaml("data-dir: /x\nrequest-deadline: soon\n");
        assertThat(run("tracker")).isEqualTo(2);
        assertThat(err.toString()).contains(file + " line 2: request-deadline: 'soon' is not a duration");
        trackerYaml("data-dir: /x\nport: [1, 2]\n");
        assertThat(run("tracker")).isEqualTo(2);
        assertThat(err.toString()).contains(file + " line 2: port: takes one value, not a list");
        // also when a flag overrides it
        trackerYaml("data-dir: /x\nopen-reads: maybe\n");
        assertThat(run("tracker", "--open-reads")).isEqualTo(2);
        assertThat(err.toString()).contains(file + " line 2: open-reads: 'maybe' must be true or false");
    }

    @Test
    void listOptionsTakeAYamlListOrCommaSeparatedValues() throws IOException {
        String required = "tracker: http://t:7070\ndeploy-root: /d\ndata-dir: /x\n";
        agentYaml(required + "tags: [web, eu]\ntrust: [/k/a.pub, /k/b.pub]\nallow-unsigned: yes\n");
        ParseResult listed = parse("agent");
        assertThat(value(listed, "--tags")).isEqualTo(List.of("web", "eu"));
        assertThat(value(listed, "--trust")).isEqualTo(List.of(Path.of("/k/a.pub"), Path.of("/k/b.pub")));
        assertThat(value(listed, "--allow-unsigned")).isEqualTo(true);

        agentYaml(required + "tags: web,eu\n");
        assertThat(value(parse("agent"), "--tags")).isEqualTo(List.of("web", "eu"));

        env.put("MURDER_TAGS", "db, us");
        assertThat(value(parse("agent"), "--tags")).isEqualTo(List.of("db", "us"));
        // a flag replaces the whole list, it does not add to it
        assertThat(value(parse("agent", "--tags", "cache"), "--tags")).isEqualTo(List.of("cache"));
    }

    @Test
    void aMissingRequiredSettingSaysWhereElseItMayCome() throws IOException {
        assertThat(run("agent", "--tags", "web", "--deploy-root", "/d", "--data-dir", "/x")).isEqualTo(2);
        assertThat(err.toString()).contains("missing --tracker (or MURDER_TRACKER, or tracker: in "
                + etc.resolve("agent.yaml") + ")");

        Path named = Files.writeString(tmp.resolve("other.yaml"), "tracker: http://t:7070\n");
        err.getBuffer().setLength(0);
        assertThat(run("agent", "--config", named.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing --tags (or MURDER_TAGS, or tags: in " + named + "); missing "
                + "--deploy-root (or MURDER_DEPLOY_ROOT, or deploy-root: in " + named + "); missing --data-dir (or "
                + "data-dir: in " + named + ")").doesNotContain("--tracker (");

        err.getBuffer().setLength(0);
        assertThat(run("deploy", tmp.toString(), "--unsigned")).isEqualTo(2);
        Path deployYaml = home.resolve(".config/murder/deploy.yaml");
        assertThat(err.toString()).contains("missing --tracker (or MURDER_TRACKER, or tracker: in " + deployYaml
                + "); missing --release; missing --tag (or tag: in " + deployYaml + ")");
    }

    @Test
    void theConfigFlagBeatsMurderConfigWhichBeatsTheDefaultFile() throws IOException {
        trackerYaml("data-dir: /from-default\n");
        Path fromEnv = Files.writeString(tmp.resolve("env.yaml"), "data-dir: /from-env\n");
        Path fromFlag = Files.writeString(tmp.resolve("flag.yaml"), "data-dir: /from-flag\n");
        assertThat(value(parse("tracker"), "--data-dir")).isEqualTo(Path.of("/from-default"));
        env.put("MURDER_CONFIG", fromEnv.toString());
        assertThat(value(parse("tracker"), "--data-dir")).isEqualTo(Path.of("/from-env"));
        assertThat(value(parse("tracker", "--config", fromFlag.toString()), "--data-dir"))
                .isEqualTo(Path.of("/from-flag"));

        Path absent = tmp.resolve("absent.yaml");
        assertThat(run("tracker", "--config", absent.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("murder tracker: settings file " + absent + " (from --config) "
                + "does not exist");
    }

    @Test
    void helpStillWorksWithABrokenFileAndShowsTheFilesValuesAsDefaults() throws IOException {
        agentYaml("port: 7001\n");
        assertThat(run("agent", "--help")).isZero();
        assertThat(out.toString()).contains("(default: 7001").contains("--config=FILE")
                .contains("MURDER_TRACKER");
        agentYaml("port: [\n");
        assertThat(run("agent", "--help")).isZero();
    }

    @Test
    void aDaemonLogsItsSettingsAndWhereEachCameFromButNoSecret() throws IOException {
        Path tokenFile = Files.writeString(tmp.resolve("agent.token"), "s3cret-agent-token\n");
        Path file = agentYaml("tracker: http://127.0.0.1:9\ntags: [web, eu]\ndeploy-root: /srv/app\n"
                + "trust: /nonexistent/release.pub\n");
        env.put("MURDER_TOKEN_FILE", tokenFile.toString());
        env.put("MURDER_TOKEN", "s3cret-env-token");
        // it stops at the missing trusted key, after the printout
        assertThat(run("agent", "--data-dir", tmp.resolve("agent").toString())).isEqualTo(2);

        // a line per setting, each its own log event (so each has the date, or is one JSON object)
        assertThat(log.list).hasSizeGreaterThan(10).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
        String printout = String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList()) + "\n";
        assertThat(printout)
                .startsWith("agent settings (flag > env > file > default; file " + file + "):")
                .containsPattern("tracker +http://127.0.0.1:9 +file " + file + " line 1\n")
                .containsPattern("tags +web,eu +file " + file + " line 2\n")
                .containsPattern("data-dir +" + tmp.resolve("agent") + " +flag\n")
                .containsPattern("token-file +" + tokenFile + " +env MURDER_TOKEN_FILE\n")
                .containsPattern("stall-timeout +60s +default\n")
                .containsPattern("host +- +default\n")
                .doesNotContain("s3cret");
    }

    @Test
    void aClientCommandLogsItsSettingsOnlyAtDebug() throws IOException {
        deployYaml("tracker: http://127.0.0.1:" + MurderProcesses.freePort() + "\n");
        assertThat(run("status")).isEqualTo(3);
        assertThat(log.list).isEmpty();

        settingsLogger.setLevel(Level.DEBUG);
        assertThat(run("status", "--json")).isEqualTo(3);
        assertThat(log.list).isNotEmpty().allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
        assertThat(log.list.get(0).getFormattedMessage()).startsWith("status settings");
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).containsPattern("json +true +flag"));
    }

    private int run(String... args) {
        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
        return commandLine().execute(args);
    }

    private ParseResult parse(String... args) {
        return commandLine().parseArgs(args).subcommand();
    }

    private CommandLine commandLine() {
        CommandLine cli = ConfigDefaults.install(Main.commandLine(), env, etc);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli;
    }

    private static Object value(ParseResult parsed, String option) {
        return parsed.commandSpec().findOption(option).getValue();
    }

    private Path agentYaml(String yaml) throws IOException {
        return Files.writeString(etc.resolve("agent.yaml"), yaml);
    }

    private Path trackerYaml(String yaml) throws IOException {
        return Files.writeString(etc.resolve("tracker.yaml"), yaml);
    }

    private Path deployYaml(String yaml) throws IOException {
        return Files.writeString(Files.createDirectories(home.resolve(".config/murder")).resolve("deploy.yaml"), yaml);
    }
}
