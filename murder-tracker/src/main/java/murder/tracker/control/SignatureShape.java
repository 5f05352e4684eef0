package murder.tracker.control;

import murder.core.MurderException;
import murder.core.trust.Dsse;
import murder.core.trust.Envelope;

/**
 * The tracker is not trusted to judge signatures (agents verify them); it only turns away envelopes that could never
 * verify, so the release host hears of its mistake at once instead of from every agent.
 */
final class SignatureShape {

    /** Generous: a statement is a few hundred bytes; this only bounds what the database keeps. */
    private static final int MAX_PAYLOAD_CHARS = 16 * 1024;
    private static final int MAX_SIGNATURES = 8;

    private SignatureShape() {
    }

    static void requireWellFormed(Envelope envelope) {
        if (envelope == null) {
            return;
        }
        if (!Dsse.PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw MurderException.badInput("the deployment's signature has payload type '" + envelope.payloadType()
                    + "'; murder agents only accept " + Dsse.PAYLOAD_TYPE);
        }
        if (envelope.payload() == null || envelope.payload().length() > MAX_PAYLOAD_CHARS
                || Dsse.payload(envelope).isEmpty()) {
            throw MurderException.badInput("the deployment's signature has no base64 payload (or one over "
                    + MAX_PAYLOAD_CHARS + " characters)");
        }
        if (envelope.signatures().isEmpty() || envelope.signatures().size() > MAX_SIGNATURES
                || envelope.signatures().stream().anyMatch(s -> s == null || s.sig() == null)) {
            throw MurderException.badInput("the deployment's signature envelope needs 1 to " + MAX_SIGNATURES
                    + " signatures, each with a sig");
        }
    }
}
