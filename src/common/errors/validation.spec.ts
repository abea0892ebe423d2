import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsString, Max, MaxLength, ValidateNested, validate } from 'class-validator';
import { flattenValidationErrors, unstorableStrings } from './validation';

describe('unstorableStrings', () => {
  it.each([
    ['plain text', { email: 'a@b.example' }, []],
    ['an emoji (a surrogate pair) is fine', { name: 'Accord 🤝' }, []],
    ['NUL', { title: 'a\u0000b' }, ['title']],
    ['a lone low surrogate', { email: '\udfff@b.example' }, ['email']],
    ['a lone high surrogate at the end', { name: 'x\ud83d' }, ['name']],
    ['a reversed pair', { name: '\udc00\ud800' }, ['name']],
    ['nested in arrays and objects', { a: [{ b: 'ok' }, { b: '\ud800' }] }, ['a.1.b']],
    ['a bare string names the path given', '\u0000', ['body']],
    ['a Buffer is left alone', Buffer.from([0, 0xff]), []],
  ])('%s', (_name, value, fields) => {
    expect(unstorableStrings(value).map((e) => e.field)).toEqual(fields);
  });

  it('says why', () => {
    expect(unstorableStrings({ e: '\udfff' })[0].message).toMatch(/surrogate/);
    expect(unstorableStrings({ e: '\u0000' })[0].message).toMatch(/NUL/);
  });
});

describe('flattenValidationErrors', () => {
  class Renewal {
    @IsIn(['tacit', 'explicit'])
    mode!: string;
  }
  class Body {
    @IsString()
    @MaxLength(5)
    title!: string;

    @Max(100, { each: true })
    leadDays!: number[];

    @ValidateNested()
    @Type(() => Renewal)
    renewal!: Renewal;
  }

  it('names each field by its path, with the rule that failed as `code` and its English sentence', async () => {
    const body = plainToInstance(Body, {
      title: 'far too long',
      leadDays: [1, 400],
      renewal: { mode: 'maybe' },
    });
    const errors = flattenValidationErrors(await validate(body));
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'title', code: 'maxLength', message: expect.stringContaining('5') },
        { field: 'leadDays', code: 'max', message: expect.stringContaining('100') },
        { field: 'renewal.mode', code: 'isIn', message: expect.stringContaining('tacit') },
      ]),
    );
    expect(errors).toHaveLength(3);
  });

  it('says "is not an accepted field" for an unknown one, with the whitelist code', async () => {
    const body = plainToInstance(Renewal, { mode: 'tacit', colour: 'red' });
    const errors = flattenValidationErrors(
      await validate(body, { whitelist: true, forbidNonWhitelisted: true }),
    );
    expect(errors).toEqual([
      { field: 'colour', code: 'whitelistValidation', message: 'is not an accepted field' },
    ]);
  });
});
