import { SetMetadata } from '@nestjs/common';

export const SECRET_RESPONSE = 'accords:secret-response';

/**
 * The route's answer holds a secret shown once (e.g. a feed token, stored only as a hash). The
 * idempotency store then keeps the status but not the body; a replay answers 409 instead of
 * writing the secret to the database.
 */
export const SecretResponse = () => SetMetadata(SECRET_RESPONSE, true);
