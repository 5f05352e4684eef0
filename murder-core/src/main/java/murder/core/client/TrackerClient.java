package murder.core.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.api.AgentHeartbeat;
import murder.core.api.AgentInfo;
import murder.core.api.ApiPaths;
import murder.core.api.CreateDeployment;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.DesiredRelease;
import murder.core.api.ErrorBody;
import murder.core.api.Health;
import murder.core.api.RegisterRelease;
import murder.core.api.ReleaseManifest;
import murder.core.api.StateReport;
import murder.core.api.TrackerStatus;
import murder.core.json.Json;
import murder.core.trust.Envelope;

/**
 * The tracker's control API as seen by the CLI, the seeder and the agents. Failures become
 * {@link MurderException}s: UNAVAILABLE when the tracker cannot be reached, otherwise the kind of the HTTP status
 * with the tracker's own error message.
 */
public final class TrackerClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final TrackerAccess access;
    private final HttpClient http;

    /** A client without credentials: only for a tracker run with --no-auth. */
    public TrackerClient(URI base) {
        this(base, TrackerAccess.NONE);
    }

    public TrackerClient(URI base, TrackerAccess access) {
        this.base = TrackerUrls.normalize(base);
        this.access = access;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1);
        if (access.tls() != null) {
            builder.sslContext(access.tls());
        }
        this.http = builder.build();
    }

    public URI base() {
        return base;
    }

    /** The credentials and TLS trust this client uses (the BitTorrent runtime needs the same trust). */
    public TrackerAccess access() {
        return access;
    }

    public String announceUrl() {
        return base + ApiPaths.ANNOUNCE;
    }

    public ReleaseManifest registerRelease(ReleaseManifest manifest, byte[] torrent) {
        return send(post(ApiPaths.RELEASES, new RegisterRelease(manifest, torrent)), ReleaseManifest.class);
    }

    /** Every registered release. */
    public List<ReleaseManifest> releases() {
        return List.of(send(request(ApiPaths.RELEASES).GET().build(), ReleaseManifest[].class));
    }

    public byte[] torrent(String releaseId) {
        return sendForBytes(request(ApiPaths.torrent(releaseId)).GET().build());
    }

    public Deployment createDeployment(String releaseId, String tag) {
        return createDeployment(new CreateDeployment(releaseId, tag));
    }

    public Deployment createDeployment(CreateDeployment request) {
        return send(post(ApiPaths.DEPLOYMENTS, request), Deployment.class);
    }

    /** A deployment whose unsettled targets the tracker marks FAILED after {@code timeout} (whole seconds, rounded up). */
    public Deployment createDeployment(String releaseId, String tag, Envelope signature, Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        return createDeployment(new CreateDeployment(releaseId, tag, signature, seconds));
    }

    public DeploymentStatus deployment(long id) {
        return send(request(ApiPaths.deployment(id)).GET().build(), DeploymentStatus.class);
    }

    /**
     * A deployment's status once its hosts' phases differ from {@code known} (a {@link DeploymentStatus#phaseStamp},
     * null for "answer now"), or after {@code wait} (the tracker's long-poll). A tracker older than it answers at once.
     */
    public DeploymentStatus deployment(long id, Duration wait, String known) {
        String query = "?waitMs=" + wait.toMillis() + (known == null ? "" : "&known=" + known);
        HttpRequest req = request(ApiPaths.deployment(id) + query).timeout(wait.plus(REQUEST_TIMEOUT)).GET().build();
        return send(req, DeploymentStatus.class);
    }

    /** Cancels a deployment (deployer token): hosts that had not settled become FAILED; its status after. */
    public DeploymentStatus cancelDeployment(long id) {
        return send(post(ApiPaths.cancel(id), Map.of()), DeploymentStatus.class);
    }

    /** A cheap liveness check (no store scan): use it to ping the tracker. */
    public Health health() {
        return send(request(ApiPaths.HEALTH).GET().build(), Health.class);
    }

    /** The agents the tracker knows, without releases and deployments. */
    public List<AgentInfo> agents() {
        return List.of(send(request(ApiPaths.AGENTS).GET().build(), AgentInfo[].class));
    }

    public TrackerStatus status() {
        return send(request(ApiPaths.STATUS).GET().build(), TrackerStatus.class);
    }

    public void heartbeat(String host, AgentHeartbeat heartbeat) {
        sendForBytes(request(ApiPaths.agent(host)).PUT(body(heartbeat)).build());
    }

    /** Long-polls for a deployment newer than {@code knownDeploymentId}; empty when the wait ran out. */
    public Optional<DesiredRelease> desired(String host, long knownDeploymentId, Duration wait) {
        return desired(host, knownDeploymentId, false, wait);
    }

    /** The long-poll; it also answers when {@code knownDeploymentId} is cancelled, unless {@code knownCancelled}. */
    public Optional<DesiredRelease> desired(String host, long knownDeploymentId, boolean knownCancelled,
                                            Duration wait) {
        HttpRequest req = request(ApiPaths.desired(host) + "?known=" + knownDeploymentId
                + (knownCancelled ? "&cancelled=true" : "") + "&waitMs=" + wait.toMillis())
                .timeout(wait.plus(REQUEST_TIMEOUT))
                .GET().build();
        byte[] body = sendForBytes(req);
        return body.length == 0 ? Optional.empty() : Optional.of(Json.read(body, DesiredRelease.class));
    }

    public void report(String host, StateReport report) {
        sendForBytes(post(ApiPaths.reports(host), report));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(base.getPath() + path))
                .timeout(REQUEST_TIMEOUT);
        if (access.token() != null) {
            builder.header("Authorization", "Bearer " + access.token());
        }
        if (access.agentHost() != null) {
            builder.header(TrackerAccess.AGENT_HEADER, access.agentHost());
        }
        return builder;
    }

    private HttpRequest post(String path, Object body) {
        return request(path).POST(body(body)).header("Content-Type", "application/json").build();
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        return HttpRequest.BodyPublishers.ofByteArray(Json.write(value));
    }

    private <T> T send(HttpRequest request, Class<T> type) {
        return Json.read(sendForBytes(request), type);
    }

    private byte[] sendForBytes(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new MurderException(Kind.UNAVAILABLE, "cannot reach the tracker at " + base
                    + " (" + describe(e) + "): check the --tracker URL and that `murder tracker` runs there", e);
        } catch (HttpTimeoutException e) {
            throw new MurderException(Kind.UNAVAILABLE, "the tracker at " + base + " did not answer "
                    + request.method() + " " + request.uri().getPath() + " in time", e);
        } catch (IOException e) {
            MurderException tls = tlsFailure(e);
            if (tls != null) {
                throw tls;
            }
            throw new MurderException(Kind.UNAVAILABLE, "lost the connection to the tracker at " + base
                    + " (" + describe(e) + ")" + (base.getScheme().equals("http")
                    ? "; if the tracker runs with --tls-cert, use an https:// URL" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MurderException(Kind.UNAVAILABLE, "interrupted while talking to the tracker", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw new MurderException(Kind.fromHttpStatus(status), "tracker refused " + request.method() + " "
                + request.uri().getPath() + " (HTTP " + status + "): " + errorMessage(response.body())
                + credentialsHint(status));
    }

    /** A failed TLS handshake is a configuration problem (exit 2), not an outage: say what to check. */
    private MurderException tlsFailure(IOException e) {
        Throwable ssl = e instanceof SSLException ? e : e.getCause();
        if (ssl instanceof SSLHandshakeException && base.getScheme().equals("https")) {
            return new MurderException(Kind.BAD_INPUT, "cannot verify the TLS certificate of the tracker at " + base
                    + " (" + certificateProblem((Exception) ssl) + "): if your own CA signed it, pass that CA with "
                    + "--ca-file PEM (or MURDER_CA_FILE); check that the URL's host name is in the certificate", e);
        }
        if (ssl instanceof SSLException) {
            return new MurderException(Kind.BAD_INPUT, "TLS with the tracker at " + base + " failed ("
                    + describe((Exception) ssl) + "): does the tracker serve https (started with --tls-cert)? "
                    + "Otherwise use an http:// URL", e);
        }
        return null;
    }

    /** The JDK's words for the two usual cases are class names and jargon; say them plainly. */
    private static String certificateProblem(Exception e) {
        String message = describe(e);
        if (message.contains("PKIX path")) {
            return "it is not signed by a CA this client trusts";
        }
        if (message.contains("subject alternative") || message.contains("No name matching")) {
            return "it does not name the URL's host";
        }
        return message;
    }

    private String credentialsHint(int status) {
        if (status == 401) {
            return access.token() == null
                    ? " [no token was sent: give one with --token-file FILE, MURDER_TOKEN_FILE or MURDER_TOKEN]"
                    : " [check the token file given by --token-file / MURDER_TOKEN_FILE / MURDER_TOKEN]";
        }
        if (status == 403) {
            return " [the token was accepted but its role may not do this: deploys need a deployer token, "
                    + "an agent only its own host's agent token]";
        }
        return "";
    }

    private static String errorMessage(byte[] body) {
        try {
            ErrorBody error = Json.MAPPER.readValue(body, ErrorBody.class);
            if (error.error() != null) {
                return error.error();
            }
        } catch (IOException | RuntimeException ignored) {
            // not our JSON error body: show the raw text below
        }
        String text = new String(Arrays.copyOf(body, Math.min(body.length, 300)));
        return text.isBlank() ? "(no message)" : text;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
