package com.shopflow.payment;

import com.shopflow.testkit.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.shopflow.payment");

    @Test
    void domainDependsOnNoKafkaAvroEventsOrWebTypes() {
        ArchitectureRules.domainIsIndependent("com.shopflow.payment").check(CLASSES);
    }

    @Test
    void webAndMessagingAdaptersDoNotDependOnEachOther() {
        ArchitectureRules.webAndMessagingAreSeparate("com.shopflow.payment").check(CLASSES);
    }

    @Test
    void usesNoFieldInjection() {
        ArchitectureRules.noFieldInjection().check(CLASSES);
    }
}
