package murder.peer.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentLinkTest {

    @TempDir
    Path dir;

    private DeployRoot root() throws IOException {
        DeployRoot root = new DeployRoot(dir);
        for (String id : new String[] {"r1", "r2"}) {
            Files.createDirectories(root.releaseDir(id));
            Files.writeString(root.releaseDir(id).resolve("VERSION"), id);
        }
        return root;
    }

    @Test
    void firstSwapCreatesCurrentWithARelativeTarget() throws IOException {
        DeployRoot root = root();
        new CurrentLink(root).swapTo("r1");

        assertThat(Files.isSymbolicLink(root.current())).isTrue();
        assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases/r1"));
        assertThat(Files.readString(root.current().resolve("VERSION"))).isEqualTo("r1");
        assertThat(root.currentRelease()).contains("r1");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void swapReplacesAnExistingCurrent() throws IOException {
        DeployRoot root = root();
        CurrentLink link = new CurrentLink(root);
        link.swapTo("r1");
        link.swapTo("r2");

        assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases/r2"));
        assertThat(Files.readString(root.current().resolve("VERSION"))).isEqualTo("r2");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void currentIsResolvableThroughoutManySwaps() throws Exception {
        DeployRoot root = root();
        CurrentLink link = new CurrentLink(root);
        link.swapTo("r1");
        AtomicBoolean swapping = new AtomicBoolean(true);
        AtomicInteger misses = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (swapping.get()) {
                reads.incrementAndGet();
                if (!Files.isRegularFile(root.current().resolve("VERSION"))) {
                    misses.incrementAndGet();
                }
            }
        });
        for (int i = 0; i < 300; i++) {
            link.swapTo(i % 2 == 0 ? "r2" : "r1");
        }
        swapping.set(false);
        reader.get(10, TimeUnit.SECONDS);

        assertThat(reads.get()).isPositive();
        assertThat(misses.get()).isZero();
    }

    @Test
    void failureBeforeTheSwapLeavesCurrentUntouched() throws IOException {
        DeployRoot root = root();
        CurrentLink link = new CurrentLink(root);
        link.swapTo("r1");

        assertThatThrownBy(() -> link.swapTo("missing"))
                .isInstanceOf(MurderException.class).hasMessageContaining("releases/missing");

        assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases/r1"));
        assertThat(root.currentRelease()).contains("r1");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void refusesToReplaceARealDirectoryNamedCurrent() throws IOException {
        DeployRoot root = root();
        Files.createDirectories(root.current());
        Files.writeString(root.current().resolve("keep"), "x");

        assertThatThrownBy(() -> new CurrentLink(root).swapTo("r1"))
                .isInstanceOf(MurderException.class).hasMessageContaining("is a real directory");
        assertThat(root.current().resolve("keep")).exists();
    }

    private java.util.List<Path> leftovers() throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("current.tmp-")).toList();
        }
    }
}
