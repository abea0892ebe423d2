import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  IsCalendarDate,
  IsOmittable,
  PARTY_CODE_PATTERN,
} from '../../common/validation/validators';
import { MAX_AMOUNT } from '../money-amounts';
import { IsCurrencyCode, IsMoneyAmount } from '../money-validators';

const AMOUNT_SCHEMA = {
  oneOf: [
    { type: 'string', pattern: '^[0-9]{1,16}(\\.[0-9]{1,2})?$', maxLength: 19, example: '1234.50' },
    { type: 'number', minimum: 0.01, maximum: Number(MAX_AMOUNT), multipleOf: 0.01 },
  ],
  description: 'Positive, at most two decimals; answered as a string with two ("1234.50").',
};
const CURRENCY_SCHEMA = {
  type: 'string',
  pattern: '^[A-Z]{3}$',
  minLength: 3,
  maxLength: 3,
  example: 'EUR',
  description: 'ISO 4217; amounts are never converted between currencies.',
} as const;
const VERSION_DOC = 'The version you read; here or as `If-Match`. Stale → 409.';

/** Fields common to a budget line and a spending entry, as created. */
class MoneyEntryFields {
  @ApiProperty(AMOUNT_SCHEMA)
  @IsMoneyAmount()
  amount: string | number;

  @ApiProperty(CURRENCY_SCHEMA)
  @IsCurrencyCode()
  currency: string;

  /**
   * Who pays, by name (any donor). May be left out when `funderPartyCode` names a registered party:
   * the party's name is used.
   */
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  funder?: string;

  /** The funder when it is a registered party (e.g. IOM, MA). */
  @IsOptional()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as IOM' })
  @MaxLength(16)
  funderPartyCode?: string | null;

  /** Which party's part of the activity this money is for (a party on it); null: the whole activity. */
  @IsOptional()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  partyCode?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CreateBudgetLineDto extends MoneyEntryFields {}

export class CreateSpendingDto extends MoneyEntryFields {
  /** The day the money was spent: not in the future (plan's time zone), not before 2000. */
  @IsCalendarDate()
  @MaxLength(10)
  spentOn: string;

  /** The finance system's reference (invoice, voucher). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string | null;
}

/** A change: fields left out stay as they are. */
class MoneyEntryPatch {
  @ApiPropertyOptional({ description: VERSION_DOC, minimum: 1, maximum: 2147483647 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;

  @ApiPropertyOptional(AMOUNT_SCHEMA)
  @IsOmittable()
  @IsMoneyAmount()
  amount?: string | number;

  @ApiPropertyOptional(CURRENCY_SCHEMA)
  @IsOmittable()
  @IsCurrencyCode()
  currency?: string;

  @IsOmittable()
  @IsString()
  @Length(1, 200)
  funder?: string;

  @IsOptional()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as IOM' })
  @MaxLength(16)
  funderPartyCode?: string | null;

  @IsOptional()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  partyCode?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class UpdateBudgetLineDto extends MoneyEntryPatch {}

export class UpdateSpendingDto extends MoneyEntryPatch {
  @IsOmittable()
  @IsCalendarDate()
  @MaxLength(10)
  spentOn?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string | null;
}

export class DeleteMoneyEntryQuery {
  /** The version you read, when `If-Match` cannot be sent. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;
}
