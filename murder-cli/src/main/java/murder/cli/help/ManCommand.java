package murder.cli.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import murder.core.MurderException;
import murder.core.files.OsErrors;
import murder.core.files.WritableDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The man pages built into the jar: picocli-codegen writes them as AsciiDoc from these very commands at build time
 * and asciidoctor turns them into roff (see murder-cli/pom.xml), so they say what the code does.
 */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = {"Print the manual page of murder or of one of its commands, as roff: "
            + "`murder man deploy | man -l -`.",
            "With --out DIR, write all of them there instead, e.g. to /usr/local/share/man/man1."})
public final class ManCommand implements Callable<Integer> {

    static final String RESOURCES = "/murder/cli/man/";

    @Parameters(arity = "0..*", paramLabel = "COMMAND",
            description = "A command, e.g. deploy, or token agent (default: murder itself)")
    List<String> command = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Write every page (murder.1, murder-deploy.1, ...) "
            + "into this directory")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) {
            WritableDirectory.require(out, "--out");
            for (String page : pages(spec.root())) {
                write(page);
            }
            return 0;
        }
        PrintWriter writer = spec.commandLine().getOut();
        writer.print(read(pageOf(find(spec.root(), command))));
        writer.flush();
        return 0;
    }

    /** The page of every command, named as man knows it: "murder token agent" is murder-token-agent.1. */
    static List<String> pages(CommandSpec root) {
        List<String> pages = new ArrayList<>();
        collect(root, pages);
        return pages;
    }

    private static void collect(CommandSpec spec, List<String> pages) {
        if (spec.usageMessage().hidden()) {
            return;
        }
        pages.add(pageOf(spec));
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getCommandSpec().parent() == spec && !pages.contains(pageOf(sub.getCommandSpec()))) {
                collect(sub.getCommandSpec(), pages);
            }
        }
    }

    static String pageOf(CommandSpec spec) {
        return spec.qualifiedName("-") + ".1";
    }

    private static CommandSpec find(CommandSpec root, List<String> names) {
        CommandSpec spec = root;
        for (String name : names) {
            CommandLine sub = spec.subcommands().get(name);
            if (sub == null) {
                throw MurderException.badInput("no command '" + String.join(" ", names) + "': the commands are "
                        + String.join(", ", spec.subcommands().keySet()) + " (`" + spec.qualifiedName()
                        + " --help`)");
            }
            spec = sub.getCommandSpec();
        }
        return spec;
    }

    private void write(String page) {
        Path file = out.resolve(page);
        try {
            Files.writeString(file, read(page), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MurderException.badInput("cannot write " + file + " (" + OsErrors.reason(e) + ")");
        }
        spec.commandLine().getOut().println("wrote " + file);
        spec.commandLine().getOut().flush();
    }

    static String read(String page) {
        try (InputStream in = ManCommand.class.getResourceAsStream(RESOURCES + page)) {
            if (in == null) {
                throw new MurderException(MurderException.Kind.FAILED, "this murder jar has no man page " + page
                        + " (it was built without them): `murder help` shows the same text");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + page + " from the murder jar", e);
        }
    }
}
