/** PostgreSQL access shared by the capabilities: transactions over the Agroal pool and column conversions. */
package io.vigil.notify.store;
