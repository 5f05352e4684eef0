package murder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"v1", "release-2026.11.22_01", "A", "web.prod"})
    void acceptsValidNames(String name) {
        assertThat(Names.requireReleaseId(name)).isEqualTo(name);
        assertThat(Names.requireTag(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "a/b", "../etc", "has space", "ümlaut", "semi;colon"})
    void rejectsInvalidNamesWithAClearMessage(String name) {
        assertThatThrownBy(() -> Names.requireReleaseId(name))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("invalid release id '" + name + "'")
                .hasMessageContaining("A-Z a-z 0-9 . _ -")
                .satisfies(e -> assertThat(((MurderException) e).kind()).isEqualTo(MurderException.Kind.BAD_INPUT));
    }

    @org.junit.jupiter.api.Test
    void rejectsOverlongNames() {
        assertThat(Names.isValid("a".repeat(128))).isTrue();
        assertThat(Names.isValid("a".repeat(129))).isFalse();
        assertThat(Names.isValid(null)).isFalse();
    }
}
