package murder.tracker.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.List;
import murder.core.MurderException;
import murder.core.json.Json;

/** Lists of names kept in one TEXT column as a JSON array. */
final class JsonColumns {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static String write(List<String> values) {
        return new String(Json.write(values), UTF_8);
    }

    static List<String> readList(String json) {
        try {
            return List.copyOf(Json.MAPPER.readValue(json, STRINGS));
        } catch (IOException e) {
            throw new MurderException(MurderException.Kind.FAILED, "corrupt list in the tracker store: " + json, e);
        }
    }
}
