package io.partnerid.core.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class OrgPathTests {

    @Test
    void isAncestorOrSelfOfWhenSiblingSharesPrefixThenFalse() {
        OrgPath a = OrgPath.root(OrgId.of("a")).child(OrgId.of("b"));
        OrgPath ab = OrgPath.root(OrgId.of("a")).child(OrgId.of("bb"));
        assertThat(a.isAncestorOrSelfOf(ab)).isFalse();
        assertThat(a.isAncestorOrSelfOf(a.child(OrgId.of("c")))).isTrue();
        assertThat(a.isStrictAncestorOf(a)).isFalse();
    }

    @Test
    void constructorWhenMalformedThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OrgPath("a/b/"));
        assertThatIllegalArgumentException().isThrownBy(() -> new OrgPath("/a//b/"));
        assertThatIllegalArgumentException().isThrownBy(() -> new OrgPath("/a/b"));
        assertThatIllegalArgumentException().isThrownBy(() -> new OrgPath("/a/b c/"));
    }

    @Test
    void accessorsWhenDeepPathThenRootLeafAndDepth() {
        OrgPath p = new OrgPath("/r/x/y/z/");
        assertThat(p.root()).isEqualTo(OrgId.of("r"));
        assertThat(p.leaf()).isEqualTo(OrgId.of("z"));
        assertThat(p.depth()).isEqualTo(4);
        assertThat(p.ids()).extracting(OrgId::value).containsExactly("r", "x", "y", "z");
        assertThat(p.rebase(new OrgPath("/r/x/"), new OrgPath("/q/"))).isEqualTo(new OrgPath("/q/y/z/"));
    }

    @Property
    void childPathAlwaysDescendsFromItsParent(@ForAll @Size(min = 1, max = 12)
            java.util.List<@CharRange(from = 'a', to = 'z') @StringLength(min = 1, max = 10) String> segments) {
        OrgPath path = OrgPath.root(OrgId.of(segments.get(0)));
        for (String s : segments.subList(1, segments.size())) {
            OrgPath child = path.child(OrgId.of(s));
            assertThat(path.isStrictAncestorOf(child)).isTrue();
            assertThat(child.isAncestorOrSelfOf(path)).isFalse();
            path = child;
        }
        assertThat(path.depth()).isEqualTo(segments.size());
    }
}
