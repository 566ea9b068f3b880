package io.partnerid.docs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules that span the SDK's modules (STYLE.md rules 1 and 14, ARCHITECTURE.md module directions). The docs module
 * depends on every SDK module, so it sees all their main classes. Each rule is also run against deliberately
 * violating fixtures to prove it can fail.
 */
class ArchitectureTests {

    /** The SDK's own modules; samples, docs, benchmarks and the testkit are hosts or test support. */
    private static final String[] SDK = {"io.partnerid.core..", "io.partnerid.authz..", "io.partnerid.mfa..",
            "io.partnerid.federation..", "io.partnerid.spring.."};

    private static final List<String> MODULE_ROOTS = List.of("io.partnerid.core", "io.partnerid.authz",
            "io.partnerid.mfa", "io.partnerid.federation", "io.partnerid.spring");

    static final ArchRule NO_SYSTEM_CLOCK_OR_RANDOM = noClasses().that().resideInAnyPackage(SDK)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callConstructor(SecureRandom.class)
            .orShould().callConstructor(SecureRandom.class, byte[].class)
            .because("time and randomness are injected (IdentityRuntime), STYLE.md rule 14");

    static final ArchRule NO_THREAD_LOCAL_CONTEXT = noClasses().that().resideInAnyPackage(SDK)
            .should().dependOnClassesThat().areAssignableTo(ThreadLocal.class)
            .because("tenancy is explicit, never a ThreadLocal context");

    static final ArchRule CORE_DEPENDS_ON_NO_OTHER_MODULE = noClasses().that().resideInAPackage("io.partnerid.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.partnerid.authz..", "io.partnerid.mfa..",
                    "io.partnerid.federation..", "io.partnerid.spring..", "io.partnerid.testkit..",
                    "io.partnerid.samples..")
            .because("module dependencies point one way: core <- authz, mfa, federation <- spring-starter");

