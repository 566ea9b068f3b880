package io.partnerid.authz.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameTableTests {

    @Test
    void findWhenNamesShareAHashCodeThenEachNameKeepsItsOwnValue() {
        // "Aa" and "BB" (and their concatenations) have the same String.hashCode
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        NameTable t = new NameTable(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB"), new int[] {1, 2, 3, 4, 5});

        assertThat(t.find("Aa")).isEqualTo(1);
        assertThat(t.find("BB")).isEqualTo(2);
        assertThat(t.find("AaAa")).isEqualTo(3);
        assertThat(t.find("BBBB")).isEqualTo(4);
        assertThat(t.find("AaBB")).isEqualTo(5);
        assertThat(t.find("BBAa")).isEqualTo(-1);
    }

    @Test
    void findWhenNameIsAbsentOrAPrefixThenMinusOne() {
        NameTable t = new NameTable(List.of("acme", "acme-emea", ""), new int[] {0, 70_000, 9});

        assertThat(t.find("acme")).isZero();
        assertThat(t.find("acme-emea")).isEqualTo(70_000);
        assertThat(t.find("")).isEqualTo(9);
        assertThat(t.find("acm")).isEqualTo(-1);
        assertThat(t.find("acme-emeA")).isEqualTo(-1);
        assertThat(t.find("acme-emea-paris")).isEqualTo(-1);
        assertThat(new NameTable(List.of(), new int[0]).find("acme")).isEqualTo(-1);
    }

    @Test
    void findWhenManyNamesThenEveryNameIsFoundWithItsValue() {
        List<String> names = new ArrayList<>();
        int[] values = new int[20_000];
        for (int i = 0; i < values.length; i++) {
            names.add("o" + i + (i % 3 == 0 ? "-é" : ""));
            values[i] = values.length - i;
        }
        NameTable t = new NameTable(names, values);

        for (int i = 0; i < values.length; i++) {
            assertThat(t.find(names.get(i))).isEqualTo(values.length - i);
        }
        assertThat(t.find("o20000")).isEqualTo(-1);
    }
}
