package io.vigil.audit.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The auditors' API settings ({@code vigil.audit.api.*}). */
@ConfigMapping(prefix = "vigil.audit.api")
interface ApiConfig {

    /** Page size when a request gives no {@code limit}. */
    @WithDefault("100")
    int defaultPageSize();

    /** The largest {@code limit} a request may ask for. */
    @WithDefault("1000")
    int maxPageSize();
}
