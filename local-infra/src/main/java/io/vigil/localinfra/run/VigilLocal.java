package io.vigil.localinfra.run;

import io.vigil.localinfra.ProjectRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * {@code bin/vigil-local}: runs the whole of Vigil on this machine until Ctrl-C, then stops the services and servers
 * in order (input first, servers last) so nothing is left running.
 */
public final class VigilLocal {

    private static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    private VigilLocal() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream console = System.out;
        Path root = ProjectRoot.find();
        Path work = root.resolve(".local-infra/run");
        long started = System.nanoTime();
        console.println("Starting Vigil locally: Kafka, PostgreSQL, SQS, SNS, SMTP, then the four services...");
        VigilStack stack = VigilStack.start(new VigilStack.Settings(root, work, true, Duration.ofMinutes(3),
                Map.of()));
        Duration startup = Duration.ofNanos(System.nanoTime() - started);

        String token = stack.tokens().mint("local-auditor", List.of("auditor"), TOKEN_VALIDITY);
        Path tokenFile = work.resolve("auditor.token");
        Files.writeString(tokenFile, token + "\n");
        String operatorToken = stack.tokens().mint("local-operator", List.of("notify-viewer", "notify-operator"),
                TOKEN_VALIDITY);
        Path operatorTokenFile = work.resolve("operator.token");
        Files.writeString(operatorTokenFile, operatorToken + "\n");
        NotificationWatcher watcher = new NotificationWatcher(stack.smtp(), stack.fauxqs(),
                stack.alertsInboxQueueUrl(), work.resolve("notifications"), console);
        watcher.start();

        console.printf("""

                Vigil is ready (%.1f s).

                Send events (EventBridge JSON) to SQS:
                  endpoint   %s   (region %s, access key %s, secret %s)
                  queue URL  %s
                  e.g. AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s aws --region %s --endpoint-url %s \\
                         sqs send-message --queue-url %s --message-body file://event.json
                  or send a handful of samples:  bin/vigil-local samples

                Audit API (auditor role, token valid %d h, also in %s):
                  curl -H "Authorization: Bearer $(cat %s)" %s/api/v1/evidence
                  OpenAPI: %s/q/openapi

                Notify API (silences, acknowledgements, delivery ledger; roles notify-viewer and notify-operator,
                token in %s):
                  curl -H "Authorization: Bearer $(cat %s)" %s/api/v1/deliveries

                Notifications appear below as they arrive, and are saved under %s
                  e-mail to %s (SMTP %s:%d); SNS topic %s

                Kafka: %s    Service logs: %s
                Press Ctrl-C to stop everything.

                """,
                startup.toMillis() / 1000.0,
                stack.sqs().endpoint(), stack.sqs().region(), stack.sqs().accessKeyId(),
                stack.sqs().secretAccessKey(), stack.ingestQueueUrl(),
                stack.sqs().accessKeyId(), stack.sqs().secretAccessKey(), stack.sqs().region(),
                stack.sqs().endpoint(), stack.ingestQueueUrl(),
                TOKEN_VALIDITY.toHours(), tokenFile, tokenFile, stack.service("audit").baseUrl(),
                stack.service("audit").baseUrl(),
                operatorTokenFile, operatorTokenFile, stack.service("notify").baseUrl(),
                work.resolve("notifications"), VigilStack.SECURITY_EMAIL, stack.smtp().host(), stack.smtp().port(),
                stack.snsTopicArn(),
                stack.kafka().bootstrapServers(), work.resolve("logs"));

        CountDownLatch stop = new CountDownLatch(1);
        // handle the signals ourselves, so shutdown runs in order instead of in concurrent shutdown hooks
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        stop.await();
        console.println("\nStopping Vigil...");
        watcher.close();
        stack.close();
        console.println("Stopped.");
        System.exit(0);
    }
}
