package com.shopflow.stack;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Asks the broker, through a real Kafka admin client, whether it serves metadata with a live broker. The client is
 * loaded from {@code kafka-lib} in its own class loader, which keeps Kafka off the launcher's classpath.
 */
final class KafkaProbe {

    private static volatile ClassLoader loader;

    private KafkaProbe() {
    }

    /** {@code clientSettings} holds the bootstrap servers and, on a secure broker, the admin's SASL settings. */
    static boolean brokerReady(Path kafkaLib, Map<String, String> clientSettings) {
        ClassLoader kafka = loader(kafkaLib);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(kafka); // Kafka instantiates configured classes through the context loader
        try {
            Class<?> admin = Class.forName("org.apache.kafka.clients.admin.Admin", true, kafka);
            Class<?> future = Class.forName("org.apache.kafka.common.KafkaFuture", true, kafka);
            Class<?> result = Class.forName("org.apache.kafka.clients.admin.DescribeClusterResult", true, kafka);
            Properties config = new Properties();
            config.putAll(clientSettings);
            config.setProperty("request.timeout.ms", "2000");
            config.setProperty("default.api.timeout.ms", "3000");
            config.setProperty("socket.connection.setup.timeout.ms", "1000");
            config.setProperty("reconnect.backoff.max.ms", "500");
            try (AutoCloseable client = (AutoCloseable) admin.getMethod("create", Properties.class).invoke(null, config)) {
                Object cluster = admin.getMethod("describeCluster").invoke(client);
                Object nodes = result.getMethod("nodes").invoke(cluster);
                Object list = future.getMethod("get", long.class, TimeUnit.class).invoke(nodes, 3L, TimeUnit.SECONDS);
                return !((Collection<?>) list).isEmpty();
            }
        } catch (InvocationTargetException e) {
            return false; // not reachable yet, or still starting
        } catch (ReflectiveOperationException e) {
            throw new StackException("Cannot load the Kafka admin client from " + kafkaLib + ": " + e, e);
        } catch (Exception e) {
            return false;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ClassLoader loader(Path kafkaLib) {
        ClassLoader cached = loader;
        if (cached == null) {
            synchronized (KafkaProbe.class) {
                cached = loader;
                if (cached == null) {
                    try (Stream<Path> jars = Files.list(kafkaLib)) {
                        URL[] urls = jars.filter(path -> path.toString().endsWith(".jar"))
                                .map(KafkaProbe::url).toArray(URL[]::new);
                        cached = new URLClassLoader("kafka-lib", urls, ClassLoader.getPlatformClassLoader());
                        loader = cached;
                    } catch (IOException e) {
                        throw new StackException("Cannot read " + kafkaLib + "; build local-stack first", e);
                    }
                }
            }
        }
        return cached;
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
