package com.shopflow.inventory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.shopflow.testkit.WithInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one configuration every integration test of this module uses, so Spring builds a single context for all of
 * them: the whole service on a random port against the test kit's broker, database and registry.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "shopflow.inventory.gauge.refresh=200ms")
@WithInfrastructure(database = "inventory")
@interface InventoryServiceTest {
}
