/**
 * An SMTP server (GreenMail) inside the JVM that keeps every message it receives for assertions.
 */
package io.vigil.localinfra.smtp;
