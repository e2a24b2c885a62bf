package org.groupwriteback.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of architecture.md as ArchUnit rules, each with its reason. The rules are built for a root
 * package, so that {@link #everyRuleFailsOnABrokenProduct()} can prove each of them fails on the deliberately
 * broken classes in {@code architecture.broken}, laid out like the product.
 */
class ArchitectureTest {
    private static final String PRODUCT = "org.groupwriteback";
    private static final String BROKEN = "org.groupwriteback.architecture.broken";
    /** The UnboundID types that are plain values (names, filters, results), usable outside engine.ad. */
    static final List<String> LDAP_VALUE_TYPES = List.of("DN", "RDN", "Filter", "LDAPException", "ResultCode",
            "LDAPURL");

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PRODUCT);
    }

    /** The rules for a product rooted at {@code root}, by name. */
    static Map<String, ArchRule> rules(String root) {
        String engine = root + ".engine..";
        return Map.of(
                "engine free of UI, CLI and demo", noClasses().that().resideInAPackage(engine)
                        .should().dependOnClassesThat().resideInAnyPackage("javafx..", root + ".wizard..",
                                root + ".app..", root + ".cli..", root + ".demo..", root + ".bench..")
                        .because("the engine runs headless as a service and is driven by the wizard and the CLI,"
                                + " never the other way round (architecture.md)"),
                "wizard uses the engine only", noClasses().that().resideInAPackage(root + ".wizard..")
                        .should().dependOnClassesThat().resideInAnyPackage(root + ".app..", root + ".cli..",
                                root + ".demo..", root + ".bench..")
                        .because("wizard pages talk to the backend through WizardServices; the app wires them"),
                "app free of CLI and demo", noClasses().that().resideInAPackage(root + ".app..")
                        .should().dependOnClassesThat().resideInAnyPackage(root + ".cli..", root + ".demo..")
                        .because("the CLI starts the app and hands it the demo's draft, not the reverse"),
                "demo free of UI", noClasses().that().resideInAPackage(root + ".demo..")
                        .should().dependOnClassesThat().resideInAnyPackage("javafx..", root + ".wizard..")
                        .because("demo-env runs headless in CI"),
                "no cycles between engine packages", engineCycles(root),
                "LDAP connections only in engine.ad", noClasses().that().resideInAPackage(engine)
                        .and().resideOutsideOfPackage(root + ".engine.ad..")
                        .should().dependOnClassesThat(ldapOutsideValueTypes())
                        .because("engine.ad owns connections, TLS and operations; the rest of the engine may use"
                                + " UnboundID's value types " + LDAP_VALUE_TYPES + " only"),
                "Microsoft Graph only in engine.graph", noClasses().that()
                        .resideOutsideOfPackage(root + ".engine.graph..")
                        .should().dependOnClassesThat().resideInAnyPackage("com.microsoft.graph..",
                                "com.microsoft.aad.msal4j..", "com.microsoft.kiota..")
                        .because("engine.graph translates Graph, MSAL and Kiota into the engine's own types"
                                + " (graph.md); nothing else may depend on the SDKs"),
                "view models hold no scene graph nodes", fields().that().areDeclaredInClassesThat(viewModels(root))
                        .should().notHaveRawType(resideInAPackage("javafx.scene.."))
                        .because("view models are tested without a JavaFX toolkit; views own the nodes"),
                "view models return no scene graph nodes", methods().that().areDeclaredInClassesThat(viewModels(root))
                        .should().notHaveRawReturnType(resideInAPackage("javafx.scene.."))
                        .because("view models are tested without a JavaFX toolkit; views own the nodes"));
    }

    private static ArchRule engineCycles(String root) {
        return slices().matching(root + ".engine.(*)..").should().beFreeOfCycles()
                .because("engine packages are layered (architecture.md, Target seams): a cycle makes them one"
                        + " package in disguise");
    }

    private static DescribedPredicate<JavaClass> ldapOutsideValueTypes() {
        String values = LDAP_VALUE_TYPES.stream().collect(Collectors.joining("|"));
        // com.unboundid.util (certificate generation, ObjectPair) is a general toolbox, not LDAP: engine.graph
        // makes the engine's certificate with it.
        return resideInAPackage("com.unboundid..").and(not(resideInAPackage("com.unboundid.util..")))
                .and(not(nameMatching("com\\.unboundid\\.ldap\\.sdk\\.(" + values + ")")))
                .as("UnboundID LDAP classes other than " + LDAP_VALUE_TYPES);
    }

    private static DescribedPredicate<JavaClass> viewModels(String root) {
        return resideInAPackage(root + ".wizard..").and(simpleNameEndingWith("ViewModel")
                .or(simpleNameEndingWith("WizardState")).or(simpleNameEndingWith("PageFlow"))
                .or(simpleNameEndingWith("OuTree")).or(simpleNameEndingWith("OuNode")))
                .as("view models");
    }

    @Test
    void theProductKeepsEveryRule() {
        rules(PRODUCT).values().forEach(rule -> rule.check(product));
    }

    @Test
    void theRulesSeeTheWholeProduct() {
        assertThat(product.containPackage(PRODUCT + ".engine.ad")).isTrue();
        assertThat(product.stream().filter(c -> c.getSimpleName().endsWith("ViewModel")).count())
                .isGreaterThanOrEqualTo(10);
        assertThat(product.stream().filter(resideInAnyPackage(BROKEN + "..")::test)).isEmpty();
    }

    @Test
    void everyRuleFailsOnABrokenProduct() {
        JavaClasses broken = new ClassFileImporter().importPackages(BROKEN);
        Map<String, EvaluationResult> results = rules(BROKEN).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().evaluate(broken)));
        assertThat(results).allSatisfy((name, result) -> assertThat(result.hasViolation()).as(name).isTrue());
        Function<String, String> report = name -> String.join("\n", results.get(name).getFailureReport().getDetails());
        assertThat(report.apply("LDAP connections only in engine.ad")).contains("LDAPConnection")
                .doesNotContain("ldap.sdk.DN>");
        assertThat(report.apply("no cycles between engine packages")).contains("plan", "rules");
    }
}
