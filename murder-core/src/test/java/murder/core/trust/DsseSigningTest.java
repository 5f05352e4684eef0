package murder.core.trust;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import murder.core.MurderException;
import murder.core.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DsseSigningTest {

    @TempDir
    Path tmp;

    StatementSigner keyA;
    StatementSigner keyB;
    Path pubA;
    Path pubB;

    static final DeployStatement STATEMENT = new DeployStatement("r1", "r1.tar.gz", 1234, "ab".repeat(32),
            "cd".repeat(20), Instant.parse("2026-01-01T00:00:00Z"), "web", 1_700_000_000_000L, false,
            Instant.parse("2026-01-02T00:00:00Z"));

    @BeforeEach
    void keys() {
        KeyFiles.Written a = KeyFiles.generate(tmp.resolve("a"));
        KeyFiles.Written b = KeyFiles.generate(tmp.resolve("b"));
        keyA = StatementSigner.load(a.privateKey());
        keyB = StatementSigner.load(b.privateKey());
        pubA = a.publicKey();
        pubB = b.publicKey();
        assertThat(keyA.keyid()).isEqualTo(a.keyid()).hasSize(64).isNotEqualTo(keyB.keyid());
    }

    @Test
    void paeIsTheDsseV1Encoding() {
        // the example from the DSSE protocol document
        assertThat(new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(UTF_8)), UTF_8))
                .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void aSignedStatementVerifiesAndParsesBackToTheSameRecord() {
        Envelope envelope = keyA.sign(STATEMENT);

        assertThat(envelope.payloadType()).isEqualTo(Dsse.PAYLOAD_TYPE);
        assertThat(envelope.signatures()).singleElement().extracting(Envelope.Signature::keyid)
                .isEqualTo(keyA.keyid());
        Verification v = TrustedKeys.load(List.of(pubA)).verify(envelope);
        assertThat(v.ok()).as(v.refusal()).isTrue();
        assertThat(v.statement()).isEqualTo(STATEMENT);
        assertThat(v.keyid()).isEqualTo(keyA.keyid());
    }

    @Test
    void theEnvelopeSurvivesTheWireAsJson() {
        Envelope envelope = keyA.sign(STATEMENT);
        Envelope back = Json.read(Json.write(envelope), Envelope.class);
        assertThat(back).isEqualTo(envelope);
        assertThat(TrustedKeys.load(List.of(pubA)).verify(back).ok()).isTrue();
    }

    @Test
    void oneChangedPayloadByteIsRefusedAsAltered() {
        Envelope envelope = keyA.sign(STATEMENT);
        byte[] payload = Base64.getDecoder().decode(envelope.payload());
        String json = new String(payload, UTF_8);
        byte[] tampered = json.replace("\"r1\"", "\"r2\"").getBytes(UTF_8);
        assertThat(tampered).hasSameSizeAs(payload).isNotEqualTo(payload);
        Envelope forged = new Envelope(envelope.payloadType(), Base64.getEncoder().encodeToString(tampered),
                envelope.signatures());

        Verification v = TrustedKeys.load(List.of(pubA)).verify(forged);
        assertThat(v.ok()).isFalse();
        assertThat(v.refusal()).contains("trusted key " + keyA.keyid()).contains("altered after signing");
    }

    @Test
    void aChangedPayloadTypeIsRefused() {
        Envelope envelope = keyA.sign(STATEMENT);
        Envelope retyped = new Envelope("application/json", envelope.payload(), envelope.signatures());
        assertThat(TrustedKeys.load(List.of(pubA)).verify(retyped).refusal()).contains("not a murder deployment");
    }

    @Test
    void aSignatureByAnUntrustedKeyIsRefusedNamingThatKey() {
        Verification v = TrustedKeys.load(List.of(pubA)).verify(keyB.sign(STATEMENT));
        assertThat(v.ok()).isFalse();
        assertThat(v.refusal()).contains("signed by unknown key " + keyB.keyid()).contains("--trust");
    }

    @Test
    void aLyingKeyidDoesNotHelpAForgerAndDoesNotHurtTheOwner() {
        Envelope byB = keyB.sign(STATEMENT);
        Envelope claimsA = new Envelope(byB.payloadType(), byB.payload(),
                List.of(new Envelope.Signature(keyA.keyid(), byB.signatures().get(0).sig())));
        assertThat(TrustedKeys.load(List.of(pubA)).verify(claimsA).ok()).isFalse();

        Envelope byA = keyA.sign(STATEMENT);
        Envelope noKeyid = new Envelope(byA.payloadType(), byA.payload(),
                List.of(new Envelope.Signature(null, byA.signatures().get(0).sig())));
        assertThat(TrustedKeys.load(List.of(pubA)).verify(noKeyid).keyid()).isEqualTo(keyA.keyid());
    }

    @Test
    void twoTrustedKeysBothVerify() {
        TrustedKeys both = TrustedKeys.load(List.of(pubA, pubB));
        assertThat(both.verify(keyA.sign(STATEMENT)).keyid()).isEqualTo(keyA.keyid());
        assertThat(both.verify(keyB.sign(STATEMENT)).keyid()).isEqualTo(keyB.keyid());
    }

    @Test
    void unsignedAndMalformedEnvelopesAreRefused() {
        TrustedKeys trusted = TrustedKeys.load(List.of(pubA));
        assertThat(trusted.verify(null).refusal()).contains("unsigned").contains("--key");
        assertThat(trusted.verify(new Envelope(Dsse.PAYLOAD_TYPE, "%%%", List.of())).refusal()).contains("malformed");
        Envelope good = keyA.sign(STATEMENT);
        assertThat(trusted.verify(new Envelope(Dsse.PAYLOAD_TYPE, good.payload(), List.of())).ok()).isFalse();
        assertThat(trusted.verify(new Envelope(Dsse.PAYLOAD_TYPE, good.payload(),
                List.of(new Envelope.Signature(keyA.keyid(), "not base64!")))).ok()).isFalse();
    }

    @Test
    void aSignedButIncompleteStatementIsRefused() {
        DeployStatement noHash = new DeployStatement("r1", "r1.tar.gz", 1, "ab", null, STATEMENT.releaseCreatedAt(),
                "web", 5, false, STATEMENT.signedAt());
        assertThat(TrustedKeys.load(List.of(pubA)).verify(keyA.sign(noHash)).refusal()).contains("info-hash");
    }

    @Test
    void theSignerRecognisesOnlyItsOwnStatements() {
        assertThat(keyA.ownStatement(keyA.sign(STATEMENT))).contains(STATEMENT);
        assertThat(keyA.ownStatement(keyB.sign(STATEMENT))).isEmpty();
    }

    @Test
    void aPrivateKeyWithoutItsPublicHalfIsUsableWhenThePubLiesNextToIt() throws Exception {
        KeyFiles.Written c = KeyFiles.generate(tmp.resolve("c"));
        String text = Files.readString(c.privateKey());
        Path bare = tmp.resolve("c-copy.key");
        Files.writeString(bare, text.substring(0, text.indexOf("-----BEGIN PUBLIC KEY")));
        assertThatThrownBy(() -> StatementSigner.load(bare)).isInstanceOf(MurderException.class)
                .hasMessageContaining("c-copy.pub");
        Files.copy(c.publicKey(), tmp.resolve("c-copy.pub"));
        assertThat(StatementSigner.load(bare).keyid()).isEqualTo(c.keyid());

        Files.copy(pubB, tmp.resolve("c-copy.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> StatementSigner.load(bare)).hasMessageContaining("does not belong");
    }

    @Test
    void aPublicKeyIsNotASigningKeyAndAPrivateKeyIsNotATrustedKey() {
        assertThatThrownBy(() -> StatementSigner.load(pubA)).isInstanceOf(MurderException.class)
                .hasMessageContaining("PRIVATE KEY");
        Path onlyPrivate = tmp.resolve("only.key");
        assertThatThrownBy(() -> TrustedKeys.load(List.of(tmp.resolve("missing.pub"))))
                .hasMessageContaining("does not exist");
        assertThat(onlyPrivate).doesNotExist();
    }
}
