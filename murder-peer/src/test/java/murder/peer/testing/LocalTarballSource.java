package murder.peer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import murder.core.api.ReleaseManifest;
import murder.peer.deploy.Cancellation;
import murder.peer.deploy.TarballSource;

/** A tarball source that copies files from disk, records calls, and can hold a download until released. */
public final class LocalTarballSource implements TarballSource {

    private final Map<String, Path> tarballs = new ConcurrentHashMap<>();
    public final List<String> fetched = new CopyOnWriteArrayList<>();
    public final List<String> seeded = new CopyOnWriteArrayList<>();
    public final List<String> stopped = new CopyOnWriteArrayList<>();
    public volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    public final CompletableFuture<Void> downloadStarted = new CompletableFuture<>();

    public LocalTarballSource add(ReleaseManifest release, Path tarball) {
        tarballs.put(release.id(), tarball);
        return this;
    }

    @Override
    public Fetched fetch(ReleaseManifest release, Path dir, IntConsumer percent, Cancellation cancel) {
        fetched.add(release.id());
        downloadStarted.complete(null);
        percent.accept(0);
        percent.accept(50);
        cancel.await(gate);
        Path target = dir.resolve(release.fileName());
        try {
            if (!Files.exists(target)) {
                Files.copy(tarballs.get(release.id()), target);
            }
            percent.accept(100);
            return new Fetched(target, Files.size(target), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void seed(ReleaseManifest release, Path dir) {
        seeded.add(release.id());
    }

    @Override
    public void stop(String releaseId) {
        stopped.add(releaseId);
    }

    @Override
    public void keepOnly(Optional<String> releaseId) {
    }
}
