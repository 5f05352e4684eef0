package murder.core.tarball;

import java.io.IOException;
import java.nio.file.Path;

/** A local write failed (disk full, permissions): carried out of the unpack loop to be told apart from bad input. */
final class WriteFailure extends RuntimeException {

    final Path path;
    final IOException error;

    WriteFailure(Path path, IOException error) {
        super(error.getMessage(), error, false, false);
        this.path = path;
        this.error = error;
    }
}
