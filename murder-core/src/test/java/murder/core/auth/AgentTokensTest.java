package murder.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import murder.core.MurderException;
import org.junit.jupiter.api.Test;

class AgentTokensTest {

    @Test
    void anAgentTokenIsTheDocumentedHmac() {
        // python3: hmac.new(b'0123456789abcdef0123456789abcdef', b'murder-agent:web1', hashlib.sha256).hexdigest()
        assertThat(AgentTokens.forHost("0123456789abcdef0123456789abcdef", "web1"))
                .isEqualTo("3fe60f3a6bdd9bca65a121a56e8591784ca29763be8697b219c6fb97da7dac6d");
    }

    @Test
    void tokensDifferPerHostAndPerSecret() {
        String secret = AgentTokens.random();
        assertThat(AgentTokens.forHost(secret, "web1")).isNotEqualTo(AgentTokens.forHost(secret, "web2"))
                .isNotEqualTo(AgentTokens.forHost(AgentTokens.random(), "web1"));
        assertThatThrownBy(() -> AgentTokens.forHost(secret, "../etc")).isInstanceOf(MurderException.class);
    }

    @Test
    void randomTokensAre32BytesOfHex() {
        assertThat(AgentTokens.random()).matches("[0-9a-f]{64}").isNotEqualTo(AgentTokens.random());
    }
}
