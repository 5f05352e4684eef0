package murder.cli.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The outcome of one {@code murder deploy}, as printed (and as the {@code --json} document).
 *
 * @param seederUploadedBytes what the deploying process itself uploaded; the rest came from agents sharing
 */
@JsonPropertyOrder({"schemaVersion"})
public record DeploySummary(long deploymentId, String release, String tag, boolean ok, String message,
                            long elapsedMs, long releaseBytes, long seederUploadedBytes, List<HostResult> hosts) {

    /** Of the {@code --json} document; raised only when a field changes meaning or goes away (see docs/JSON.md). */
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** One host's final word: state, seconds from deployment start to its last report, and why it failed. */
    public record HostResult(String host, String state, double seconds, String reason) {
    }

    public List<String> failedHosts() {
        return hosts.stream().filter(h -> !h.state().equals("ACTIVE")).map(HostResult::host).toList();
    }
}
