/** The receiver SPI, the configured receivers, and the notification every receiver renders. */
package io.vigil.notify.receiver;
