package murder.tracker.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import murder.core.MurderException;
import murder.core.api.AgentHeartbeat;
import murder.core.api.CreateDeployment;
import murder.core.api.HostPhase;
import murder.core.api.RegisterRelease;
import murder.core.api.StateReport;
import murder.core.json.Json;
import murder.tracker.MutableClock;
import murder.tracker.TestReleases;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerWiring;
import murder.tracker.announce.RawQuery;
import murder.tracker.auth.Authorizer;
import murder.tracker.metrics.TrackerMetrics;
import murder.tracker.store.TrackerStore;
import murder.tracker.web.WebAssets;
import org.slf4j.LoggerFactory;

/**
 * Throws random and mutated-valid requests at the tracker's parsers and router, with a real store behind them,
 * and records every answer that is a 5xx, every exception that escapes and every call that hangs. Used by
 * {@code ApiFuzzTest} (a few thousand inputs) and {@code bench/fuzz.sh} (100,000 or more).
 */
final class ApiFuzzer implements AutoCloseable {

    /** Longest a single parse or route may take; anything slower counts as a hang. */
    static final Duration CALL_LIMIT = Duration.ofSeconds(5);
    private static final InetAddress[] REMOTES = {null, InetAddress.getLoopbackAddress(), address("10.1.2.3"),
        address("::1"), address("192.168.0.7")};

    /** What a run saw: answers per status class, long-polls, and the failures (with enough to replay each). */
    record Report(long inputs, TreeMap<String, Long> statusClasses, long longPolls, List<String> failures,
                  Duration took) {
        @Override
        public String toString() {
            return String.format("fuzz: %d inputs in %.1f s (%.0f/s): %s, long-polls %d, failures %d",
                    inputs, took.toMillis() / 1000.0, inputs * 1000.0 / Math.max(1, took.toMillis()), statusClasses,
                    longPolls, failures.size());
        }
    }

