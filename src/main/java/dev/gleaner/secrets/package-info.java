/**
 * Secrets at rest: the process's secrets key ({@link dev.gleaner.secrets.SecretsKey}) and the sealing of secret
 * values with it ({@link dev.gleaner.secrets.SecretBox}, AES-256-GCM). Depends on nothing of the service.
 */
@NullMarked
package dev.gleaner.secrets;

import org.jspecify.annotations.NullMarked;
