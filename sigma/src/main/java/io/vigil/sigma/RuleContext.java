package io.vigil.sigma;

/** The rule being loaded, so that every error can name it. */
record RuleContext(String title, String id) {

    SigmaRuleException error(SigmaRuleException.Reason reason, String location, String detail) {
        return new SigmaRuleException(reason, title, id, location, detail);
    }

    SigmaRuleException invalid(String location, String detail) {
        return error(SigmaRuleException.Reason.INVALID_RULE, location, detail);
    }

    SigmaRuleException unsupported(String location, String feature) {
        return error(SigmaRuleException.Reason.UNSUPPORTED_FEATURE, location, "unsupported Sigma feature: " + feature);
    }
}