    private final TrackerStore store;
    private final Router router;
    private final ExecutorService caller = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-call");
        t.setDaemon(true);
        return t;
    });
    private final byte[] registerBody;
    private final String announceQuery;
    private final byte[] deploymentBody;
    private final byte[] heartbeatBody;
    private final byte[] reportBody;

    ApiFuzzer(Path dataDir) throws IOException {
        store = TrackerStore.open(dataDir.resolve("db"));
        var services = TrackerWiring.services(store, TrackerConfig.defaults(dataDir),
                new MutableClock(Instant.parse("2024-01-01T00:00:00Z")));
        TrackerMetrics metrics = new TrackerMetrics(services.deployments(), services.agents(), services.desired());
        router = new Router(services, Authorizer.open(),
                new SiteRoutes(WebAssets.load(), metrics::scrape, services.health(), Authorizer.open()));
        RegisterRelease release = TestReleases.make(dataDir.resolve("release"), "r1", "fuzz");
        registerBody = Json.write(release);
        heartbeatBody = Json.write(new AgentHeartbeat(List.of("web"), 6881, "r1"));
        deploymentBody = Json.write(new CreateDeployment("r1", "web"));
        reportBody = Json.write(new StateReport(1, "r1", HostPhase.DOWNLOADING, 50, null));
        // a world with a release, a live agent and a deployment, so mutated bodies get past the first checks
        expect(call("POST", "/api/v1/releases", registerBody), 201);
        expect(call("PUT", "/api/v1/agents/h1", heartbeatBody), 204);
        expect(call("POST", "/api/v1/deployments", deploymentBody), 201);
        byte[] peerId = "-MU0001-fuzzfuzzfuzz".getBytes(UTF_8);
        announceQuery = "info_hash=" + pct(HexFormat.of().parseHex(release.manifest().infoHash())) + "&peer_id="
                + pct(peerId) + "&port=6881&uploaded=0&downloaded=0&left=0&event=started&numwant=50&compact=1"
                + "&ip=10.0.0.1";
    }

    Report run(int inputs, long seed) {
        Random random = new Random(seed);
        FuzzInputs in = new FuzzInputs(random);
        TreeMap<String, Long> classes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long longPolls = 0;
        long start = System.nanoTime();
        for (int i = 0; i < inputs; i++) {
            Input input = next(in, random);
            Outcome outcome = attempt(input);
            if (outcome.status > 0) {
                classes.merge(outcome.status / 100 + "xx", 1L, Long::sum);
            }
            longPolls += outcome.longPoll ? 1 : 0;
            if (outcome.failure != null) {
                failures.add("#" + i + " " + outcome.failure + " <- " + input);
            }
            if (outcome.failure != null && outcome.failure.startsWith("hang")) {
                break; // the one caller thread may still be stuck: later inputs would only time out behind it
            }
        }
        return new Report(inputs, classes, longPolls, failures, Duration.ofNanos(System.nanoTime() - start));
    }

    private record Input(String method, String uri, byte[] body, InetAddress remote) {
        @Override
        public String toString() {
            String text = new String(body, UTF_8);
            return method + " " + uri + " body " + (text.length() > 300 ? text.substring(0, 300) + "..." : text)
                    + " from " + remote;
        }
    }

    private record Outcome(int status, boolean longPoll, String failure) {
    }

    private Input next(FuzzInputs in, Random random) {
        InetAddress remote = REMOTES[random.nextInt(REMOTES.length)];
        return switch (random.nextInt(12)) {
            case 0, 1 -> new Input(in.method("GET"), "/announce?" + in.query(announceQuery), new byte[0], remote);
            case 2 -> new Input(in.method("GET"), "/scrape?" + in.query(announceQuery), new byte[0], remote);
            case 3 -> new Input(in.method("POST"), "/api/v1/releases", in.body(registerBody), remote);
            case 4 -> new Input(in.method("POST"), "/api/v1/deployments", in.body(deploymentBody), remote);
            case 5 -> new Input(in.method("PUT"), "/api/v1/agents/" + host(in, random), in.body(heartbeatBody), remote);
            case 6 -> new Input(in.method("POST"), "/api/v1/agents/" + host(in, random) + "/reports",
                    in.body(reportBody), remote);
            case 7 -> new Input(in.method("GET"), "/api/v1/agents/" + host(in, random) + "/desired?"
                    + in.query("known=0&waitMs=" + random.nextInt(3)), new byte[0], remote);
            case 8 -> new Input(in.method("GET"), in.path() + (random.nextBoolean() ? "?" + in.query("a=b") : ""),
                    new byte[0], remote);
            default -> {
                byte[][] bodies = {registerBody, deploymentBody, heartbeatBody, reportBody, in.randomBytes(20)};
                yield new Input(in.method("POST"), in.path(), in.body(in.pick(bodies)), remote);
            }
        };
    }

    private static String host(FuzzInputs in, Random random) {
        return random.nextInt(3) == 0 ? in.text().replace("/", "%2F").replace("?", "%3F") : "h1";
    }

    /** One input through the whole request path; a failure is a 5xx, an escaped exception or a hang. */
    private Outcome attempt(Input input) {
        Future<Outcome> future = caller.submit(() -> handle(input));
        try {
            return future.get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome(0, false, "hang: no answer within " + CALL_LIMIT);
        } catch (Exception e) {
            return new Outcome(0, false, "threw " + e.getCause());
        }
    }

    private Outcome handle(Input input) {
        // what the transport does: first the announce parser on its own, then the request line, then the router
        if (input.uri().startsWith("/announce?")) {
            try {
                RawQuery.parse(input.uri().substring("/announce?".length()));
            } catch (MurderException e) {
                if (e.kind() != MurderException.Kind.BAD_INPUT) {
                    return new Outcome(0, false, "RawQuery.parse threw " + e);
                }
            }
        }
        ApiRequest request;
        try {
            request = ApiRequest.of(input.method(), input.uri(), input.body(), input.remote());
        } catch (MurderException e) {
            int status = e.kind().httpStatus;
            return new Outcome(status, false, status >= 500 ? "ApiRequest.of: " + e.getMessage() : null);
        }
        ApiResult result = router.handle(request);
        if (result instanceof ApiResult.Done done) {
            int status = done.reply().status();
            return new Outcome(status, false, status >= 500 ? status + " " + done.reply().bodyText() : null);
        }
        ApiResult.Waiting waiting = (ApiResult.Waiting) result;
        if (waiting.timeout().compareTo(Router.MAX_WAIT) > 0 || waiting.timeout().isNegative()) {
            return new Outcome(0, true, "long-poll of " + waiting.timeout() + " is beyond " + Router.MAX_WAIT);
        }
        // what the transport's timer does when the poll ends
        waiting.reply().complete(waiting.onTimeout().get());
        int status = waiting.reply().join().status();
        return new Outcome(status, true, status >= 500 ? "long-poll answered " + status : null);
    }

    private HttpReply call(String method, String uri, byte[] body) {
        ApiResult result = router.handle(ApiRequest.of(method, uri, body, InetAddress.getLoopbackAddress()));
        return ((ApiResult.Done) result).reply();
    }

    private static void expect(HttpReply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("fuzz setup: expected " + status + ", got " + reply.status() + " "
                    + reply.bodyText());
        }
    }

    private static String pct(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return out.toString();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tracker logs every refused input at INFO or DEBUG; during a fuzz run only errors are worth a line. */
    static void quietLogs() {
        ((Logger) LoggerFactory.getLogger("murder")).setLevel(Level.ERROR);
    }

    @Override
    public void close() {
        caller.shutdownNow();
        store.close();
    }
}
