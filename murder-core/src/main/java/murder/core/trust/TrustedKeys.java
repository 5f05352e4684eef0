package murder.core.trust;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import murder.core.MurderException;
import murder.core.json.Json;

/**
 * The Ed25519 public keys an agent accepts deployment statements from, by keyid. More than one key is how keys are
 * rotated: trust the new one, switch the release host to it, then drop the old one.
 */
public final class TrustedKeys {

    private final Map<String, PublicKey> keys;

    private TrustedKeys(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static TrustedKeys none() {
        return new TrustedKeys(Map.of());
    }

    public static TrustedKeys of(Collection<PublicKey> publicKeys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        publicKeys.forEach(k -> byId.put(KeyIds.of(k), k));
        return new TrustedKeys(byId);
    }

    /** Every PEM 'PUBLIC KEY' block of every file; BAD_INPUT for a file without one or with a non-Ed25519 key. */
    public static TrustedKeys load(Collection<Path> files) {
        List<PublicKey> found = new ArrayList<>();
        for (Path file : files) {
            List<byte[]> blocks = Pem.read(file, Pem.PUBLIC_KEY);
            if (blocks.isEmpty()) {
                throw MurderException.badInput("trusted key file " + file + " has no PEM 'PUBLIC KEY' block: give "
                        + "--trust the .pub that `murder keygen` wrote, never the .key");
            }
            blocks.forEach(der -> found.add(parsePublic(der, file)));
        }
        return of(found);
    }

    static PublicKey parsePublic(byte[] der, Path file) {
        try {
            return Ed25519.publicKey(der);
        } catch (GeneralSecurityException e) {
            throw MurderException.badInput("key file " + file + " holds a public key that is not Ed25519: "
                    + "murder signs with Ed25519 only (`murder keygen --out PREFIX`)");
        }
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public Set<String> keyids() {
        return keys.keySet();
    }

    /**
     * Checks the signatures over the exact payload bytes, then parses them. A keyid is only a hint: a signature whose
     * keyid is unknown is still tried against every trusted key.
     */
    public Verification verify(Envelope envelope) {
        if (envelope == null) {
            return Verification.refused("the deployment is unsigned: deploy with --key (or run the agent with "
                    + "--allow-unsigned, lab only)");
        }
        if (!Dsse.PAYLOAD_TYPE.equals(envelope.payloadType())) {
            return Verification.refused("the signed payload has type '" + envelope.payloadType() + "', not "
                    + Dsse.PAYLOAD_TYPE + ": it is not a murder deployment statement");
        }
        Optional<byte[]> payload = Dsse.payload(envelope);
        if (payload.isEmpty() || envelope.signatures().isEmpty()) {
            return Verification.refused("the signature envelope is malformed (no base64 payload or no signature): "
                    + "deploy again with --key");
        }
        byte[] pae = Dsse.pae(envelope.payloadType(), payload.get());
        List<String> badByTrusted = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Envelope.Signature signature : envelope.signatures()) {
            byte[] sig = decode(signature.sig());
            PublicKey named = signature.keyid() == null ? null : keys.get(signature.keyid());
            Optional<String> by = named != null
                    ? (sig != null && Ed25519.verify(named, pae, sig) ? Optional.of(signature.keyid()) : Optional.empty())
                    : anyKey(pae, sig);
            if (by.isPresent()) {
                return parse(payload.get(), by.get());
            }
            (named != null ? badByTrusted : unknown).add(String.valueOf(signature.keyid()));
        }
        if (!badByTrusted.isEmpty()) {
            return Verification.refused("the signature by trusted key " + String.join(", ", badByTrusted)
                    + " does not match the statement: it was altered after signing (tracker compromised?); "
                    + "deploy again from the release host");
        }
        return Verification.refused("signed by unknown key " + String.join(", ", unknown) + ": if that key is "
                + "yours, add its .pub with --trust (trusted: " + String.join(", ", keys.keySet()) + ")");
    }

    private Optional<String> anyKey(byte[] pae, byte[] sig) {
        if (sig == null) {
            return Optional.empty();
        }
        return keys.entrySet().stream().filter(e -> Ed25519.verify(e.getValue(), pae, sig)).map(Map.Entry::getKey)
                .findFirst();
    }

    private static Verification parse(byte[] payload, String keyid) {
        DeployStatement statement;
        try {
            statement = Json.read(payload, DeployStatement.class);
        } catch (RuntimeException e) {
            return Verification.refused("the statement signed by " + keyid + " is not a deployment statement: "
                    + e.getMessage());
        }
        String incomplete = statement == null ? "the signed statement is empty" : statement.incomplete();
        return incomplete == null ? Verification.accepted(statement, keyid) : Verification.refused(incomplete);
    }

    private static byte[] decode(String base64) {
        try {
            return base64 == null ? null : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
