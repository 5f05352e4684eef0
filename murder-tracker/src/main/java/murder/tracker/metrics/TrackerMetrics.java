package murder.tracker.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import murder.core.MurderException;
import murder.core.api.AgentInfo;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import murder.tracker.control.AgentService;
import murder.tracker.control.DeploymentService;
import murder.tracker.control.DesiredService;
import murder.tracker.http.ApiRequest;
import murder.tracker.http.HttpReply;
import murder.tracker.http.RequestObserver;

/**
 * The tracker's Prometheus metrics. Counters and the latency histogram are fed by every answer the server writes
 * (no service knows of them); gauges are read from the services when scraped. Scraping reads the store (the newest
 * deployments' host states), so it runs on the store workers like a status read.
 */
public final class TrackerMetrics implements RequestObserver {

    /** Host states are counted over this many newest deployments, as {@code murder status} shows them. */
    static final int RECENT_DEPLOYMENTS = 20;
    /** From sub-millisecond announces to 60 s long-polls. */
    private static final double[] LATENCY_BUCKETS =
            {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter announces;
    private final Counter deploymentsCreated;
    private final Histogram latency;

    public TrackerMetrics(DeploymentService deployments, AgentService agents, DesiredService desired) {
        announces = Counter.builder().name("murder_tracker_announces_total")
                .help("BitTorrent announces answered (rate() of it: announces per second)").register(registry);
        deploymentsCreated = Counter.builder().name("murder_tracker_deployments_created_total")
                .help("Deployments created since the tracker started").register(registry);
        latency = Histogram.builder().name("murder_tracker_http_request_duration_seconds")
                .help("Time from a whole request to its answer, by kind of route and status class (a long-poll's "
                        + "wait included)")
                .labelNames("route", "code").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        GaugeWithCallback.builder().name("murder_tracker_agents_alive")
                .help("Agents whose last heartbeat or state report is recent enough to count as alive")
                .callback(cb -> cb.call(agents.list().stream().filter(AgentInfo::alive).count()))
                .register(registry);
        GaugeWithCallback.builder().name("murder_tracker_agents_registered")
                .help("Agents registered, alive or not (deregistered after --agent-expiry)")
                .callback(cb -> cb.call(agents.list().size())).register(registry);
        GaugeWithCallback.builder().name("murder_tracker_long_polls_waiting")
                .help("Agent long-polls waiting for a deployment now").callback(cb -> cb.call(desired.waiting()))
                .register(registry);
        GaugeWithCallback.builder().name("murder_tracker_host_states")
                .help("Hosts in each phase, over the newest " + RECENT_DEPLOYMENTS + " deployments")
                .labelNames("phase")
                .callback(cb -> phases(deployments).forEach((phase, n) -> cb.call(n, phase.name())))
                .register(registry);
    }

    private static Map<HostPhase, Integer> phases(DeploymentService deployments) {
        Map<HostPhase, Integer> counts = new EnumMap<>(HostPhase.class);
        for (HostPhase phase : HostPhase.values()) {
            counts.put(phase, 0); // every phase has a series, so a phase that empties shows 0, not a gap
        }
        for (DeploymentStatus d : deployments.recent(RECENT_DEPLOYMENTS)) {
            for (HostState host : d.hosts()) {
                counts.merge(host.state(), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public void answered(ApiRequest request, int status, long nanos) {
        RouteClass route = RouteClass.of(request);
        latency.labelValues(route.label(), (status / 100) + "xx").observe(nanos / 1e9);
        if (route == RouteClass.ANNOUNCE) {
            announces.inc();
        } else if (route == RouteClass.DEPLOYMENT_CREATE && status == 201) {
            deploymentsCreated.inc();
        }
    }

    /** {@code GET /metrics}: the Prometheus text format of this moment; 503 if the store does not answer. */
    public HttpReply scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        } catch (RuntimeException e) {
            throw new MurderException(MurderException.Kind.UNAVAILABLE, "cannot collect the tracker's metrics: "
                    + e.getMessage() + " (see the tracker's log)", e);
        }
        return HttpReply.bytes(PrometheusTextFormatWriter.CONTENT_TYPE, out.toByteArray());
    }
}
