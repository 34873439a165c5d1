package com.shopflow.order;

import com.shopflow.testkit.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package-by-feature rules: the order domain knows no Kafka, Avro or web; web and messaging stay apart. */
@AnalyzeClasses(packages = "com.shopflow.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule domainIsIndependent = ArchitectureRules.domainIsIndependent("com.shopflow.order");

    @ArchTest
    static final ArchRule webAndMessagingAreSeparate = ArchitectureRules.webAndMessagingAreSeparate("com.shopflow.order");

    @ArchTest
    static final ArchRule noFieldInjection = ArchitectureRules.noFieldInjection();
}
