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
