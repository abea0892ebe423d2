import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CalendarQuery {
  /** A feed token from `POST /api/feed-tokens`, for clients that cannot send a bearer token. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}
