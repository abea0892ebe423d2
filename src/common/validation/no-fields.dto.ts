/**
 * The body of an action route that takes no input (`POST /api/reminders/sweep`). Declaring it lets the
 * global ValidationPipe (forbidNonWhitelisted) refuse any field sent, naming it, so that a client that
 * believes it passed an option learns it did not. No body or `{}` is accepted.
 */
export class NoFieldsDto {}
