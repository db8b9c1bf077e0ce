/** The auditors' REST API over the evidence store: JWT-authenticated, role-checked, problem-JSON errors. */
package io.vigil.audit.api;
