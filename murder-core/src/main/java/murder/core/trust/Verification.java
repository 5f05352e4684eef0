package murder.core.trust;

/**
 * The outcome of checking an envelope: the statement and the trusted key that signed it, or why it was refused
 * (a sentence that says what to do).
 *
 * @param statement the verified statement (null when refused)
 * @param keyid the trusted key that signed it (null when refused)
 * @param refusal why it was refused (null when accepted)
 */
public record Verification(DeployStatement statement, String keyid, String refusal) {

    static Verification accepted(DeployStatement statement, String keyid) {
        return new Verification(statement, keyid, null);
    }

    static Verification refused(String reason) {
        return new Verification(null, null, reason);
    }

    public boolean ok() {
        return refusal == null;
    }
}
