package io.partnerid.authz.engine;

import static io.partnerid.authz.AuthzFixtures.request;
import static io.partnerid.authz.AuthzFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.authz.Decision;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.authz.policy.PolicyDocuments;
import io.partnerid.authz.policy.PolicyValidationException;
import io.partnerid.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** R10: the cost of a CEL condition over request-supplied lists is bounded at compile time and at run time. */
class CelConditionLimitsTests {

    private static final String POLICY = """
            schema: partnerid.authz/v1
            revision: "1"
            resourceTypes:
              doc:
                actions: {read: read, share: write, list: read, delete: admin}
            orgs:
              - id: acme
                roles:
                  - name: reader
                    permissions:
                      - {pattern: "doc:read", condition: "%s"}
                      - {pattern: "doc:share", condition: "resource.tags.exists(t, t == 'public')"}
                      - {pattern: "doc:list", condition: "'public' in resource.tags"}
                      - {pattern: "doc:delete"}
                denies:
                  - {id: no-secret-delete, pattern: "doc:delete", condition: "resource.tags.exists(t, t == 'secret')"}
            """;

    /** Two nested comprehensions (allowed), each over a request list, with a list look-up inside. */
    private static final String NESTED_TWO =
            "resource.tags.all(a, resource.labels.all(b, a != b && b in resource.allowed))";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
    private final Subject reader = user("u1", "acme", RoleAssignment.of("reader"));

    private PolicyEngine engine(String readCondition) {
        return PolicyEngine.create(clock, PolicyDocuments.fromYaml(POLICY.formatted(readCondition)));
    }

    private static List<Object> strings(String prefix, int n) {
        return new ArrayList<>(IntStream.range(0, n).mapToObj(i -> prefix + i).toList());
    }

    @Test
    void compileWhenComprehensionsNestedThreeDeepThenPolicyRefused() {
        String three = "resource.tags.all(a, resource.labels.all(b, resource.allowed.exists(c, a + b != c)))";
        assertThatThrownBy(() -> engine(three))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthzErrors.POLICY_INVALID);
                    assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.reason())
                            .contains("nested 3 deep", "at most 2"));
                });
        // the same depth reached through map/filter chains counts too; sequential comprehensions do not nest
        assertThatThrownBy(() -> engine("resource.tags.map(a, resource.labels.filter(b, resource.allowed"
                + ".exists(c, c == b))).size() > 0")).isInstanceOf(PolicyValidationException.class);
        assertThat(engine("resource.tags.all(a, a != '') && resource.labels.exists(b, b == 'x')"
                + " && resource.allowed.exists(c, c == 'y')")).isNotNull();
        assertThat(engine(NESTED_TWO)).isNotNull();
    }

    @Test
    void decideWhenNestedComprehensionsOverLargeRequestListsThenFailsFastWithLimitReason() {
        PolicyEngine engine = engine(NESTED_TWO);
        List<Object> allowed = strings("l", 10);
        // 1000 x 1000 = a million iterations, each with a list look-up: without a budget this runs for seconds
        // and ends in a permit; with the budget it stops after MAX_CONDITION_ITERATIONS and fails closed
        Map<String, Object> big = Map.of("tags", strings("t", 1_000),
                "labels", new ArrayList<>(IntStream.range(0, 1_000).mapToObj(i -> "l" + (i % 10)).toList()),
                "allowed", allowed);

        Decision d = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> engine.decide(request(reader, "read", "doc", "acme", big)));

        assertThat(d.permitted()).isFalse();
        assertThat(d.reasons()).extracting(r -> r.code()).containsExactly("condition.limit_exceeded");
        // the same condition within the budget still permits
        Map<String, Object> small = Map.of("tags", strings("t", 20), "labels", strings("l", 10),
                "allowed", allowed);
        assertThat(engine.decide(request(reader, "read", "doc", "acme", small)).permitted()).isTrue();
    }

    @Test
    void decideWhenRequestListOverTheElementLimitThenConditionFailsClosedWithLimitReason() {
        PolicyEngine engine = engine(NESTED_TWO);
        List<Object> tags = strings("t", PolicyEngine.MAX_ATTRIBUTE_ELEMENTS);
        tags.add("public");

        // interpreted by CEL (a comprehension) and by the native fast path ('public' in resource.tags): both refuse
        for (String action : List.of("share", "list")) {
            Decision d = engine.decide(request(reader, action, "doc", "acme", Map.of("tags", tags)));
            assertThat(d.permitted()).as(action).isFalse();
            assertThat(d.reasons()).as(action).extracting(r -> r.code()).containsExactly("condition.limit_exceeded");
        }
        List<Object> withinLimit = new ArrayList<>(tags.subList(1, tags.size()));
        assertThat(engine.decide(request(reader, "share", "doc", "acme", Map.of("tags", withinLimit))).permitted())
                .isTrue();
        assertThat(engine.decide(request(reader, "list", "doc", "acme", Map.of("tags", withinLimit))).permitted())
                .isTrue();
    }

    @Test
    void decideWhenRequestStringOverTheLengthLimitThenConditionFailsClosed() {
        PolicyEngine engine = engine(NESTED_TWO);
        String overlong = "public" + "x".repeat(PolicyEngine.MAX_ATTRIBUTE_STRING_LENGTH);
        Decision d = engine.decide(request(reader, "share", "doc", "acme", Map.of("tags", List.of(overlong,
                "public"))));
        assertThat(d.reasons()).extracting(r -> r.code()).containsExactly("condition.limit_exceeded");
        d = engine.decide(request(reader, "list", "doc", "acme", Map.of("tags", List.of(overlong, "public"))));
        assertThat(d.reasons()).extracting(r -> r.code()).containsExactly("condition.limit_exceeded");
    }

    @Test
    void decideWhenDenyConditionMeetsOversizedListThenDeniesWithLimitReason() {
        PolicyEngine engine = engine(NESTED_TWO);
        List<Object> tags = strings("t", PolicyEngine.MAX_ATTRIBUTE_ELEMENTS + 1); // no 'secret' among them
        Decision d = engine.decide(request(reader, "delete", "doc", "acme", Map.of("tags", tags)));
        assertThat(d.permitted()).isFalse();
        assertThat(d.reasons()).extracting(r -> r.code()).containsExactly("condition.limit_exceeded");
        assertThat(engine.decide(request(reader, "delete", "doc", "acme", Map.of("tags", List.of("t1"))))
                .permitted()).isTrue();
    }
}
