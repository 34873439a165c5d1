package com.shopflow.notification;

import com.shopflow.testkit.WithInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one configuration every integration test of this module uses, so Spring builds a single context for all of
 * them: the whole service on a random port against the test kit's broker, database and registry and a GreenMail SMTP
 * server, with retries fast enough for tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shopflow.notification.poll-interval=200ms",
        "shopflow.notification.retry.initial=200ms",
        "shopflow.notification.retry.max=1s",
        "shopflow.notification.lease=30s"
})
@WithInfrastructure(database = "notifications")
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
@interface NotificationServiceTest {
}