    static final ArchRule INTERNAL_STAYS_IN_ITS_MODULE = classes()
            .should(new com.tngtech.archunit.lang.ArchCondition<JavaClass>("not use another module's internal package") {
                @Override
                public void check(JavaClass item, com.tngtech.archunit.lang.ConditionEvents events) {
                    String own = moduleOf(item.getPackageName());
                    item.getDirectDependenciesFromSelf().forEach(dependency -> {
                        String target = dependency.getTargetClass().getPackageName();
                        if (target.contains(".internal") && target.startsWith("io.partnerid.")
                                && !moduleOf(target).equals(own)) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(dependency,
                                    dependency.getDescription()));
                        }
                    });
                }
            })
            .because("internal packages are not exported (STYLE.md rule 1)");


    /**
     * Third-party packages whose types may appear in a public signature of an exported SDK type. Each entry is a
     * deliberate, documented exception (README, "Public API and compatibility"); everything else third-party stays
     * behind our own types so that a dependency upgrade never breaks a host.
     */
    static final List<String> ALLOWED_THIRD_PARTY_API_PACKAGES = List.of(
            "org.slf4j");

    /**
     * Exported types (public, in a package without {@code internal}) expose in their public and protected
     * signatures (fields, constructor and method parameters, return types, type arguments, thrown types) only JDK
     * types, exported SDK types and the listed third-party packages.
     */
    static final ArchRule PUBLIC_API_EXPOSES_NO_INTERNAL_OR_THIRD_PARTY_TYPE = classes()
            .that().arePublic().and().resideOutsideOfPackages("..internal..")
            .should(new com.tngtech.archunit.lang.ArchCondition<JavaClass>(
                    "expose only JDK, exported SDK and listed third-party types in public signatures") {
                @Override
                public void check(JavaClass item, com.tngtech.archunit.lang.ConditionEvents events) {
                    for (com.tngtech.archunit.core.domain.JavaMember member : item.getMembers()) {
                        if (!isApi(member.getModifiers())) {
                            continue;
                        }
                        java.util.Set<JavaClass> exposed = new java.util.LinkedHashSet<>();
                        if (member instanceof com.tngtech.archunit.core.domain.JavaField field) {
                            exposed.addAll(field.getType().getAllInvolvedRawTypes());
                        } else if (member instanceof com.tngtech.archunit.core.domain.JavaCodeUnit code) {
                            code.getParameterTypes().forEach(t -> exposed.addAll(t.getAllInvolvedRawTypes()));
                            exposed.addAll(code.getReturnType().getAllInvolvedRawTypes());
                            code.getThrowsClause().getTypes().forEach(t -> exposed.addAll(t.getAllInvolvedRawTypes()));
                        }
                        for (JavaClass type : exposed) {
                            JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
                            if (!allowedInApi(base)) {
                                events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(member,
                                        member.getFullName() + " exposes " + base.getName()));
                            }
                        }
                    }
                }
            })
            .because("the public API is declared: plumbing lives in internal packages and third-party types stay "
                    + "behind our own (STYLE.md rule 1; README, Public API and compatibility)");

    private static boolean isApi(java.util.Set<com.tngtech.archunit.core.domain.JavaModifier> modifiers) {
        return modifiers.contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                || modifiers.contains(com.tngtech.archunit.core.domain.JavaModifier.PROTECTED);
    }

    private static boolean allowedInApi(JavaClass type) {
        String pkg = type.getPackageName();
        if (type.isPrimitive() || pkg.startsWith("java.") || pkg.startsWith("javax.")) {
            return true;
        }
        if (pkg.startsWith("io.partnerid.")) {
            return !pkg.contains(".internal");
        }
        return ALLOWED_THIRD_PARTY_API_PACKAGES.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }

    private static String moduleOf(String packageName) {
        return MODULE_ROOTS.stream().filter(r -> packageName.equals(r) || packageName.startsWith(r + "."))
                .findFirst().orElse(packageName);
    }

    /** The SDK's main classes, imported once for all rules (the classpath scan is the slow part). */
    private static final class SdkMainClasses {
        static final JavaClasses CLASSES = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.partnerid");
    }

    private static JavaClasses sdkMainClasses() {
        return SdkMainClasses.CLASSES;
    }

    @Test
    void sdkMainCodeWhenCheckedThenReadsNoSystemClockAndCreatesNoRandom() {
        NO_SYSTEM_CLOCK_OR_RANDOM.check(sdkMainClasses());
    }

    @Test
    void sdkMainCodeWhenCheckedThenHasNoThreadLocalContext() {
        NO_THREAD_LOCAL_CONTEXT.check(sdkMainClasses());
    }

    @Test
    void identityCoreWhenCheckedThenDependsOnNoOtherSdkModule() {
        JavaClasses classes = sdkMainClasses();
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("io.partnerid.core")).count())
                .as("identity-core classes imported").isGreaterThan(20);
        CORE_DEPENDS_ON_NO_OTHER_MODULE.check(classes);
    }

    @Test
    void internalPackagesWhenCheckedThenUsedOnlyInsideTheirModule() {
        INTERNAL_STAYS_IN_ITS_MODULE.check(sdkMainClasses());
    }

    @Test
    void publicApiWhenCheckedThenExposesNoInternalOrThirdPartyType() {
        JavaClasses sdk = sdkMainClasses().that(com.tngtech.archunit.base.DescribedPredicate.describe("SDK module",
                (JavaClass c) -> MODULE_ROOTS.stream().anyMatch(r -> c.getPackageName().startsWith(r))));
        PUBLIC_API_EXPOSES_NO_INTERNAL_OR_THIRD_PARTY_TYPE.check(sdk);
    }

    @Test
    void publicApiRuleWhenFixtureLeaksThenReportsEachLeak() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("io.partnerid.core.apifixture");
        com.tngtech.archunit.lang.EvaluationResult result =
                PUBLIC_API_EXPOSES_NO_INTERNAL_OR_THIRD_PARTY_TYPE.evaluate(fixtures);
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("helper()") && d.contains("io.partnerid.authz.internal.InternalHelper"))
                .anyMatch(d -> d.contains("classes()") && d.contains("com.tngtech.archunit.core.domain.JavaClass"))
                .noneMatch(d -> d.contains("notApi()"));
    }

    @Test
    void rulesWhenFixturesViolateThemThenReportViolations() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("io.partnerid.core.archfixture",
                "io.partnerid.authz.internal");
        assertThat(NO_SYSTEM_CLOCK_OR_RANDOM.evaluate(fixtures).hasViolation()).isTrue();
        assertThat(NO_THREAD_LOCAL_CONTEXT.evaluate(fixtures).hasViolation()).isTrue();
        assertThat(CORE_DEPENDS_ON_NO_OTHER_MODULE.evaluate(fixtures).hasViolation()).isTrue();
        assertThat(INTERNAL_STAYS_IN_ITS_MODULE.evaluate(fixtures).hasViolation()).isTrue();
        assertThat(NO_SYSTEM_CLOCK_OR_RANDOM.evaluate(fixtures).getFailureReport().getDetails())
                .anyMatch(d -> d.contains("Instant.now()"))
                .anyMatch(d -> d.contains("System.currentTimeMillis()"))
                .anyMatch(d -> d.contains("SecureRandom.<init>()"));
    }

}
