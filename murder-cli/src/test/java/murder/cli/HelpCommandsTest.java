package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import murder.cli.help.ManPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** `murder help`, `murder completion` and `murder man`, as a user sees them (bash and groff run for real). */
class HelpCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void helpCommandPrintsTheCommandsUsage() {
        CliRun run = CliRun.of("help", "deploy");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Usage: murder deploy").contains("--tag=TAG").contains("--release=ID");

        assertThat(CliRun.of("help", "token").out()).startsWith("Usage: murder token");
        CliRun unknown = CliRun.of("help", "deplyo");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.errLine()).contains("deplyo").contains("See 'murder --help'");
    }

    @Test
    void bashSourcesTheCompletionScriptAndCompletesCommandsAndOptions() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/bin/bash"))).as("bash is installed").isTrue();
        CliRun run = CliRun.of("completion");
        assertThat(run.code()).isZero();
        Path script = Files.writeString(tmp.resolve("murder-completion.bash"), run.out());

        assertThat(bash("source " + script + "; complete -p murder")).contains("-F _complete_murder").contains("murder");
        assertThat(complete(script, "murder", "dep")).containsExactly("deploy");
        assertThat(complete(script, "murder", "")).contains("deploy", "status", "tracker", "agent", "keygen", "token",
                "demo", "help", "completion", "man");
        assertThat(complete(script, "murder", "token", "")).contains("new", "agent");
        assertThat(complete(script, "murder", "deploy", "--ta")).containsExactly("--tag");
        assertThat(complete(script, "murder", "agent", "--stall")).containsExactly("--stall-timeout");
    }

    @Test
    void everyCommandHasAManPageThatGroffRenders() throws Exception {
        CommandSpec root = Main.commandLine().getCommandSpec();
        List<String> pages = ManPages.names(root);
        assertThat(pages).contains("murder.1", "murder-deploy.1", "murder-token-agent.1", "murder-man.1");
        for (CommandLine sub : root.subcommands().values()) {
            assertThat(pages).contains(ManPages.nameOf(sub.getCommandSpec()));
        }
        boolean groff = Files.isExecutable(Path.of("/usr/bin/groff"));
        for (String page : pages) {
            String command = page.substring(0, page.length() - 2).replace('-', ' ');
            List<String> args = new ArrayList<>(List.of("man"));
            args.addAll(Arrays.asList(command.split(" ")).subList(1, command.split(" ").length));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.code()).as(page).isZero();
            assertThat(run.out()).as(page).contains(".TH \"" + page.substring(0, page.length() - 2).toUpperCase()
                    .replace("-", "\\-") + "\" \"1\"").contains(".SH \"SYNOPSIS\"");
            if (groff) {
                String text = render(run.out());
                assertThat(text).as(page).contains("NAME").contains("SYNOPSIS").contains(command);
            }
        }
        if (groff) {
            String deploy = render(CliRun.of("man", "deploy").out());
            assertThat(deploy).contains("--release=ID").contains("--tag=TAG").contains("Exits 0 only if every");
        }
    }

    @Test
    void manOutWritesEveryPageAndAnUnknownCommandIsBadInput() throws IOException {
        Path dir = tmp.resolve("man1");
        CliRun run = CliRun.of("man", "--out", dir.toString());
        assertThat(run.code()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(ManPages.names(Main.commandLine().getCommandSpec()).stream().sorted()
                            .toList());
        }
        assertThat(Files.readString(dir.resolve("murder-tracker.1"))).contains("\\-\\-data\\-dir");

        CliRun unknown = CliRun.of("man", "deplyo");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.errLine()).startsWith("murder man: no command 'deplyo': the commands are deploy, "
                + "cancel, rollback, status");
    }

    @Test
    void versionSaysTheVersionCommitAndBuildTime() throws Exception {
        CliRun run = CliRun.of("--version");
        assertThat(run.code()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("murder \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines.get(1)).startsWith("commit ");
        String head = gitHead();
        if (head == null) {
            assertThat(lines.get(1)).isEqualTo("commit unknown");
        } else {
            // built from this checkout by the build that runs this test, so its HEAD is the jar's commit
            assertThat(head).startsWith(lines.get(1).substring("commit ".length()).split(" ")[0]);
        }
        assertThat(lines.get(2)).matches("built  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(lines.get(3)).startsWith("java   " + System.getProperty("java.version"));
    }

    @Test
    void aBuildWithoutGitSaysUnknownRatherThanThePlaceholder() {
        java.util.Properties info = new java.util.Properties();
        info.setProperty("version", "0.1.0");
        info.setProperty("commit", "${git.commit.id.abbrev}");
        info.setProperty("dirty", "${git.dirty}");
        info.setProperty("built", "2026-01-02T03:04:05Z");
        assertThat(Version.lines(info)).startsWith("murder 0.1.0", "commit unknown", "built  2026-01-02T03:04:05Z");
        info.setProperty("commit", "0123456789");
        info.setProperty("dirty", "true");
        assertThat(Version.lines(info)[1]).isEqualTo("commit 0123456789 (with uncommitted changes)");
    }

    /** What bash's completion function offers for the words typed so far (the last one is being completed). */
    private static List<String> complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append('"').append(word).append("\" ");
        }
        String line = String.join(" ", words);
        String out = bash("source " + script + " 2>/dev/null; COMP_WORDS=(" + array + "); COMP_CWORD="
                + (words.length - 1) + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; "
                + "_complete_murder 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String bash(String command) throws Exception {
        return exec(null, "/bin/bash", "-c", command);
    }

    private static String render(String roff) throws Exception {
        // -P-c: plain text without overstriking, so the words can be searched for
        return exec(roff, "/usr/bin/groff", "-man", "-Tutf8", "-P-c", "-P-b", "-P-u");
    }

    private static String exec(String stdin, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + new String(p.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private static String gitHead() throws Exception {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null; // no git here
        }
    }
}
