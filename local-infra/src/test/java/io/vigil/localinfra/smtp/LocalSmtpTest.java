package io.vigil.localinfra.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

class LocalSmtpTest {

    @Test
    void sharedReturnsTheSameRunningServerTwiceAndPublishesItsPort() {
        // Given
        LocalSmtp first = LocalSmtp.shared();

        // When
        LocalSmtp second = LocalSmtp.shared();

        // Then
        assertThat(second).isSameAs(first);
        assertThat(first.host()).isEqualTo("127.0.0.1");
        assertThat(System.getProperty("vigil.localinfra.smtp.port")).isEqualTo(Integer.toString(first.port()));
    }

    @Test
    void sentEmailIsReadBackWithItsSubjectSenderAndBody() throws MessagingException, IOException {
        // Given
        LocalSmtp smtp = LocalSmtp.shared();
        String recipient = "ops-" + UUID.randomUUID() + "@example.com";

        // When
        send(smtp, recipient, "Alert a-1", "Root login from 203.0.113.7");

        // Then
        List<MimeMessage> received = smtp.receivedMessagesTo(recipient);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Alert a-1");
        assertThat(received.get(0).getFrom()).extracting(Object::toString).containsExactly("vigil@localhost");
        assertThat(received.get(0).getContent().toString().trim()).isEqualTo("Root login from 203.0.113.7");
    }

    @Test
    void anotherClassLoaderReusesTheSharedServerAndSeesItsMessages() throws Exception {
        // Given
        LocalSmtp smtp = LocalSmtp.shared();
        String recipient = "audit-" + UUID.randomUUID() + "@example.com";
        send(smtp, recipient, "Digest", "3 alerts");
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);

        // When
        Object view;
        List<?> seen;
        try (URLClassLoader isolated = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Class<?> otherLocalSmtp = isolated.loadClass(LocalSmtp.class.getName());
            view = otherLocalSmtp.getMethod("shared").invoke(null);
            Method receivedTo = otherLocalSmtp.getMethod("receivedMessagesTo", String.class);
            seen = (List<?>) receivedTo.invoke(view, recipient);

            // Then
            assertThat(otherLocalSmtp).isNotSameAs(LocalSmtp.class);
            assertThat(otherLocalSmtp.getMethod("port").invoke(view)).isEqualTo(smtp.port());
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).getClass().getMethod("getSubject").invoke(seen.get(0))).isEqualTo("Digest");
        }
    }

    private static void send(LocalSmtp smtp, String recipient, String subject, String body) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("vigil@localhost"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        message.setSubject(subject);
        message.setText(body);
        Transport.send(message);
    }
}
