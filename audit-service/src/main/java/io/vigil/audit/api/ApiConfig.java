package io.vigil.audit.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The auditors' API settings ({@code vigil.audit.api.*}). */
@ConfigMapping(prefix = "vigil.audit.api")
interface ApiConfig {

    /** Page size when a request gives no {@code limit}. */
    @WithDefault("100")
    int defaultPageSize();

    /** The largest {@code limit} a request may ask for. */
    @WithDefault("1000")
    int maxPageSize();

    /** The most links a chain proof lists before it is refused as too long. */
    @WithDefault("100000")
    int maxProofLinks();

    /** Deliveries listed with an alert, at most. */
    @WithDefault("1000")
    int maxAlertDeliveries();

    /** Rate limiting per caller (user, or client address when unauthenticated). */
    RateLimit rateLimit();

    /** A token bucket per caller. */
    interface RateLimit {

        /** Sustained requests per second. */
        @WithDefault("20")
        double requestsPerSecond();

        /** Requests allowed at once. */
        @WithDefault("100")
        int burst();

        /** The limit per client address for requests without a valid token. */
        Unauthenticated unauthenticated();

        /**
         * Per caller, how long a window of refusals lasts: its first refusal is recorded on its own, the rest as one
         * summary record when it ends.
         */
        @WithDefault("PT1M")
        Duration recordWindow();
    }

    /** A token bucket per client address, for requests without a valid token. */
    interface Unauthenticated {

        /** Sustained requests per second. */
        @WithDefault("5")
        double requestsPerSecond();

        /** Requests allowed at once. */
        @WithDefault("20")
        int burst();
    }
}
