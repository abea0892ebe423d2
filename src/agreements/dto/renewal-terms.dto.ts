import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { RENEWAL_MODES, type RenewalMode } from '../agreement.entity';

export class RenewalTermsDto {
  /** `none`: ends at expiry; `tacit`: renews unless notice is given by the notice deadline; `explicit`: renews only on a recorded decision. */
  @IsIn(RENEWAL_MODES)
  mode: RenewalMode;

  /** Length of each renewal in months; defaults to the initial duration. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1200)
  termMonths?: number;

  /** Days before expiry by which notice (of non-renewal) must be given. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  noticeDays?: number;
}
