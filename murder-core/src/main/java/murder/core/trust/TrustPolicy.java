package murder.core.trust;

import java.util.Objects;

/**
 * What an agent accepts. The default trusts nothing, so an agent refuses every deployment until it is given keys;
 * {@code allowUnsigned} is the lab escape hatch that also accepts deployments without a signature.
 *
 * @param keys the keys whose signed statements the agent accepts
 * @param allowUnsigned accept deployments that carry no signature (signed ones are still checked against keys,
 *                      if there are any)
 */
public record TrustPolicy(TrustedKeys keys, boolean allowUnsigned) {

    public TrustPolicy {
        Objects.requireNonNull(keys, "keys");
    }

    /** Trusts nothing: the safe default, and one an agent refuses to start with. */
    public static TrustPolicy nothing() {
        return new TrustPolicy(TrustedKeys.none(), false);
    }

    public static TrustPolicy signedBy(TrustedKeys keys) {
        return new TrustPolicy(keys, false);
    }

    /** Lab only: accepts unsigned deployments. */
    public static TrustPolicy allowingUnsigned() {
        return new TrustPolicy(TrustedKeys.none(), true);
    }

    /** True if no deployment could ever be accepted. */
    public boolean trustsNothing() {
        return keys.isEmpty() && !allowUnsigned;
    }
}
