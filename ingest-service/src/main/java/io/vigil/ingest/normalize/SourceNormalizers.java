package io.vigil.ingest.normalize;

import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.ingest.classify.Classification;
import io.vigil.ingest.classify.DocumentKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Sends each classified EventBridge document to the normalizer of its source. S3 notifications are not handled here
 * (they point to log files that must be read first). Stateless and thread-safe.
 */
@ApplicationScoped
public class SourceNormalizers {

    private final CloudTrailNormalizer cloudTrail;
    private final GuardDutyNormalizer guardDuty;
    private final SecurityHubAsffNormalizer securityHubAsff;
    private final SecurityHubOcsfNormalizer securityHubOcsf;
    private final ConfigItemChangeNormalizer configItem;
    private final ConfigComplianceChangeNormalizer configCompliance;
    private final InspectorNormalizer inspector;
    private final GenericEventNormalizer generic;

    @Inject
    public SourceNormalizers(CloudTrailNormalizer cloudTrail, GuardDutyNormalizer guardDuty,
            SecurityHubAsffNormalizer securityHubAsff, SecurityHubOcsfNormalizer securityHubOcsf,
            ConfigItemChangeNormalizer configItem, ConfigComplianceChangeNormalizer configCompliance,
            InspectorNormalizer inspector, GenericEventNormalizer generic) {
        this.cloudTrail = cloudTrail;
        this.guardDuty = guardDuty;
        this.securityHubAsff = securityHubAsff;
        this.securityHubOcsf = securityHubOcsf;
        this.configItem = configItem;
        this.configCompliance = configCompliance;
        this.inspector = inspector;
        this.generic = generic;
    }

    /** All normalizers, built without CDI (tests, benchmarks). */
    public static SourceNormalizers create() {
        return new SourceNormalizers(new CloudTrailNormalizer(), new GuardDutyNormalizer(),
                new SecurityHubAsffNormalizer(), new SecurityHubOcsfNormalizer(), new ConfigItemChangeNormalizer(),
                new ConfigComplianceChangeNormalizer(), new InspectorNormalizer(), new GenericEventNormalizer());
    }

    /**
     * @return the events of an EventBridge document; empty for kinds this class does not normalize
     * @throws InvalidShapeException when a required field is missing or malformed
     */
    public List<NormalizedEvent> normalize(Classification document, Origin origin, Instant producedAt) {
        return switch (document.kind()) {
            case CLOUDTRAIL_EVENT -> List.of(cloudTrail.normalize(document.envelope(), document.record(), origin,
                    document.envelope(), producedAt));
            case GUARDDUTY_FINDING -> List.of(guardDuty.normalize(document.envelope(), origin, producedAt));
            case SECURITY_HUB_ASFF_FINDINGS -> securityHubAsff.normalize(document.envelope(), origin, producedAt);
            case SECURITY_HUB_OCSF_FINDINGS -> securityHubOcsf.normalize(document.envelope(), origin, producedAt);
            case CONFIG_ITEM_CHANGE -> List.of(configItem.normalize(document.envelope(), origin, producedAt));
            case CONFIG_COMPLIANCE_CHANGE ->
                List.of(configCompliance.normalize(document.envelope(), origin, producedAt));
            case INSPECTOR_FINDING -> List.of(inspector.normalize(document.envelope(), origin, producedAt));
            case EVENTBRIDGE_EVENT -> List.of(generic.normalize(document.envelope(), origin, producedAt));
            case S3_OBJECT_CREATED, UNRECOGNIZED -> List.of();
        };
    }

    /**
     * @return the normalizer of one finding of a Security Hub message (ASFF or OCSF), or null for other kinds
     */
    public FindingNormalizer findings(DocumentKind kind) {
        return switch (kind) {
            case SECURITY_HUB_ASFF_FINDINGS -> securityHubAsff;
            case SECURITY_HUB_OCSF_FINDINGS -> securityHubOcsf;
            default -> null;
        };
    }

    /** The Config item change normalizer, for oversized items read from S3. */
    public ConfigItemChangeNormalizer configItem() {
        return configItem;
    }

    /** The CloudTrail normalizer, for records read from log files. */
    public CloudTrailNormalizer cloudTrail() {
        return cloudTrail;
    }
}
