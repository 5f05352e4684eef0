package murder.peer.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import murder.core.api.HostPhase;
import murder.peer.deploy.ReportSink;
import murder.peer.metrics.PhaseClock.Step;
import murder.peer.swarm.Swarms;

/**
 * The agent's Prometheus metrics, read from the places that already know: the state reports on their way to the
 * tracker (through {@link #observing}), the swarms' byte counts, the {@code current} symlink and the report outbox.
 * Nothing here changes what the agent does.
 */
public final class AgentMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final PhaseClock phases = new PhaseClock(System::nanoTime);
    /** A counter never goes down; the swarm totals do not either, but a counter must not trust that. */
    private final AtomicLong downloaded = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();

    /**
     * @param transfer       bytes in and out over BitTorrent since start ({@link Swarms#transferred})
     * @param activeRelease  the release {@code current} points to
     * @param pendingReports state reports not yet taken by the tracker
     */
    public AgentMetrics(Supplier<Swarms.Transfer> transfer, Supplier<Optional<String>> activeRelease,
                        IntSupplier pendingReports) {
        CounterWithCallback.builder().name("murder_agent_bittorrent_downloaded_bytes_total")
                .help("Bytes received from peers over BitTorrent since the agent started")
                .callback(cb -> cb.call(downloaded.accumulateAndGet(transfer.get().downloaded(), Math::max)))
                .register(registry);
        CounterWithCallback.builder().name("murder_agent_bittorrent_uploaded_bytes_total")
                .help("Bytes sent to peers over BitTorrent since the agent started (what this host seeded)")
                .callback(cb -> cb.call(uploaded.accumulateAndGet(transfer.get().uploaded(), Math::max)))
                .register(registry);
        GaugeWithCallback.builder().name("murder_agent_bittorrent_torrents")
                .help("Torrents open now (downloading or seeding)")
                .callback(cb -> cb.call(transfer.get().torrents())).register(registry);
        GaugeWithCallback.builder().name("murder_agent_bittorrent_peers")
                .help("Peers connected now, over all open torrents")
                .callback(cb -> cb.call(transfer.get().peers())).register(registry);
        seconds(Step.DOWNLOAD, "murder_agent_last_download_seconds",
                "How long the last download took (DOWNLOADING to VERIFYING)");
        seconds(Step.VERIFY_AND_UNPACK, "murder_agent_last_verify_and_unpack_seconds",
                "How long the last sha256 check and unpack took together (VERIFYING to STAGED)");
        seconds(Step.ACTIVATION, "murder_agent_last_activation_seconds",
                "How long the last activation took (ACTIVATING to ACTIVE)");
        GaugeWithCallback.builder().name("murder_agent_deployment_state")
                .help("1 for the phase each of the newest " + PhaseClock.KEPT + " deployments is in on this host")
                .labelNames("deployment", "release", "state")
                .callback(cb -> phases.deployments().forEach(d -> cb.call(1, String.valueOf(d.deploymentId()),
                        String.valueOf(d.release()), d.phase().name())))
                .register(registry);
        GaugeWithCallback.builder().name("murder_agent_deployment_progress_percent")
                .help("Progress last reported for each of the newest " + PhaseClock.KEPT + " deployments")
                .labelNames("deployment", "release")
                .callback(cb -> phases.deployments().forEach(d -> cb.call(d.progress(),
                        String.valueOf(d.deploymentId()), String.valueOf(d.release()))))
                .register(registry);
        CounterWithCallback.builder().name("murder_agent_deployments_ended_total")
                .help("Deployments that ended on this host since the agent started, by final phase")
                .labelNames("state")
                .callback(cb -> {
                    for (HostPhase phase : HostPhase.values()) {
                        if (phase.isTerminal()) {
                            cb.call(phases.ended(phase), phase.name());
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("murder_agent_active_release")
                .help("1, labelled with the release the current symlink points to (absent when none)")
                .labelNames("release")
                .callback(cb -> activeRelease.get().ifPresent(r -> cb.call(1, r))).register(registry);
        GaugeWithCallback.builder().name("murder_agent_reports_pending")
                .help("State reports the tracker has not taken yet (more than a few: it is unreachable)")
                .callback(cb -> cb.call(pendingReports.getAsInt())).register(registry);
    }

    private void seconds(Step step, String name, String help) {
        GaugeWithCallback.builder().name(name).help(help + "; absent until one happened since the agent started")
                .callback(cb -> phases.lastSeconds(step).ifPresent(cb::call)).register(registry);
    }

    /** A report sink that tells these metrics of every report before passing it on. */
    public ReportSink observing(ReportSink next) {
        return report -> {
            phases.report(report);
            next.report(report);
        };
    }

    /** The Prometheus text format of this moment. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
