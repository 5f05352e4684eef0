package murder.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code murder --version}: the version, the git commit and the build time, from {@code build-info.properties}
 * that Maven fills in at build time. A value Maven could not fill in (a build without .git) reads "unknown".
 */
public final class Version implements IVersionProvider {

    static final String RESOURCE = "build-info.properties";
    static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        return lines(load());
    }

    static String[] lines(Properties info) {
        String commit = value(info, "commit");
        if (!commit.equals(UNKNOWN) && value(info, "dirty").equals("true")) {
            commit += " (with uncommitted changes)";
        }
        return new String[] {
            "murder " + value(info, "version"),
            "commit " + commit,
            "built  " + value(info, "built"),
            "java   " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        };
    }

    /** A blank value or a placeholder Maven left as it was (no such property at build time) is unknown. */
    static String value(Properties info, String key) {
        String value = info.getProperty(key, "").strip();
        return value.isEmpty() || value.contains("${") ? UNKNOWN : value;
    }

    private static Properties load() {
        Properties info = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                info.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the murder jar", e);
        }
        return info;
    }
}
