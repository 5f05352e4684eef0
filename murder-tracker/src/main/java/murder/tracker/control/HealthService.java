package murder.tracker.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import murder.core.MurderException;
import murder.core.api.Health;

/** {@code GET /api/v1/health}: the version, the uptime and a trivial query to the store; never a scan. */
public final class HealthService {

    private final Runnable storePing;
    private final Clock clock;
    private final Instant started;
    private final String version;

    public HealthService(Runnable storePing, Clock clock) {
        this.storePing = storePing;
        this.clock = clock;
        this.started = clock.instant();
        String v = HealthService.class.getPackage().getImplementationVersion();
        this.version = v == null ? "dev" : v;
    }

    /** UNAVAILABLE (503) when the store does not answer. */
    public Health health() {
        try {
            storePing.run();
        } catch (RuntimeException e) {
            throw new MurderException(MurderException.Kind.UNAVAILABLE, "the tracker store does not answer: "
                    + e.getMessage() + " (see the tracker's log)", e);
        }
        return new Health("ok", version, Duration.between(started, clock.instant()).toSeconds());
    }
}
