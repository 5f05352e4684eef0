package murder.peer.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    @TempDir
    Path dir;

    private DeployRoot rootWith(String... ids) throws IOException {
        DeployRoot root = new DeployRoot(dir);
        for (String id : ids) {
            Files.createDirectories(root.releaseDir(id).resolve("ro"));
            Files.setPosixFilePermissions(root.releaseDir(id).resolve("ro"), PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        return root;
    }

    @Test
    void keepsTheNewestActivatedReleases() throws IOException {
        DeployRoot root = rootWith("r1", "r2", "r3", "r4", "r5", "r6", "r7");
        new CurrentLink(root).swapTo("r7");

        List<String> deleted = new Retention(root).retain(List.of("r7", "r6", "r5", "r4", "r3", "r2", "r1"), 3);

        assertThat(deleted).containsExactlyInAnyOrder("r1", "r2", "r3", "r4");
        assertThat(present(root)).containsExactlyInAnyOrder("r5", "r6", "r7");
        assertThat(root.currentRelease()).contains("r7");
    }

    @Test
    void neverDeletesTheCurrentReleaseEvenWhenItIsOld() throws IOException {
        DeployRoot root = rootWith("r1", "r2", "r3", "r4");
        new CurrentLink(root).swapTo("r1");

        // r1 was activated first and is still current (say the newer ones were staged by superseded deployments)
        new Retention(root).retain(List.of("r4", "r3", "r2", "r1"), 2);

        assertThat(present(root)).containsExactlyInAnyOrder("r1", "r4");
        assertThat(Files.isDirectory(root.current())).isTrue();
    }

    @Test
    void releasesNeverActivatedGoFirst() throws IOException {
        DeployRoot root = rootWith("old", "staged-only", "new");
        new CurrentLink(root).swapTo("new");

        new Retention(root).retain(List.of("new", "old"), 2);

        assertThat(present(root)).containsExactlyInAnyOrder("new", "old");
    }

    private static List<String> present(DeployRoot root) throws IOException {
        List<String> ids = new ArrayList<>();
        try (var dirs = Files.list(root.releasesDir())) {
            dirs.forEach(d -> ids.add(d.getFileName().toString()));
        }
        try (var entries = Files.list(root.root())) {
            assertThat(entries.filter(p -> p.getFileName().toString().startsWith(".trash-"))).isEmpty();
        }
        return ids;
    }
}
