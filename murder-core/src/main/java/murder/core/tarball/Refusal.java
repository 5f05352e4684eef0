package murder.core.tarball;

/**
 * Why a tarball is refused (a hostile or unsupported entry, a limit): the unpacker turns it into a BAD_INPUT
 * {@link murder.core.MurderException} naming the tarball. Unchecked so it can leave a stream's read().
 */
final class Refusal extends RuntimeException {

    Refusal(String reason) {
        super(reason, null, false, false);
    }
}
