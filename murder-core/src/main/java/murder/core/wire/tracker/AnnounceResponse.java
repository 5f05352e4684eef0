package murder.core.wire.tracker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A tracker's answer to an announce.
 *
 * @param interval    how long to wait before the next regular announce (may be zero if the tracker says so)
 * @param minInterval the tracker's {@code min interval}, or null when it sent none
 * @param peers       resolved peer addresses ({@code peers}, then {@code peers6}), deduplicated, unmodifiable
 * @param warning     the tracker's {@code warning message}, or null
 */
public record AnnounceResponse(Duration interval, Duration minInterval, List<InetSocketAddress> peers,
                               String warning) {

    public AnnounceResponse {
        Objects.requireNonNull(interval, "interval");
        peers = List.copyOf(peers);
    }
}
