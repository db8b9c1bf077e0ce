package io.vigil.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceiversTest {

    private final List<String> validated = new ArrayList<>();
    private final Receiver email = new RecordingReceiver();
    private final Receiver sns = new RecordingReceiver();
    private final Engine engine = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
            .build();
    private final Template title = engine.parse("{n.headline}");
    private final Template text = engine.parse("{n.id}");

    private Receivers receivers(Map<String, ReceiversConfig.ReceiverConfig> configured,
            Map<String, Receiver> implementations) {
        return new Receivers(configured, implementations, engine, title, text);
    }

    @Test
    void receiverOfUnknownKindIsRejectedNamingTheReceiverTheKeyAndTheValue() {
        // Given
        Map<String, ReceiversConfig.ReceiverConfig> configured = Map.of(
                "security-email", new StubReceiverSettings("email"),
                "chat", new StubReceiverSettings("slak"));

        // When / Then
        assertThatThrownBy(() -> receivers(configured, Map.of("email", email, "sns", sns)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Receiver 'chat' has unknown kind 'slak' (vigil.notify.receivers.chat.kind);"
                        + " known kinds: email, sns");
    }

    @Test
    void everyConfiguredReceiverIsValidatedAndBoundToTheImplementationOfItsKind() {
        // Given
        Map<String, ReceiversConfig.ReceiverConfig> configured = Map.of(
                "security-email", new StubReceiverSettings("email"),
                "security-sns", new StubReceiverSettings("sns"),
                "audit-sns", new StubReceiverSettings("sns"));

        // When
        Receivers receivers = receivers(configured, Map.of("email", email, "sns", sns));

        // Then
        assertThat(validated).containsExactly("audit-sns", "security-email", "security-sns");
        assertThat(receivers.names()).containsExactly("audit-sns", "security-email", "security-sns");
        assertThat(receivers.get("security-email").implementation()).isSameAs(email);
        assertThat(receivers.get("security-sns").implementation()).isSameAs(sns);
        assertThat(receivers.ofKind("sns")).extracting(ReceiverTarget::name)
                .containsExactly("audit-sns", "security-sns");
    }

    @Test
    void invalidSettingsOfAReceiverStopStartup() {
        // Given
        Receiver strict = new Receiver() {
            @Override
            public void validate(ReceiverTarget target) {
                throw new IllegalArgumentException("Receiver '" + target.name() + "' of kind sns needs "
                        + target.key("sns.topic-arn"));
            }

            @Override
            public Receipt deliver(ReceiverTarget target, RenderedNotification notification) {
                throw new AssertionError("not called");
            }
        };

        // When / Then
        assertThatThrownBy(
                () -> receivers(Map.of("security-sns", new StubReceiverSettings("sns")), Map.of("sns", strict)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Receiver 'security-sns' of kind sns needs vigil.notify.receivers.security-sns.sns.topic-arn");
    }

    @Test
    void unknownReceiverNameIsRejectedListingTheConfiguredOnes() {
        // Given
        Receivers receivers = receivers(Map.of("security-email", new StubReceiverSettings("email")),
                Map.of("email", email));

        // When / Then
        assertThatThrownBy(() -> receivers.get("pager"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "No receiver named 'pager' (vigil.notify.receivers.pager.kind); configured: security-email");
    }

    @Test
    void redactionOfAnUnknownFieldStopsStartupNamingTheKeyAndTheKnownFields() {
        // Given
        StubReceiverSettings settings = new StubReceiverSettings("email", Optional.empty(),
                Optional.of(List.of("password")));

        // When / Then
        assertThatThrownBy(() -> receivers(Map.of("mail", settings), Map.of("email", email)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Receiver 'mail' redacts unknown field 'password' (vigil.notify.receivers.mail.redact);"
                        + " fields: accountId, actorArn, eventName, region, runbookUrl, sourceIp, summary");
    }

    @Test
    void invalidTemplateStopsStartupNamingTheKey() {
        // Given
        StubReceiverSettings settings = new StubReceiverSettings("email", Optional.of("{#if n.id}unclosed"),
                Optional.empty());

        // When / Then
        assertThatThrownBy(() -> receivers(Map.of("mail", settings), Map.of("email", email)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Receiver 'mail' has an invalid Qute template in"
                        + " vigil.notify.receivers.mail.title-template: ");
    }

    @Test
    void customTitleTemplateAndRedactionShapeWhatTheReceiverRenders() {
        // Given
        StubReceiverSettings settings = new StubReceiverSettings("email",
                Optional.of("{n.lead.ruleId} in {n.lead.accountId}"),
                Optional.of(List.of("accountId")));
        BoundReceiver receiver = receivers(Map.of("mail", settings), Map.of("email", email)).get("mail");
        OutboundNotification notification = new OutboundNotification("n-1", NotificationAction.FIRING, "mail", "g",
                Map.of(), List.of(Notification.of(io.vigil.notify.TestAlerts.stopLogging(
                        io.vigil.contract.Severity.HIGH))),
                null);

        // When
        RenderedNotification rendered = receiver.render(notification);

        // Then
        assertThat(rendered.title()).isEqualTo("CloudWatch.5 in [redacted]");
        assertThat(rendered.notification().lead().accountId()).isEqualTo("[redacted]");
        assertThat(rendered.notification().lead().actorArn()).isEqualTo(io.vigil.notify.TestAlerts.ACTOR_ARN);
        assertThat(rendered.text()).isEqualTo("n-1");
    }

    private final class RecordingReceiver implements Receiver {
        @Override
        public void validate(ReceiverTarget target) {
            validated.add(target.name());
        }

        @Override
        public Receipt deliver(ReceiverTarget target, RenderedNotification notification) {
            return new Receipt(null);
        }
    }
}
