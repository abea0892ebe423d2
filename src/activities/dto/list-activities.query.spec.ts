import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe } from '../../common/errors/validation';
import { InvalidInput } from '../../common/errors/domain-errors';
import { ListActivitiesQuery } from './list-activities.query';

const asQuery: ArgumentMetadata = { type: 'query', metatype: ListActivitiesQuery, data: '' };
// The app's pipe (fast way in first) against the plain pipe with the same options (full validation).
const appPipe = createValidationPipe();
const fullPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
});

describe('ListActivitiesQuery.parseWellFormed', () => {
  it.each<[string, Record<string, unknown>]>([
    ['nothing: the defaults', {}],
    ['a page size', { pageSize: '50' }],
    ['the last page allowed', { page: '1000000', pageSize: '200' }],
    ['overdue only', { pageSize: '50', overdue: 'true' }],
    ['not overdue', { page: '3', overdue: 'false' }],
  ])('accepts %s exactly as full validation would', async (_name, raw) => {
    const fast = ListActivitiesQuery.parseWellFormed(raw);
    expect(fast).toBeInstanceOf(ListActivitiesQuery);
    const full = (await fullPipe.transform({ ...raw }, asQuery)) as ListActivitiesQuery;
    expect({ ...fast }).toEqual({ ...full });
    expect(await appPipe.transform({ ...raw }, asQuery)).toEqual(full);
  });

  it.each<[string, Record<string, unknown>]>([
    ['another filter', { pageSize: '50', status: 'planned' }],
    ['an unknown key', { pageSize: '50', colour: 'red' }],
    ['a number written otherwise', { pageSize: '050' }],
    ['a repeated key (an array)', { pageSize: ['50', '60'] }],
    ['overdue spelled otherwise', { overdue: 'TRUE' }],
  ])('leaves %s to full validation', (_name, raw) => {
    expect(ListActivitiesQuery.parseWellFormed(raw)).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['page size 0', { pageSize: '0' }, 'pageSize'],
    ['page size past the maximum', { pageSize: '201' }, 'pageSize'],
    ['page past the maximum', { page: '1000001' }, 'page'],
    ['overdue neither true nor false', { overdue: 'yes' }, 'overdue'],
    ['an unknown key', { colour: 'red' }, 'colour'],
  ])('still refuses %s with a 400 naming the field', async (_name, raw, field) => {
    expect(ListActivitiesQuery.parseWellFormed(raw)).toBeUndefined();
    const refused = await appPipe.transform(raw, asQuery).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidInput);
    expect((refused as InvalidInput).errors.map((e) => e.field)).toEqual([field]);
  });
});
