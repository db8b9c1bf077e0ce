package io.vigil.localinfra.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractException;
import io.vigil.contract.ContractJson;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import io.vigil.localinfra.smtp.LocalSmtp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Shows the local run's notifications as they arrive: each e-mail received by the SMTP server and each SNS message
 * received through the queue subscribed to the SNS topic gets a line on the console and a file in
 * {@code <dir>/email} or {@code <dir>/sns}.
 */
final class NotificationWatcher implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(NotificationWatcher.class);

    private final LocalSmtp smtp;
    private final LocalFauxqs fauxqs;
    private final String inboxQueueUrl;
    private final Path dir;
    private final PrintStream console;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private int emailsSeen;

    NotificationWatcher(LocalSmtp smtp, LocalFauxqs fauxqs, String inboxQueueUrl, Path dir, PrintStream console) {
        this.smtp = smtp;
        this.fauxqs = fauxqs;
        this.inboxQueueUrl = inboxQueueUrl;
        this.dir = dir;
        this.console = console;
        this.thread = new Thread(this::run, "vigil-notification-watcher");
        this.thread.setDaemon(true);
    }

    void start() throws IOException {
        Files.createDirectories(dir.resolve("email"));
        Files.createDirectories(dir.resolve("sns"));
        thread.start();
    }

    private void run() {
        while (stop.getCount() > 0) {
            try {
                showNewEmails();
                showSnsMessages();
                stop.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | IOException | MessagingException e) {
                LOGGER.warnf("Reading notifications failed: %s", e.toString());
            }
        }
    }

    private void showNewEmails() throws IOException, MessagingException {
        List<MimeMessage> messages = smtp.receivedMessages();
        for (; emailsSeen < messages.size(); emailsSeen++) {
            MimeMessage message = messages.get(emailsSeen);
            Path file = dir.resolve("email").resolve(String.format("%04d.eml", emailsSeen + 1));
            try (OutputStream out = Files.newOutputStream(file)) {
                message.writeTo(out);
            }
            console.printf("[e-mail] to %s: %s  (%s)%n", String.join(", ", addresses(message)),
                    message.getSubject(), file);
        }
    }

    private void showSnsMessages() throws IOException {
        List<Message> messages = fauxqs.sqsClient().receiveMessage(b -> b.queueUrl(inboxQueueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
        for (Message message : messages) {
            Path file = dir.resolve("sns").resolve(message.messageId() + ".json");
            Files.writeString(file, message.body());
            console.printf("[sns] %s  (%s)%n", snsSubject(message.body()), file);
            fauxqs.sqsClient().deleteMessage(b -> b.queueUrl(inboxQueueUrl).receiptHandle(message.receiptHandle()));
        }
    }

    private static List<String> addresses(MimeMessage message) throws MessagingException {
        var recipients = message.getAllRecipients();
        return recipients == null ? List.of() : Arrays.stream(recipients).map(Object::toString).toList();
    }

    private static String snsSubject(String envelope) {
        try {
            return ContractJson.read(envelope, JsonNode.class).path("Subject").asText("(no subject)");
        } catch (ContractException e) {
            return "(not an SNS envelope)";
        }
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
