package murder.cli.deploy;

import java.util.List;

/**
 * The outcome of one {@code murder deploy}, as printed (and as the {@code --json} document).
 *
 * @param seederUploadedBytes what the deploying process itself uploaded; the rest came from agents sharing
 */
public record DeploySummary(long deploymentId, String release, String tag, boolean ok, String message,
                            long elapsedMs, long releaseBytes, long seederUploadedBytes, List<HostResult> hosts) {

    /** One host's final word: state, seconds from deployment start to its last report, and why it failed. */
    public record HostResult(String host, String state, double seconds, String reason) {
    }

    public List<String> failedHosts() {
        return hosts.stream().filter(h -> !h.state().equals("ACTIVE")).map(HostResult::host).toList();
    }
}
