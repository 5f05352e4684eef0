package murder.core.api;

/** Where one host is in one deployment: {@code PENDING -> DOWNLOADING -> VERIFYING -> STAGED -> ACTIVATING -> ACTIVE}. */
public enum HostPhase {
    PENDING, DOWNLOADING, VERIFYING, STAGED, ACTIVATING, ACTIVE, FAILED, REJECTED;

    public boolean isTerminal() {
        return this == ACTIVE || this == FAILED || this == REJECTED;
    }
}
