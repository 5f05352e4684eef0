package murder.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import murder.core.Names;

/**
 * Tokens: random ones (deployer tokens, agent secrets) and the agent token of a host, derived from an agent secret
 * as {@code hex(HMAC-SHA256(secret, "murder-agent:" + host))}. The tracker recomputes the latter from its secrets,
 * so it keeps no list of hosts; the prefix keeps these MACs apart from any other use of the same secret.
 */
public final class AgentTokens {

    /** What the HMAC is computed over, before the host name. */
    public static final String CONTEXT = "murder-agent:";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AgentTokens() {
    }

    /** The agent token of {@code host} under {@code secret} (64 lowercase hex characters). */
    public static String forHost(String secret, String host) {
        Names.requireHost(host);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((CONTEXT + host).getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** 32 random bytes as 64 hex characters: a deployer token or an agent secret. */
    public static String random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
