package io.vigil.rules.config;

/** Like the AWS managed rule {@code cloud-trail-log-file-validation-enabled}: a trail must validate its log files. */
record CloudTrailLogFileValidationCheck() implements ResourceCheck {

    @Override
    public String resourceType() {
        return "AWS::CloudTrail::Trail";
    }

    @Override
    public Verdict check(ConfigurationItem item) {
        return item.configuration().path("logFileValidationEnabled").asBoolean(false)
                ? Verdict.compliant("Log file validation is enabled.")
                : Verdict.nonCompliant("Log file validation is disabled: log files can be altered undetected.");
    }
}
