package murder.peer.hooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One operator command run by {@code /bin/sh -c} in a directory, with environment variables, bounded by a timeout
 * (then it and its children are killed). Its combined output is kept, the last {@link #KEEP_BYTES} of it, for the
 * host's reason when it fails.
 */
public final class Hook {

    static final int KEEP_BYTES = 2000;
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    /** How a run ended: exit code (or -1 when it timed out) and the tail of its output. */
    public record Result(int exitCode, boolean timedOut, String output) {

        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** "exited 3" or "timed out after 60 s", then the output's tail. */
        public String describe(Duration timeout) {
            String how = timedOut ? "timed out after " + timeout.toSeconds() + " s" : "exited " + exitCode;
            return how + (output.isBlank() ? " with no output" : ": " + output.strip());
        }
    }

    private final String name;
    private final String command;
    private final Duration timeout;

    public Hook(String name, String command, Duration timeout) {
        this.name = name;
        this.command = command;
        this.timeout = timeout;
    }

    public String name() {
        return name;
    }

    public Duration timeout() {
        return timeout;
    }

    public Result run(Path workDir, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(127, false, "cannot start /bin/sh: " + e.getMessage());
        }
        Tail tail = new Tail(process.getInputStream());
        Thread reader = new Thread(tail, "murder-hook-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                kill(process);
            }
            reader.join(KILL_GRACE.toMillis()); // the output of children that keep the pipe open is not waited for
            return new Result(ended ? process.exitValue() : -1, !ended, tail.text());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Result(-1, true, tail.text() + " (interrupted: the agent is stopping)");
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            process.destroyForcibly().waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end, keeping only its last bytes. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final byte[] ring = new byte[KEEP_BYTES];
        private long total;

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) (total++ % KEEP_BYTES)] = buffer[i];
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed: keep what was read
            }
        }

        synchronized String text() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long from = Math.max(0, total - KEEP_BYTES);
            for (long i = from; i < total; i++) {
                out.write(ring[(int) (i % KEEP_BYTES)]);
            }
            String text = out.toString(StandardCharsets.UTF_8);
            return from > 0 ? "..." + text : text;
        }
    }
}
