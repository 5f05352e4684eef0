package murder.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few thousand random and mutated-valid requests: none may be answered 5xx, throw or hang. The seed is fixed
 * so a failure replays; {@code -Dmurder.fuzz.inputs=N -Dmurder.fuzz.seed=S} run more or others
 * ({@code bench/fuzz.sh} does 100,000).
 */
class ApiFuzzTest {

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quiet() {
        ApiFuzzer.quietLogs();
    }

    @Test
    @Timeout(600)
    void noInputGetsA5xxAnExceptionOrAHang() throws Exception {
        int inputs = Integer.getInteger("murder.fuzz.inputs", 3000);
        long seed = Long.getLong("murder.fuzz.seed", 20261125L);
        try (ApiFuzzer fuzzer = new ApiFuzzer(dataDir)) {
            ApiFuzzer.Report report = fuzzer.run(inputs, seed);
            System.out.println(report + " (seed " + seed + ")");
            assertThat(report.failures()).as(report.toString()).isEmpty();
            assertThat(report.statusClasses()).containsKeys("2xx", "4xx");
        }
    }
}
