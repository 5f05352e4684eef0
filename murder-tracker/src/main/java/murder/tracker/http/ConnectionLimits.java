package murder.tracker.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a client may hold of the tracker: connections, time and bytes. Defaults are generous for a fleet of
 * agents and a few hundred on one host (tests, loopback), and still cut slowloris clients within seconds.
 *
 * @param requestDeadline         a request must arrive whole within this long of its first byte (or of the
 *                                connect, for the first one); slow senders are answered 408 and closed
 * @param idleTimeout             a keep-alive connection with no request in flight is closed after this long;
 *                                a long-poll waiting for its answer is in flight and never cut
 * @param maxConnectionsPerSource open connections from one source address; more are closed at once
 * @param maxConnections          open connections in all
 * @param workerQueue             requests waiting for a store worker; more are answered 503 with Retry-After
 * @param maxHeaderBytes          longest request line, and largest header block (431/414 beyond)
 */
public record ConnectionLimits(Duration requestDeadline, Duration idleTimeout, int maxConnectionsPerSource,
                               int maxConnections, int workerQueue, int maxHeaderBytes) {

    public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);
    public static final int DEFAULT_MAX_CONNECTIONS_PER_SOURCE = 256;
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    public static final int DEFAULT_WORKER_QUEUE = 256;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;

    public ConnectionLimits {
        requirePositive("requestDeadline", requestDeadline);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("maxConnectionsPerSource", maxConnectionsPerSource);
        requirePositive("maxConnections", maxConnections);
        requirePositive("workerQueue", workerQueue);
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 1024, got " + maxHeaderBytes);
        }
    }

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_REQUEST_DEADLINE, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS_PER_SOURCE,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_WORKER_QUEUE, DEFAULT_MAX_HEADER_BYTES);
    }

    public ConnectionLimits withRequestDeadline(Duration value) {
        return new ConnectionLimits(value, idleTimeout, maxConnectionsPerSource, maxConnections,
                workerQueue, maxHeaderBytes);
    }

    public ConnectionLimits withIdleTimeout(Duration value) {
        return new ConnectionLimits(requestDeadline, value, maxConnectionsPerSource, maxConnections,
                workerQueue, maxHeaderBytes);
    }

    public ConnectionLimits withMaxConnectionsPerSource(int value) {
        return new ConnectionLimits(requestDeadline, idleTimeout, value, maxConnections, workerQueue, maxHeaderBytes);
    }

    public ConnectionLimits withMaxConnections(int value) {
        return new ConnectionLimits(requestDeadline, idleTimeout, maxConnectionsPerSource, value,
                workerQueue, maxHeaderBytes);
    }

    public ConnectionLimits withWorkerQueue(int value) {
        return new ConnectionLimits(requestDeadline, idleTimeout, maxConnectionsPerSource, maxConnections,
                value, maxHeaderBytes);
    }

    public ConnectionLimits withMaxHeaderBytes(int value) {
        return new ConnectionLimits(requestDeadline, idleTimeout, maxConnectionsPerSource, maxConnections,
                workerQueue, value);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
