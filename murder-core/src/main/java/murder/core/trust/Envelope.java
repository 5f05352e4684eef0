package murder.core.trust;

import java.util.List;

/**
 * A DSSE envelope (https://github.com/secure-systems-lab/dsse), as in-toto and Sigstore use it: the payload's exact
 * bytes (base64) with its type, and signatures over {@link Dsse#pae PAE(payloadType, payload)}. The verifier checks
 * the bytes first and parses them after, so there is nothing to canonicalise.
 *
 * @param payloadType what the payload is, {@link Dsse#PAYLOAD_TYPE} for murder
 * @param payload base64 (standard alphabet) of the payload bytes
 * @param signatures one or more signatures; any one by a trusted key is enough
 */
public record Envelope(String payloadType, String payload, List<Signature> signatures) {

    public Envelope {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    /**
     * @param keyid hex SHA-256 of the signing key's X.509 SubjectPublicKeyInfo DER ({@link KeyIds}); a hint only
     * @param sig base64 of the Ed25519 signature
     */
    public record Signature(String keyid, String sig) {
    }
}
