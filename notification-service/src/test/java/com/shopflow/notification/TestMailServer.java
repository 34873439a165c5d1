package com.shopflow.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One real SMTP server (GreenMail) per test JVM, on a fixed free port so it can be stopped and started again on the
 * same port to play an outage while the service keeps its configuration.
 */
final class TestMailServer {

    private static final int PORT = freePort();
    private static GreenMail server = startServer();

    private TestMailServer() {
    }

    static int port() {
        return PORT;
    }

    static synchronized void stop() {
        server.stop();
    }

    static synchronized void start() {
        server = startServer();
    }

    /** Mails received for this address since the server last started. */
    static synchronized List<MimeMessage> messagesTo(String recipient) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static GreenMail startServer() {
        GreenMail greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the service's mail sender at the test server. */
    static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testMailServer", Map.of(
                    "spring.mail.host", "127.0.0.1",
                    "spring.mail.port", String.valueOf(port()))));
        }
    }
}
