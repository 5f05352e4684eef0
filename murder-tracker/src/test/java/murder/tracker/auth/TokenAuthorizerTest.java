package murder.tracker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.auth.AgentTokens;
import org.junit.jupiter.api.Test;

class TokenAuthorizerTest {

    private static final String DEPLOYER = AgentTokens.random();
    private static final String OLD_DEPLOYER = AgentTokens.random();
    private static final String SECRET = AgentTokens.random();
    private static final String OLD_SECRET = AgentTokens.random();

    private final TokenAuthorizer auth = new TokenAuthorizer(new TokenSet(List.of(OLD_DEPLOYER, DEPLOYER)),
            new AgentSecrets(List.of(OLD_SECRET, SECRET)), false);

    @Test
    void deployerTokensMayWriteAndReadButNotActAsAnAgent() {
        assertAllowed(auth, bearer(DEPLOYER), Access.DEPLOYER);
        assertAllowed(auth, bearer(DEPLOYER), Access.READ);
        assertDenied(auth, bearer(DEPLOYER), Access.agent("web1"), Kind.FORBIDDEN, "may not act as agent web1");
    }

    @Test
    void anAgentTokenActsOnlyAsItsOwnHost() {
        String web1 = AgentTokens.forHost(SECRET, "web1");

        assertAllowed(auth, bearer(web1), Access.agent("web1")); // host taken from the path
        assertAllowed(auth, new Credentials(web1, "web1"), Access.agent("web1"));
        assertAllowed(auth, new Credentials(web1, "web1"), Access.READ); // e.g. fetching a torrent
        assertDenied(auth, new Credentials(web1, "web1"), Access.agent("web2"), Kind.FORBIDDEN,
                "agent token of host web1 may act only as web1, not as web2");
        assertDenied(auth, bearer(web1), Access.agent("web2"), Kind.UNAUTHORIZED, "not accepted");
        assertDenied(auth, new Credentials(web1, "web1"), Access.DEPLOYER, Kind.FORBIDDEN,
                "may not register releases or create deployments");
    }

    @Test
    void everyListedTokenAndSecretIsAcceptedSoTheyCanRotate() {
        assertAllowed(auth, bearer(OLD_DEPLOYER), Access.DEPLOYER);
        assertAllowed(auth, bearer(AgentTokens.forHost(OLD_SECRET, "web1")), Access.agent("web1"));

        TokenAuthorizer rotated = new TokenAuthorizer(new TokenSet(List.of(DEPLOYER)),
                new AgentSecrets(List.of(SECRET)), false);
        assertDenied(rotated, bearer(OLD_DEPLOYER), Access.DEPLOYER, Kind.UNAUTHORIZED, "not accepted");
        assertDenied(rotated, bearer(AgentTokens.forHost(OLD_SECRET, "web1")), Access.agent("web1"),
                Kind.UNAUTHORIZED, "not accepted");
        assertAllowed(rotated, bearer(AgentTokens.forHost(SECRET, "web1")), Access.agent("web1"));
    }

    @Test
    void missingOrUnknownTokensAre401() {
        assertDenied(auth, Credentials.NONE, Access.READ, Kind.UNAUTHORIZED, "requires a token");
        assertDenied(auth, Credentials.NONE, Access.DEPLOYER, Kind.UNAUTHORIZED, "needs a deployer token");
        assertDenied(auth, bearer("x".repeat(64)), Access.DEPLOYER, Kind.UNAUTHORIZED, "not accepted");
        assertDenied(auth, new Credentials(DEPLOYER.substring(1), null), Access.READ, Kind.UNAUTHORIZED,
                "not accepted");
        assertDenied(auth, new Credentials(AgentTokens.forHost(SECRET, "web1"), "bad host!"), Access.READ,
                Kind.UNAUTHORIZED, "not accepted");
    }

    @Test
    void announceIsAlwaysOpenAndReadsOpenOnlyWhenAsked() {
        assertAllowed(auth, Credentials.NONE, Access.PUBLIC);
        TokenAuthorizer openReads = new TokenAuthorizer(new TokenSet(List.of(DEPLOYER)),
                new AgentSecrets(List.of(SECRET)), true);
        assertAllowed(openReads, Credentials.NONE, Access.READ);
        assertDenied(openReads, Credentials.NONE, Access.DEPLOYER, Kind.UNAUTHORIZED, "requires a token");
        assertDenied(openReads, Credentials.NONE, Access.agent("web1"), Kind.UNAUTHORIZED, "requires a token");
    }

    @Test
    void bearerHeadersAreParsedStrictly() {
        assertAllowed(auth, Credentials.fromHeaders("Bearer " + DEPLOYER, null), Access.DEPLOYER);
        assertAllowed(auth, Credentials.fromHeaders("bearer " + DEPLOYER, ""), Access.DEPLOYER);
        assertDenied(auth, Credentials.fromHeaders("Basic " + DEPLOYER, null), Access.DEPLOYER, Kind.UNAUTHORIZED,
                "requires a token");
        assertDenied(auth, Credentials.fromHeaders(DEPLOYER, null), Access.DEPLOYER, Kind.UNAUTHORIZED,
                "requires a token");
    }

    private static Credentials bearer(String token) {
        return new Credentials(token, null);
    }

    private static void assertAllowed(Authorizer authorizer, Credentials credentials, Access access) {
        assertThatCode(() -> authorizer.check(credentials, access)).doesNotThrowAnyException();
    }

    private static void assertDenied(Authorizer authorizer, Credentials credentials, Access access, Kind kind,
                                     String message) {
        assertThatThrownBy(() -> authorizer.check(credentials, access)).isInstanceOf(MurderException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((MurderException) e).kind()).isEqualTo(kind));
    }
}
