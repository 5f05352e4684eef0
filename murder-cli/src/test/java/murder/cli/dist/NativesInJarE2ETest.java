package murder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar keeps sqlite-jdbc's natives for Linux x86_64 and aarch64 only, and the tracker still opens its db. */
class NativesInJarE2ETest {

    @TempDir
    Path tmp;

    @Test
    void onlyTheLinuxX8664AndAarch64NativesAreLeft() throws Exception {
        try (ZipFile jar = new ZipFile(Commands.JAR.toFile())) {
            List<String> natives = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.matches(".*\\.(so|dll|dylib|jnilib|a)$")).toList();
            assertThat(natives).containsExactlyInAnyOrder("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
                    "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so");
        }
    }

    @Test
    void theTrackerOpensItsDatabaseFromThePackagedJar() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process tracker = new ProcessBuilder(java, "-Xmx128m", "-jar", Commands.JAR.toString(), "tracker", "--port",
                String.valueOf(port), "--bind", "127.0.0.1", "--data-dir", tmp.resolve("data").toString(), "--no-auth")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("tracker.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            // the health check runs a query on tracker.db: 200 means the native library loaded
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            assertThat(tmp.resolve("data/tracker.db")).exists();
        } finally {
            tracker.destroy();
            if (!tracker.waitFor(20, TimeUnit.SECONDS)) {
                tracker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
