/** The e-mail receiver: an HTML and a plain-text part rendered from Qute templates, sent over SMTP. */
package io.vigil.notify.receiver.email;
