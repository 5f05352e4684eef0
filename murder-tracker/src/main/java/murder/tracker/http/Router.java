package murder.tracker.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import murder.core.MurderException;
import murder.core.api.AgentHeartbeat;
import murder.core.api.ApiPaths;
import murder.core.api.CreateDeployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.DesiredRelease;
import murder.core.api.RegisterRelease;
import murder.core.api.StateReport;
import murder.core.json.Json;
import murder.tracker.announce.AnnounceService;
import murder.tracker.auth.Access;
import murder.tracker.auth.Authorizer;
import murder.tracker.control.AgentService;
import murder.tracker.control.DeploymentService;
import murder.tracker.control.DesiredService;
import murder.tracker.control.HealthService;
import murder.tracker.control.ReleaseService;
import murder.tracker.control.ReportService;
import murder.tracker.control.StatusService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps method and path to a service call, and every failure to one JSON error answer: the one edge where
 * {@link MurderException}s become HTTP statuses. Knows nothing of Netty.
 */
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /** The services behind the routes. */
    public record Services(AnnounceService announce, ReleaseService releases, DeploymentService deployments,
                           AgentService agents, DesiredService desired, ReportService reports,
                           StatusService status, HealthService health) {
    }

    private final Services s;
    private final Authorizer auth;
    private final SiteRoutes site;

    public Router(Services services, Authorizer authorizer) {
        this(services, authorizer, null);
    }

    /** @param site the web page, /metrics and /health, outside the control API (null: none) */
    public Router(Services services, Authorizer authorizer, SiteRoutes site) {
        this.s = services;
        this.auth = authorizer;
        this.site = site;
    }

    /**
     * Announce, scrape and plain heartbeats only touch memory: they may be answered on the I/O thread, which saves
     * two thread hand-offs on the tracker's most frequent request.
     */
    public boolean isInMemory(ApiRequest request) {
        return request.path().equals(ApiPaths.ANNOUNCE) || request.path().equals(ApiPaths.SCRAPE)
                || isPlainHeartbeat(request);
    }

    /** A heartbeat of a known agent that changes nothing but its last-seen time (see AgentService). */
    private boolean isPlainHeartbeat(ApiRequest r) {
        if (!r.method().equals("PUT") || !r.path().startsWith(ApiPaths.AGENTS + "/")) {
            return false;
        }
        String host = r.path().substring(ApiPaths.AGENTS.length() + 1);
        try {
            return host.indexOf('/') < 0 && s.agents().onlyMovesLastSeen(host, Json.read(r.body(), AgentHeartbeat.class));
        } catch (RuntimeException e) {
            return false; // answered, with its error, by the workers
        }
    }

    /** Never throws: failures are answered as {@code {"error": ...}} with the status of their kind. */
    public ApiResult handle(ApiRequest request) {
        try {
            return route(request);
        } catch (RuntimeException e) {
            return new ApiResult.Done(errorReply(request, e));
        }
    }

    static HttpReply errorReply(ApiRequest request, Throwable e) {
        if (e instanceof MurderException m) {
            log.debug("{} {} failed: {}", request.method(), request.path(), m.getMessage());
            HttpReply reply = HttpReply.error(m.kind().httpStatus, m.getMessage());
            // RFC 6750: a 401 names the scheme the client should use
            return m.kind() == MurderException.Kind.UNAUTHORIZED
                    ? reply.withHeader("WWW-Authenticate", "Bearer realm=\"murder\"") : reply;
        }
        log.error("{} {} failed unexpectedly", request.method(), request.path(), e);
        return HttpReply.error(500, "internal tracker error on " + request.method() + " " + request.path() + ": " + e
                + " (see the tracker's log)");
    }

    private ApiResult route(ApiRequest r) {
        String path = r.path();
        if (path.equals(ApiPaths.ANNOUNCE)) {
            return on(r, "GET", () -> HttpReply.bencoded(s.announce().announce(r.rawQuery(), r.remote())));
        }
        if (path.equals(ApiPaths.SCRAPE)) {
            return on(r, "GET", () -> HttpReply.bencoded(s.announce().scrape(r.rawQuery())));
        }
        ApiResult page = site == null ? null : site.route(r);
        if (page != null) {
            return page;
        }
        if (!path.startsWith(ApiPaths.PREFIX + "/")) {
            throw notFound(r);
        }
        List<String> seg = List.of(path.substring(ApiPaths.PREFIX.length() + 1).split("/", -1));
        auth.check(r.credentials(), required(r, seg));
        // each section answers null for a path it does not know
        ApiResult result = switch (seg.get(0)) {
            case "releases" -> releases(r, seg);
            case "deployments" -> deployments(r, seg);
            case "agents" -> agents(r, seg);
            case "status" -> seg.size() == 1 ? on(r, "GET", () -> HttpReply.json(200, s.status().status())) : null;
            // open to all (no auth): pings and load balancers; a trivial store query, no scan
            case "health" -> seg.size() == 1 ? on(r, "GET", () -> HttpReply.json(200, s.health().health())) : null;
            default -> null;
        };
        if (result == null) {
            throw notFound(r);
        }
        return result;
    }

    /**
     * What a control API route needs: writes of releases and deployments a deployer, an agent's own routes that
     * agent, the health check nobody, everything else (reads, and paths that end in 404 or 405) any valid token.
     */
    private static Access required(ApiRequest r, List<String> seg) {
        String section = seg.get(0);
        if (section.equals("health") && seg.size() == 1) {
            return Access.PUBLIC; // pings and load balancers need no token; it tells nothing but "up"
        }
        boolean write = !r.method().equals("GET") && !r.method().equals("HEAD");
        if ((section.equals("releases") || section.equals("deployments")) && write) {
            return Access.DEPLOYER;
        }
        boolean longPoll = seg.size() == 3 && seg.get(2).equals("desired");
        if (section.equals("agents") && seg.size() >= 2 && (write || longPoll)) {
            return Access.agent(seg.get(1));
        }
        return Access.READ;
    }

    private ApiResult releases(ApiRequest r, List<String> seg) {
        if (seg.size() == 1) {
            return switch (r.method()) {
                case "GET" -> done(HttpReply.json(200, s.releases().list()));
                case "POST" -> {
                    var registered = s.releases().register(Json.read(r.body(), RegisterRelease.class));
                    yield done(HttpReply.json(registered.created() ? 201 : 200, registered.manifest()));
                }
                default -> methodNotAllowed(r, "GET, POST");
            };
        }
        if (seg.size() == 3 && seg.get(2).equals("torrent")) {
            return on(r, "GET", () -> HttpReply.bytes(HttpReply.TORRENT, s.releases().torrent(seg.get(1))));
        }
        return null;
    }

    private ApiResult deployments(ApiRequest r, List<String> seg) {
        if (seg.size() == 1) {
            return on(r, "POST", () -> HttpReply.json(201,
                    s.deployments().create(Json.read(r.body(), CreateDeployment.class))));
        }
        if (seg.size() == 2) {
            return r.method().equals("GET") ? deploymentStatus(r, number("deployment id", seg.get(1)))
                    : methodNotAllowed(r, "GET");
        }
        if (seg.size() == 3 && seg.get(2).equals("cancel")) {
            return on(r, "POST", () -> HttpReply.json(200, s.deployments().cancel(number("deployment id", seg.get(1)))));
        }
        return null;
    }

    private ApiResult agents(ApiRequest r, List<String> seg) {
        if (seg.size() == 1) {
            return on(r, "GET", () -> HttpReply.json(200, s.agents().list()));
        }
        String host = seg.get(1);
        if (seg.size() == 2) {
            return on(r, "PUT", () -> {
                s.agents().heartbeat(host, Json.read(r.body(), AgentHeartbeat.class));
                return HttpReply.noContent();
            });
        }
        if (seg.size() == 3 && seg.get(2).equals("desired")) {
            return r.method().equals("GET") ? desired(r, host) : methodNotAllowed(r, "GET");
        }
        if (seg.size() == 3 && seg.get(2).equals("reports")) {
            return on(r, "POST", () -> {
                s.reports().report(host, Json.read(r.body(), StateReport.class));
                return HttpReply.noContent();
            });
        }
        return null;
    }

    /**
     * A deployment's status; with {@code waitMs} and {@code known} (the asker's {@link DeploymentStatus#phaseStamp}),
     * a long-poll: answered at once if the phases differ from known, else at the next phase change of one of its
     * hosts (or its cancel), else when waitMs ends, with the status then. `murder deploy` watches this way, so it
     * hears of the last host at once without asking four times a second.
     */
    private ApiResult deploymentStatus(ApiRequest r, long id) {
        Duration wait = waitParam(r);
        Supplier<HttpReply> status = () -> HttpReply.json(200, s.deployments().status(id));
        Optional<String> known = r.param("known");
        if (wait.isZero() || known.isEmpty()) {
            return done(status.get());
        }
        // watching before reading: a change after the read answers the watch, none falls between the two
        CompletableFuture<HttpReply> reply = new CompletableFuture<>();
        Runnable forget = s.deployments().watch(id, () -> {
            try {
                reply.complete(status.get());
            } catch (RuntimeException e) {
                reply.completeExceptionally(e);
            }
        });
        reply.whenComplete((v, e) -> forget.run());
        DeploymentStatus now;
        try {
            now = s.deployments().status(id); // an unknown id is a 404 now, not after the wait
        } catch (RuntimeException e) {
            forget.run();
            throw e;
        }
        if (!now.phaseStamp().equals(known.get())) {
            reply.cancel(false);
            return done(HttpReply.json(200, now));
        }
        return new ApiResult.Waiting(reply, wait, status, true);
    }

    /** A long-poll's {@code waitMs}: none is 0, a negative one bad input, more than {@link #MAX_WAIT} that much. */
    private static Duration waitParam(ApiRequest r) {
        long waitMs = r.param("waitMs").map(v -> number("waitMs", v)).orElse(0L);
        if (waitMs < 0) {
            throw MurderException.badInput("waitMs must not be negative, got " + waitMs);
        }
        return Duration.ofMillis(Math.min(waitMs, MAX_WAIT.toMillis()));
    }

    /** The long-poll: answered now if there is something new, else when a deployment arrives or waitMs ends. */
    private ApiResult desired(ApiRequest r, String host) {
        long known = r.param("known").map(v -> number("known", v)).orElse(0L);
        boolean knownCancelled = r.param("cancelled").map(v -> flag("cancelled", v)).orElse(false);
        Duration wait = waitParam(r);
        CompletableFuture<Optional<DesiredRelease>> pending = s.desired().await(host, known, knownCancelled);
        if (pending.isDone() || wait.isZero()) {
            Optional<DesiredRelease> now = pending.getNow(Optional.empty());
            pending.cancel(false);
            return done(now.map(d -> HttpReply.json(200, d)).orElseGet(HttpReply::noContent));
        }
        CompletableFuture<HttpReply> reply = new CompletableFuture<>();
        pending.thenAccept(d -> reply.complete(d.map(v -> HttpReply.json(200, v)).orElseGet(HttpReply::noContent)));
        // a timeout or a closed connection completes/cancels the reply: drop the waiter with it
        reply.whenComplete((v, e) -> pending.cancel(false));
        return new ApiResult.Waiting(reply, wait, HttpReply.noContent());
    }

    static ApiResult on(ApiRequest r, String method, Supplier<HttpReply> action) {
        return r.method().equals(method) ? done(action.get()) : methodNotAllowed(r, method);
    }

    private static ApiResult done(HttpReply reply) {
        return new ApiResult.Done(reply);
    }

    private static ApiResult methodNotAllowed(ApiRequest r, String allowed) {
        return done(HttpReply.error(405, r.method() + " is not allowed on " + r.path() + "; use " + allowed)
                .withHeader("Allow", allowed));
    }

    private static MurderException notFound(ApiRequest r) {
        return new MurderException(MurderException.Kind.NOT_FOUND, "no such endpoint: " + r.method() + " " + r.path()
                + " (the control API is under " + ApiPaths.PREFIX + "; is the tracker URL right?)");
    }

    private static boolean flag(String what, String text) {
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw MurderException.badInput(what + " must be true or false, got '" + text + "'");
        };
    }

    private static long number(String what, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw MurderException.badInput(what + " must be a number, got '" + text + "'");
        }
    }
}
