import type { ColumnOptions } from 'typeorm';

/**
 * numeric(18, 4) read as a JS number. pg hands numerics over as strings (they may exceed a double);
 * indicator values are bounded far below 2^53 with four decimals, so a number is exact enough here.
 */
export const numericColumn: ColumnOptions = {
  type: 'numeric',
  precision: 18,
  scale: 4,
  transformer: {
    to: (value: number | null | undefined) => value,
    from: (value: string | null) => (value === null ? null : Number(value)),
  },
};
