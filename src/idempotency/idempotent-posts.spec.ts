import {
  Controller,
  Get,
  Module,
  Post,
  UseInterceptors,
  type NestInterceptor,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { requireIdempotencyOnPosts } from './idempotent-posts';

class UploadInterceptor implements NestInterceptor {
  intercept: NestInterceptor['intercept'] = (_context, next) => next.handle();
}

@Controller('things')
class ThingsController {
  @Get()
  list() {}

  @Post()
  create() {}

  @Post('upload')
  @UseInterceptors(UploadInterceptor)
  upload() {}
}

@Controller('others')
class OthersController {
  @Post()
  create() {}
}

@Module({ controllers: [OthersController] })
class DynamicallyImported {}

@Module({ controllers: [ThingsController] })
class Feature {}

@Module({ imports: [Feature, { module: DynamicallyImported }, Feature] })
class Root {}

const interceptorsOf = (handler: unknown): unknown[] =>
  (Reflect.getMetadata(INTERCEPTORS_METADATA, handler as object) as unknown[]) ?? [];

describe('requireIdempotencyOnPosts', () => {
  it('puts the interceptor on every POST handler reached, through dynamic imports too, once each', () => {
    expect(requireIdempotencyOnPosts(Root)).toBe(3);
    expect(interceptorsOf(ThingsController.prototype.create)).toEqual([IdempotencyInterceptor]);
    expect(interceptorsOf(OthersController.prototype.create)).toEqual([IdempotencyInterceptor]);
  });

  it('leaves GET handlers without any interceptor (no rxjs pipeline per request)', () => {
    expect(interceptorsOf(ThingsController.prototype.list)).toEqual([]);
  });

  it('runs first, before a route’s own interceptors, as the global interceptor did', () => {
    expect(interceptorsOf(ThingsController.prototype.upload)).toEqual([
      IdempotencyInterceptor,
      UploadInterceptor,
    ]);
  });

  it('changes nothing when called again (several apps in one process)', () => {
    expect(requireIdempotencyOnPosts(Root)).toBe(0);
    expect(interceptorsOf(ThingsController.prototype.create)).toEqual([IdempotencyInterceptor]);
  });
});
