package murder.tracker.http;

/** Told of every answer the tracker writes, with how long it took: what the request metrics are made of. */
@FunctionalInterface
public interface RequestObserver {

    RequestObserver NONE = (request, status, nanos) -> { };

    /**
     * @param request the request, or null when it could not be read at all (a malformed request line or header)
     * @param status  the HTTP status written
     * @param nanos   from the whole request having arrived to its answer being handed to Netty (a long-poll's wait
     *                included)
     */
    void answered(ApiRequest request, int status, long nanos);
}
