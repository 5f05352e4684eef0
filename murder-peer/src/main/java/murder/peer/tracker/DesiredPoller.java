package murder.peer.tracker;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import murder.core.MurderException;
import murder.core.api.DesiredRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-polls the tracker for the deployment this host should run and hands every new one over. It starts from
 * "known = 0", so after a restart the tracker answers at once with the newest deployment and the deployer decides
 * whether there is anything to do.
 */
public final class DesiredPoller extends AgentLoop {

    private static final Logger log = LoggerFactory.getLogger(DesiredPoller.class);

    private final TrackerLink link;
    private final Heartbeater heartbeater;
    private final Duration wait;
    private final Consumer<DesiredRelease> onDesired;
    private long known;
    private boolean knownCancelled;

    public DesiredPoller(TrackerLink link, Heartbeater heartbeater, Duration wait, Consumer<DesiredRelease> onDesired) {
        super("murder-agent-poll");
        this.link = link;
        this.heartbeater = heartbeater;
        this.wait = wait;
        this.onDesired = onDesired;
    }

    public DesiredPoller start() {
        startThread();
        return this;
    }

    @Override
    protected void loop() {
        try {
            // the tracker answers 404 to agents it has never heard from
            while (!heartbeater.awaitFirst(Duration.ofSeconds(1))) {
                if (stopping()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            return;
        }
        Backoff backoff = new Backoff();
        while (!stopping()) {
            try {
                Optional<DesiredRelease> desired = link.call(() -> link.client().desired(link.host(), known,
                        knownCancelled, wait));
                backoff.reset();
                if (desired.isPresent()) {
                    DesiredRelease d = desired.get();
                    known = d.deploymentId();
                    knownCancelled = d.cancelled();
                    log.info(d.cancelled() ? "deployment {} of release {}: cancelled on the tracker"
                            : "deployment {}: tracker wants release {}", d.deploymentId(),
                            d.release() == null ? null : d.release().id());
                    onDesired.accept(d);
                }
                continue;
            } catch (MurderException e) {
                if (stopping()) {
                    return;
                }
                // already logged by the link: an outage once, a refusal once per message
            } catch (RuntimeException e) {
                log.warn("long-poll failed unexpectedly", e);
            }
            if (pause(backoff.next())) {
                return;
            }
        }
    }
}
