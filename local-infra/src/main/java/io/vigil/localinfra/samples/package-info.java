/** Realistic AWS security events, written from AWS documentation, for tests and the local run. */
package io.vigil.localinfra.samples;
