package murder.cli.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import murder.core.MurderException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The roff man pages in the jar, one per command: picocli-codegen writes them as AsciiDoc from these very commands
 * at build time and asciidoctor turns them into roff (see murder-cli/pom.xml), so they say what the code does.
 */
public final class ManPages {

    static final String RESOURCES = "/murder/cli/man/";

    private ManPages() {
    }

    /** Every command's page, named as man knows it: "murder token agent" is murder-token-agent.1. */
    public static List<String> names(CommandSpec root) {
        List<String> pages = new ArrayList<>();
        collect(root, pages);
        return pages;
    }

    public static String nameOf(CommandSpec spec) {
        return spec.qualifiedName("-") + ".1";
    }

    /** The roff text of a page; FAILED if the jar was built without man pages. */
    public static String read(String page) {
        try (InputStream in = ManPages.class.getResourceAsStream(RESOURCES + page)) {
            if (in == null) {
                throw new MurderException(MurderException.Kind.FAILED, "this murder jar has no man page " + page
                        + " (it was built without them): `murder help` shows the same text");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + page + " from the murder jar", e);
        }
    }

    private static void collect(CommandSpec spec, List<String> pages) {
        if (spec.usageMessage().hidden() || pages.contains(nameOf(spec))) {
            return;
        }
        pages.add(nameOf(spec));
        for (CommandLine sub : spec.subcommands().values()) { // aliases map to the same command: counted once
            collect(sub.getCommandSpec(), pages);
        }
    }
}
