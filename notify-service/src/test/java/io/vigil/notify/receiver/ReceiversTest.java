package io.vigil.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceiversTest {

    private final List<String> validated = new ArrayList<>();
    private final Receiver email = new RecordingReceiver();
    private final Receiver sns = new RecordingReceiver();

    @Test
    void receiverOfUnknownKindIsRejectedNamingTheReceiverTheKeyAndTheValue() {
        // Given
        Map<String, ReceiversConfig.ReceiverConfig> configured = Map.of(
                "security-email", new Settings("email"),
                "chat", new Settings("slak"));

        // When / Then
        assertThatThrownBy(() -> new Receivers(configured, Map.of("email", email, "sns", sns)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Receiver 'chat' has unknown kind 'slak' (vigil.notify.receivers.chat.kind);"
                        + " known kinds: email, sns");
    }

    @Test
    void everyConfiguredReceiverIsValidatedAndBoundToTheImplementationOfItsKind() {
        // Given
        Map<String, ReceiversConfig.ReceiverConfig> configured = Map.of(
                "security-email", new Settings("email"),
                "security-sns", new Settings("sns"),
                "audit-sns", new Settings("sns"));

        // When
        Receivers receivers = new Receivers(configured, Map.of("email", email, "sns", sns));

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
            public Receipt deliver(ReceiverTarget target, Notification notification) {
                throw new AssertionError("not called");
            }
        };

        // When / Then
        assertThatThrownBy(() -> new Receivers(Map.of("security-sns", new Settings("sns")), Map.of("sns", strict)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Receiver 'security-sns' of kind sns needs vigil.notify.receivers.security-sns.sns.topic-arn");
    }

    @Test
    void unknownReceiverNameIsRejectedListingTheConfiguredOnes() {
        // Given
        Receivers receivers = new Receivers(Map.of("security-email", new Settings("email")), Map.of("email", email));

        // When / Then
        assertThatThrownBy(() -> receivers.get("pager"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No receiver named 'pager' (vigil.notify.receivers.pager.kind); configured: security-email");
    }

    private final class RecordingReceiver implements Receiver {
        @Override
        public void validate(ReceiverTarget target) {
            validated.add(target.name());
        }

        @Override
        public Receipt deliver(ReceiverTarget target, Notification notification) {
            return new Receipt(null);
        }
    }

    private record Settings(String kind) implements ReceiversConfig.ReceiverConfig {
        @Override
        public Optional<ReceiversConfig.Email> email() {
            return Optional.empty();
        }

        @Override
        public Optional<ReceiversConfig.Sns> sns() {
            return Optional.empty();
        }
    }
}
