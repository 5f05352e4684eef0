package murder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb and the release tarball that `mvn package` builds beside the jar, read with dpkg-deb and tar. */
class PackagesE2ETest {

    private static final Path DEB = Path.of(System.getProperty("murder.deb", "target/murder.deb"));
    private static final Path TARBALL = Path.of(System.getProperty("murder.tarball", "target/murder.tar.gz"));
    /** A line of `dpkg-deb --contents`: -rwxr-xr-x root/root 271 2024-12-01 19:49 ./usr/bin/murder */
    private static final Pattern CONTENTS_LINE =
            Pattern.compile("^-([rwx-]{9}) (\\S+) +\\d+ \\S+ \\S+ \\./(.+)$");

    @TempDir
    Path tmp;

    @Test
    void theDebDeclaresItsJavaDependencyAndConffiles() throws Exception {
        requireDeb();
        assertThat(Commands.ok("dpkg-deb", "--field", DEB.toString(), "Package").trim()).isEqualTo("murder");
        assertThat(Commands.ok("dpkg-deb", "--field", DEB.toString(), "Architecture").trim()).isEqualTo("all");
        assertThat(Commands.ok("dpkg-deb", "--field", DEB.toString(), "Depends")).contains("java17-runtime-headless");
        // the operator's settings are conffiles: dpkg keeps their edits on upgrade (and asks if both changed)
        assertThat(Commands.lines(Commands.ok("dpkg-deb", "--info", DEB.toString(), "conffiles")))
                .containsExactlyInAnyOrder("/etc/default/murder-agent", "/etc/default/murder-tracker");
        // like install.sh, the package never enables or starts a unit
        String postinst = Commands.ok("dpkg-deb", "--info", DEB.toString(), "postinst");
        assertThat(postinst).contains("adduser --system --group").doesNotContain("enable", "start");
    }

    @Test
    void theDebInstallsWhatInstallShInstalls() throws Exception {
        requireDeb();
        Path staged = tmp.resolve("staged");
        Commands.Result install = Commands.install(Map.of("DESTDIR", staged.toString(), "PREFIX", "/usr",
                "UNITDIR", "/lib/systemd/system"));
        assertThat(install.exitCode()).as(install.output()).isZero();

        Map<String, String> inDeb = new TreeMap<>();
        for (String line : Commands.lines(Commands.ok("dpkg-deb", "--contents", DEB.toString()))) {
            if (line.startsWith("d")) {
                assertThat(line).startsWith("drwxr-xr-x root/root");
                continue;
            }
            Matcher m = CONTENTS_LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(m.group(2)).as(line).isEqualTo("root/root");
            inDeb.put(m.group(3), m.group(1));
        }
        assertThat(inDeb).isEqualTo(Trees.filesAndModes(staged));

        Path unpacked = tmp.resolve("unpacked");
        Commands.ok("dpkg-deb", "-x", DEB.toString(), unpacked.toString());
        assertThat(unpacked.resolve("usr/lib/murder/murder.jar")).hasSameBinaryContentAs(Commands.JAR);
        assertThat(Files.readString(unpacked.resolve("usr/bin/murder"))).contains("-jar /usr/lib/murder/murder.jar");
        assertThat(Files.readString(unpacked.resolve("lib/systemd/system/murder-agent.service")))
                .contains("ExecStart=/usr/bin/murder agent");
    }

    @Test
    void theTarballHoldsWhatAHostNeedsAndInstallsFromItself() throws Exception {
        assumeTrue(Files.exists(TARBALL), "skipped: " + TARBALL + " is not built (mvn package without -Ddist.skip)");
        Commands.ok("tar", "-xzf", TARBALL.toString(), "-C", tmp.toString());
        String name = TARBALL.getFileName().toString().replace(".tar.gz", "");
        Path top = tmp.resolve(name);

        assertThat(top.resolve("murder.jar")).hasSameBinaryContentAs(Commands.JAR);
        assertThat(top.resolve("LICENSE")).hasSameTextualContentAs(Commands.CHECKOUT.resolve("LICENSE"));
        assertThat(top.resolve("README.md")).exists();
        assertThat(Trees.mode(top.resolve("deploy-scripts/install.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(Trees.mode(top.resolve("deploy-scripts/murder"))).isEqualTo("rwxr-xr-x");
        assertThat(Trees.mode(top.resolve("deploy-scripts/make-class-archive"))).isEqualTo("rwxr-xr-x");
        try (var docs = Files.list(Commands.CHECKOUT.resolve("docs"))) {
            docs.forEach(doc -> assertThat(top.resolve("docs").resolve(doc.getFileName()))
                    .hasSameTextualContentAs(doc));
        }
        for (String file : new String[] {"murder-agent.service", "murder-tracker.service", "murder-agent.env",
                "murder-tracker.env"}) {
            assertThat(top.resolve("deploy-scripts").resolve(file)).exists();
        }

        // what the README says to do with it: run its install.sh, which finds the jar beside deploy-scripts/
        Path root = tmp.resolve("root");
        Commands.Result install = Commands.run(Map.of("DESTDIR", root.toString()), Duration.ofMinutes(2), "sh",
                top.resolve("deploy-scripts/install.sh").toString());
        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(root.resolve("usr/local/lib/murder/murder.jar")).hasSameBinaryContentAs(Commands.JAR);
    }

    private static void requireDeb() {
        assumeTrue(Commands.onPath("dpkg-deb"), "skipped: dpkg-deb is missing (apt-get install dpkg)");
        assumeTrue(Files.exists(DEB), "skipped: " + DEB + " is not built (mvn package without -Ddist.skip)");
    }
}
