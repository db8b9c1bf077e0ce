/**
 * What the HTTP receivers share: the URL policy (scheme allow-list, no link-local or metadata addresses) and the JSON
 * poster.
 */
package io.vigil.notify.receiver.http;
