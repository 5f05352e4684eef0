package murder.peer.deploy;

/** Thrown out of a deployment step when a newer deployment or the agent's shutdown cancelled it. */
public final class CancelledException extends RuntimeException {

    private final boolean shutdown;

    CancelledException(String reason, boolean shutdown) {
        super(reason, null, false, false);
        this.shutdown = shutdown;
    }

    /** True when the agent is stopping: the deployment is left as it is, to be resumed after the restart. */
    public boolean isShutdown() {
        return shutdown;
    }
}
