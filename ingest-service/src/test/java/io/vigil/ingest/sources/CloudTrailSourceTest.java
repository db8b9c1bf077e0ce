package io.vigil.ingest.sources;

import static io.vigil.ingest.sources.SourceSamples.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.StableIds;
import io.vigil.localinfra.samples.Samples;
import io.vigil.ingest.intake.IntakeResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * CloudTrail records in EventBridge envelopes, beyond the basic cases of {@code IntakeTest}: identity types of the
 * CloudTrail userIdentity reference, service events, sign-ins.
 */
class CloudTrailSourceTest {

    @Test
    void rootActingThroughAServiceKeepsInvokedByAndTheServiceAsSource() {
        // When
        NormalizedEvent event = single("cloudtrail-root-invoked-by-service.json");

        // Then
        assertThat(event.id()).isEqualTo(StableIds.of("aws.cloudtrail", "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"));
        assertThat(event.eventClass()).isEqualTo(EventClass.API_ACTIVITY);
        assertThat(event.actor()).isEqualTo(new Actor("Root", "arn:aws:iam::111122223333:root", null, "111122223333",
                false, null, "cloudformation.amazonaws.com"));
        assertThat(event.sourceIp()).isEqualTo("cloudformation.amazonaws.com");
        assertThat(event.action()).isEqualTo(new Action("s3.amazonaws.com", "PutBucketPolicy", Outcome.SUCCESS, null,
                null, false));
        assertThat(event.resources()).containsExactly(new ResourceRef("arn:aws:s3:::example-public-bucket",
                "AWS::S3::Bucket", "example-public-bucket"));
    }

    @Test
    void serviceEventWithoutAnIdentityTypeIsActedByAwsService() {
        // When
        NormalizedEvent event = single("cloudtrail-service-event-kms-rotation.json");

        // Then
        assertThat(event.actor()).isEqualTo(new Actor("AWSService", null, null, "111122223333", null, null,
                "kms.amazonaws.com"));
        assertThat(event.operation()).isEqualTo("RotateKey");
        assertThat(event.eventClass()).isEqualTo(EventClass.API_ACTIVITY);
    }

    @Test
    void identityCenterPermissionSetSessionIsAnAssumedRoleWithTheIssuerAndTheDenial() {
        // When
        NormalizedEvent event = single("cloudtrail-identity-center-denied.json");

        // Then
        assertThat(event.actor()).isEqualTo(new Actor("AssumedRole",
                "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/"
                        + "jane@example.com",
                "jane@example.com", "111122223333", false,
                "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
                        + "AWSReservedSSO_AdministratorAccess_0123456789abcdef",
                null));
        assertThat(event.action()).isEqualTo(new Action("ec2.amazonaws.com", "DeleteFlowLogs", Outcome.FAILURE,
                "Client.UnauthorizedOperation", "You are not authorized to perform this operation.", false));
    }

    @Test
    void federatedUserReadOnlyCallIsMarkedReadOnlyAndNamesTheFederatedUser() {
        // When
        NormalizedEvent event = single("cloudtrail-federated-user-read-only.json");

        // Then: the federated user's name comes from its ARN (federated-user/bob), not from the broker
        assertThat(event.actor()).isEqualTo(new Actor("FederatedUser", "arn:aws:sts::111122223333:federated-user/bob",
                "bob", "111122223333", false, "arn:aws:iam::111122223333:user/identity-broker", null));
        assertThat(event.action()).isEqualTo(new Action("s3.amazonaws.com", "ListBuckets", Outcome.SUCCESS, null,
                null, true));
    }

    @Test
    void signInFailedOnAnUnknownUserNameNamesNoUserAndIsAFailedAuthentication() {
        // When
        NormalizedEvent event = single("signin-failed-unknown-user-name.json");

        // Then: CloudTrail's placeholder HIDDEN_DUE_TO_SECURITY_REASONS is no user name; raw keeps it
        assertThat(event.eventClass()).isEqualTo(EventClass.AUTHENTICATION);
        assertThat(event.actor()).isEqualTo(new Actor("IAMUser", null, null, "111122223333", false, null, null));
        assertThat(event.action()).isEqualTo(new Action("signin.amazonaws.com", "ConsoleLogin", Outcome.FAILURE,
                null, "No username found in supplied account", false));
        assertThat(event.sourceIp()).isEqualTo("203.0.113.200");
        assertThat(event.raw().path("detail").path("userIdentity").path("userName").asText())
                .isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
    }

    @Test
    void identityCenterUserSignInIsAnAuthenticationByThatUser() {
        // When
        NormalizedEvent event = single("signin-identity-center-user.json");

        // Then
        assertThat(event.eventClass()).isEqualTo(EventClass.AUTHENTICATION);
        assertThat(event.classUid()).isEqualTo(3002);
        assertThat(event.actor()).isEqualTo(new Actor("IdentityCenterUser", null,
                "94482488-3041-7026-18f3-be45837cd0e4", "111122223333", null, null, null));
        assertThat(event.action().outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void failedIdentityCenterSignInIsAFailure() {
        // Given
        String body = SourceSamples.read("signin-identity-center-user.json")
                .replace("\"UserAuthentication\": \"Success\"", "\"UserAuthentication\": \"Failure\"");

        // When
        NormalizedEvent event = ((IntakeResult.Accepted) SourceSamples.accept(body)).events().get(0);

        // Then
        assertThat(event.action().outcome()).isEqualTo(Outcome.FAILURE);
    }

    @Test
    void rootConsoleSignInWithMfaIsASuccessfulMfaAuthentication() {
        // When
        NormalizedEvent event = single("signin-root-with-mfa.json");

        // Then
        assertThat(event.eventClass()).isEqualTo(EventClass.AUTHENTICATION);
        assertThat(event.actor()).isEqualTo(new Actor("Root", "arn:aws:iam::111122223333:root", null, "111122223333",
                true, null, null));
        assertThat(event.action().outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void consoleSignInWithoutMfaSaysSo() {
        // When
        IntakeResult result = SourceSamples.intake().accept(SourceSamples.input(
                new String(Samples.read(Samples.SIGNIN_WITHOUT_MFA).getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8)));

        // Then
        NormalizedEvent event = ((IntakeResult.Accepted) result).events().get(0);
        assertThat(event.eventClass()).isEqualTo(EventClass.AUTHENTICATION);
        assertThat(event.actor().mfaAuthenticated()).isFalse();
    }
}
