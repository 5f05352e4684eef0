package murder.peer.deploy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import murder.core.MurderException;

/** Lets the agent abandon a running deployment, and lets the deployment wait for things without polling. */
public final class Cancellation {

    private final CompletableFuture<CancelledException> cancelled = new CompletableFuture<>();

    public void supersede(long newerDeploymentId) {
        cancelled.complete(new CancelledException("superseded by deployment " + newerDeploymentId, false));
    }

    /** A deployer cancelled the deployment on the tracker. */
    public void cancelByDeployer() {
        cancelled.complete(new CancelledException("cancelled by a deployer", false));
    }

    public void shutdown() {
        cancelled.complete(new CancelledException("the agent is shutting down", true));
    }

    public boolean isCancelled() {
        return cancelled.isDone();
    }

    public void throwIfCancelled() {
        CancelledException e = cancelled.getNow(null);
        if (e != null) {
            throw e;
        }
    }

    /** Waits for {@code future} unless cancelled first; a failed future becomes a FAILED MurderException. */
    public <T> T await(CompletableFuture<T> future) {
        CompletableFuture.anyOf(future, cancelled).join();
        throwIfCancelled();
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof MurderException m) {
                throw m;
            }
            throw new MurderException(MurderException.Kind.FAILED, cause.toString(), cause);
        }
    }

    /**
     * Waits at most {@code max} for {@code future} to end (normally or not), unless cancelled first (then throws).
     *
     * @return true if the future is done, false if {@code max} passed
     */
    public boolean await(CompletableFuture<?> future, Duration max) {
        try {
            CompletableFuture.anyOf(future, cancelled).get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throwIfCancelled();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted", true);
        } catch (ExecutionException e) {
            // the future failed: done, the caller looks at how
        }
        throwIfCancelled();
        return true;
    }

    /** Waits {@code duration}, or less if cancelled (then throws). */
    public void sleep(Duration duration) {
        try {
            cancelled.get(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted", true);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        throwIfCancelled();
    }
}
