import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Heartbeat load on a tracker (single-file program: java bench/HeartbeatLoad.java PORT AGENTS SECONDS CONNECTIONS
 * TRACKER_PID). Simulates AGENTS agents heartbeating every 2 s, spread evenly over the period, multiplexed over
 * CONNECTIONS keep-alive connections to 127.0.0.1:PORT. After a 5 s warm-up it measures for SECONDS and prints the
 * tracker's CPU (from /proc/PID/stat, % of one core), the heartbeat rate and the latency p50/p99/max.
 */
public class HeartbeatLoad {

    static final long PERIOD_NS = 2_000_000_000L;
    static final long WARMUP_NS = 5_000_000_000L;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int agents = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int connections = Math.min(Integer.parseInt(args[3]), agents);
        long pid = Long.parseLong(args[4]);
        long start = System.nanoTime() + 500_000_000L;
        long measureFrom = start + WARMUP_NS;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Worker w = new Worker(port, agents, connections, c, start, measureFrom, end, errors);
            workers.add(w);
            w.thread.start();
        }
        LockSupport.parkNanos(measureFrom - System.nanoTime());
        long cpuBefore = ticks(pid);
        LockSupport.parkNanos(end - System.nanoTime());
        long cpuAfter = ticks(pid);
        for (Worker w : workers) {
            w.thread.join(10_000);
        }
        long[] all = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.count)).sorted().toArray();
        long late = workers.stream().mapToLong(w -> w.late).sum();
        double cpu = 100.0 * (cpuAfter - cpuBefore) / ticksPerSecond() / seconds;
        System.out.printf(Locale.ROOT, "%d agents every 2 s over %d connections, %d s measured: %d heartbeats "
                + "(%.0f/s, scheduled %.0f/s), %d errors, %d skipped (the generator fell over 1 s behind)%n", agents, connections, seconds, all.length,
                all.length / (double) seconds, agents / 2.0, errors.get(), late);
        System.out.printf(Locale.ROOT, "tracker CPU: %.1f%% of one core (%.1f%% per 1,000 heartbeats/s); heartbeat "
                + "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", cpu, cpu / (all.length / (double) seconds / 1000),
                pct(all, 50), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    static double pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    /** utime + stime of the process, in clock ticks. */
    static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long ticksPerSecond() throws Exception {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
        return Long.parseLong(new String(p.getInputStream().readAllBytes()).trim());
    }

    /** One keep-alive connection carrying the heartbeats of agents c, c + K, c + 2K, ... */
    static final class Worker implements Runnable {
        final Thread thread = new Thread(this);
        final int port;
        final int[] mine;
        final int agents;
        final long start;
        final long measureFrom;
        final long end;
        final AtomicLong errors;
        long[] latencies = new long[1024];
        int count;
        long late;

        Worker(int port, int agents, int connections, int c, long start, long measureFrom, long end,
               AtomicLong errors) {
            this.port = port;
            this.agents = agents;
            this.mine = java.util.stream.IntStream.iterate(c, i -> i < agents, i -> i + connections).toArray();
            this.start = start;
            this.measureFrom = measureFrom;
            this.end = end;
            this.errors = errors;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            Socket socket = null;
            for (long round = 0; ; round++) {
                for (int agent : mine) {
                    long due = start + round * PERIOD_NS + PERIOD_NS * agent / agents;
                    if (due >= end) {
                        close(socket);
                        return;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else if (wait < -PERIOD_NS / 2) {
                        // a real agent sleeps 2 s after each heartbeat: it never bursts to catch up
                        if (due >= measureFrom) {
                            late++;
                        }
                        continue;
                    }
                    try {
                        if (socket == null) {
                            socket = new Socket();
                            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                            socket.setSoTimeout(10_000);
                            socket.setTcpNoDelay(true);
                        }
                        long sent = System.nanoTime();
                        heartbeat(socket, agent);
                        if (sent >= measureFrom) {
                            record(System.nanoTime() - sent);
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        close(socket);
                        socket = null;
                    }
                }
            }
        }

        void record(long ns) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = ns;
        }

        static void heartbeat(Socket socket, int agent) throws IOException {
            byte[] body = "{\"tags\":[\"bench\"],\"btPort\":6881}".getBytes(StandardCharsets.US_ASCII);
            String head = "PUT /api/v1/agents/bench-" + agent + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String headers = readHeaders(in);
            if (!headers.startsWith("HTTP/1.1 204")) {
                throw new IOException("unexpected answer: " + headers.lines().findFirst().orElse(""));
            }
            int length = contentLength(headers);
            if (in.readNBytes(length).length != length) {
                throw new IOException("short body");
            }
        }

        static String readHeaders(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                sb.append((char) b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : 0;
            }
            return sb.toString();
        }

        static int contentLength(String headers) {
            for (String line : headers.split("\r\n")) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            return 0;
        }

        static void close(Socket socket) {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
