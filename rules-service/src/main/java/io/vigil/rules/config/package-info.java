/** The {@code config} dialect: AWS Config-style resource checks on configuration items, with their verdicts. */
package io.vigil.rules.config;
