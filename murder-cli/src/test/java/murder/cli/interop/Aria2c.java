package murder.cli.interop;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * aria2c (Debian package aria2, {@code scripts/install-aria2.sh}) as a standard BitTorrent client: one bounded
 * download of a .torrent into a directory, with DHT, LAN discovery and PEX off so it finds peers only through
 * the tracker, and its log kept to tell when the first piece arrived.
 */
final class Aria2c {

    /** aria2's log lines start with a local timestamp: {@code 2026-01-01 12:00:00.123456 [INFO] ...}. */
    private static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}) ");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** What one run did: its exit code, log, and wall-clock times from start. */
    record Run(int exitCode, Path log, Duration exited, Optional<Duration> firstPiece, Optional<Duration> complete) {
    }

    private final Path binary;

    private Aria2c(Path binary) {
        this.binary = binary;
    }

    /** The aria2c on the PATH, if any. */
    static Optional<Aria2c> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "aria2c");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Aria2c(candidate));
            }
        }
        return Optional.empty();
    }

    /** Downloads the torrent into {@code dir}, seeding nothing afterwards; kills aria2c if it outlives the deadline. */
    Run download(Path torrent, Path dir, Path log, Duration deadline, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--no-conf", "--dir=" + dir, "--log=" + log,
                "--log-level=info", "--console-log-level=warn", "--summary-interval=0", "--seed-time=0",
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--listen-port=" + freePort(), "--file-allocation=none", "--bt-stop-timeout=" + deadline.toSeconds(),
                "--stop=" + deadline.toSeconds()));
        command.addAll(List.of(options));
        command.add(torrent.toString());
        LocalDateTime startedAt = LocalDateTime.now();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.resolveSibling(log.getFileName() + ".console").toFile()).start();
        try {
            if (!process.waitFor(deadline.toSeconds() + 30, TimeUnit.SECONDS)) {
                throw new AssertionError("aria2c still running after " + deadline + " + 30 s; log: " + log);
            }
            Duration exited = Duration.ofNanos(System.nanoTime() - start);
            return new Run(process.exitValue(), log, exited, logged(log, startedAt, "we got new piece"),
                    logged(log, startedAt, "Download complete:"));
        } finally {
            process.destroyForcibly();
        }
    }

    /** When aria2c first logged a line containing {@code text} (e.g. a verified piece), from its start. */
    private static Optional<Duration> logged(Path log, LocalDateTime startedAt, String text) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(log)) {
            if (line.contains(text)) {
                Matcher m = STAMP.matcher(line);
                if (m.find()) {
                    return Optional.of(Duration.between(startedAt, LocalDateTime.parse(m.group(1), FORMAT)));
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
