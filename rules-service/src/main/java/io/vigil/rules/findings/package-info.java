/** The {@code finding} dialect: passes through findings of AWS detectors at or above a severity. */
package io.vigil.rules.findings;
