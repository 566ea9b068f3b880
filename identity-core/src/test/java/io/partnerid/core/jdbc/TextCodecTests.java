package io.partnerid.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TextCodecTests {

    @Property(tries = 2_000)
    void unescapeWhenAnyStringEscapedThenOriginal(@ForAll String value) {
        String escaped = TextCodec.escape(value);
        assertThat(escaped).doesNotContain("\0");
        assertThat(TextCodec.unescape(escaped)).isEqualTo(value);
    }

    @Property(tries = 1_000)
    void decodeMapWhenAnyMapEncodedThenEqualInOrder(@ForAll Map<String, String> map) {
        Map<String, String> ordered = new LinkedHashMap<>(map);
        assertThat(TextCodec.decodeMap(TextCodec.encodeMap(ordered))).containsExactlyEntriesOf(ordered);
    }

    @Property(tries = 1_000)
    void decodeListWhenAnyListEncodedThenEqualInOrder(@ForAll java.util.List<String> list) {
        assertThat(TextCodec.decodeList(TextCodec.encodeList(list))).containsExactlyElementsOf(list);
    }

    @Test
    void escapeWhenPlainTextThenUnchanged() {
        assertThat(TextCodec.escape("user:alice@example.com Zürich ✓ \uD83D\uDE00"))
                .isEqualTo("user:alice@example.com Zürich ✓ \uD83D\uDE00");
        assertThat(TextCodec.escape("a\0b\\c\uD800")).isEqualTo("a\\0b\\\\c\\ud800");
    }

    @Test
    void decodeMapWhenMalformedThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> TextCodec.decodeMap("5:ab"));
        assertThatIllegalArgumentException().isThrownBy(() -> TextCodec.unescape("x\\q"));
    }

    @Test
    void unescapeWhenEscapeCannotHaveBeenWrittenThenRejected() {
        for (String bad : java.util.List.of("\\", "a\\x", "\\u00e9", "\\u0041", "\\ud8", "\\uD800", "\\ud80g")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> TextCodec.unescape(bad));
        }
    }
}
