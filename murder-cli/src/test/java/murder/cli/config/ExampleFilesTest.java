package murder.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import murder.cli.MurderCommand;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The example files in deploy-scripts/ are valid settings of their command, commented-out keys included. */
class ExampleFilesTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"agent, agent.yaml.example", "tracker, tracker.yaml.example", "deploy, deploy.yaml.example",
        "status, deploy.yaml.example"})
    void everyKeyOfTheExampleIsAValidSettingWithAValidValue(String command, String example) throws IOException {
        String text = Files.readString(Path.of("..", "deploy-scripts", example));
        Path file = Files.writeString(tmp.resolve(example), text.replaceAll("(?m)^#([a-z-]+:)", "$1"));
        assertThat(Files.readString(file)).doesNotContainPattern("(?m)^#[a-z-]+:");

        CommandLine cli = ConfigDefaults.install(new CommandLine(new MurderCommand())
                .setCaseInsensitiveEnumValuesAllowed(true), Map.of("MURDER_CONFIG", file.toString()), tmp);
        cli.parseArgs(command.equals("deploy") ? new String[] {command, "build"} : new String[] {command});
        CommandSpec spec = cli.getSubcommands().get(command).getCommandSpec();
        ConfigDefaults config = (ConfigDefaults) spec.defaultValueProvider();
        config.validate(); // throws on an unknown key or a bad value
        assertThat(config.file().isEmpty()).isFalse();
        assertThat(config.missing()).as("required settings the example leaves out")
                .allMatch(option -> option.longestName().equals("--release") || option.longestName().equals("--tag"));
    }
}
