package io.partnerid.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps every guide's code true: a fenced Java block in {@code docs/*.md} preceded by
 * {@code <!-- snippet: ClassName#tag -->} must equal, line for line after removing the common indentation, the
 * region between {@code // tag::tag[]} and {@code // end::tag[]} of that class under {@code docs/src/test/java},
 * which the build compiles and runs.
 */
class DocSnippetsTests {

    private static final Pattern MARKER = Pattern.compile(
            "<!-- snippet: ([A-Za-z0-9_.]+)#([a-z0-9-]+) -->\\s*\\n```java\\n(.*?)```", Pattern.DOTALL);

    private static final Path DOCS = Path.of(".");
    private static final Path SOURCES = Path.of("src/test/java/io/partnerid/docs");

    @Test
    void everySnippetWhenComparedWithItsCompiledRegionThenIdentical() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> guides = Files.list(DOCS)) {
            for (Path guide : guides.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = MARKER.matcher(Files.readString(guide));
                while (m.find()) {
                    String expected = region(m.group(1), m.group(2));
                    assertThat(dedent(m.group(3)))
                            .as("%s: snippet %s#%s", guide.getFileName(), m.group(1), m.group(2))
                            .isEqualTo(expected);
                    checked.add(guide.getFileName() + ":" + m.group(1) + "#" + m.group(2));
                }
            }
        }
        assertThat(checked).as("guides with compiled snippets").anyMatch(s -> s.startsWith("core.md:"));
    }

    @Test
    void dedentWhenCommonIndentationThenRemoved() {
        assertThat(dedent("    a\n      b\n")).isEqualTo("a\n  b\n");
    }

    static String region(String className, String tag) throws IOException {
        Path source = SOURCES.resolve(className + ".java");
        if (!Files.exists(source)) {
            fail("no source " + source);
        }
        String text = Files.readString(source);
        String start = "// tag::" + tag + "[]";
        String end = "// end::" + tag + "[]";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            fail("no region " + tag + " in " + source);
        }
        String body = text.substring(text.indexOf('\n', from) + 1, to);
        return dedent(body.substring(0, body.lastIndexOf('\n') + 1));
    }

    static String dedent(String block) {
        String[] lines = block.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            out.append(line.isBlank() ? "" : line.substring(Math.min(indent, line.length())).stripTrailing());
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
