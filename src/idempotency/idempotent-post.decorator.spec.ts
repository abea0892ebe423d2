import 'reflect-metadata';
import {
  Controller,
  Get,
  RequestMethod,
  UseInterceptors,
  type DynamicModule,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { ApiModule } from '../api.module';
import { WorkerModule } from '../worker.module';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyModule } from './idempotency.module';
import { Post } from './idempotent-post.decorator';

class UploadErrors implements NestInterceptor {
  intercept: NestInterceptor['intercept'] = (_context, next) => next.handle();
}
class UploadBody implements NestInterceptor {
  intercept: NestInterceptor['intercept'] = (_context, next) => next.handle();
}

@Controller('things')
class ThingsController {
  @Get()
  list() {}

  @Post()
  create() {}

  @Post('upload-below')
  @UseInterceptors(UploadErrors, UploadBody)
  uploadWithInterceptorsBelow() {}

  @UseInterceptors(UploadErrors, UploadBody)
  @Post('upload-above')
  uploadWithInterceptorsAbove() {}

  @Post('twice')
  @Post('twice')
  twice() {}

  @Post('twice-around')
  @UseInterceptors(UploadBody)
  @Post('twice-around')
  twiceAroundAnother() {}
}

const interceptorsOf = (handler: unknown): unknown[] =>
  (Reflect.getMetadata(INTERCEPTORS_METADATA, handler as object) as unknown[] | undefined) ?? [];

describe('@Post (idempotent-post.decorator)', () => {
  it('routes POST and puts the interceptor on the handler', () => {
    const handler = ThingsController.prototype.create;
    expect(Reflect.getMetadata(METHOD_METADATA, handler)).toBe(RequestMethod.POST);
    expect(interceptorsOf(handler)).toEqual([IdempotencyInterceptor]);
  });

  it('puts it first, before the route’s own interceptors, with @UseInterceptors below @Post', () => {
    expect(interceptorsOf(ThingsController.prototype.uploadWithInterceptorsBelow)).toEqual([
      IdempotencyInterceptor,
      UploadErrors,
      UploadBody,
    ]);
  });

  it('puts it first, before the route’s own interceptors, with @UseInterceptors above @Post', () => {
    expect(interceptorsOf(ThingsController.prototype.uploadWithInterceptorsAbove)).toEqual([
      IdempotencyInterceptor,
      UploadErrors,
      UploadBody,
    ]);
  });

  it('leaves GET handlers without any interceptor (no rxjs pipeline per request)', () => {
    expect(interceptorsOf(ThingsController.prototype.list)).toEqual([]);
  });

  it('applied twice, leaves one, still first', () => {
    expect(interceptorsOf(ThingsController.prototype.twice)).toEqual([IdempotencyInterceptor]);
    expect(interceptorsOf(ThingsController.prototype.twiceAroundAnother)).toEqual([
      IdempotencyInterceptor,
      UploadBody,
    ]);
  });
});

type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | { forwardRef: () => unknown };

/** The controllers `root` reaches through its imports, dynamic modules included. */
function controllersOf(root: Type): Set<Type> {
  const controllers = new Set<Type>();
  const seen = new Set<unknown>();
  const visit = (ref: ModuleRef | undefined): void => {
    if (!ref || ref instanceof Promise || 'forwardRef' in ref) return;
    const moduleClass = 'module' in ref ? ref.module : ref;
    if (seen.has(ref) || typeof moduleClass !== 'function') return;
    seen.add(ref);
    const dynamic: Partial<DynamicModule> = 'module' in ref ? ref : {};
    for (const controller of [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) as Type[]) ?? []),
      ...(dynamic.controllers ?? []),
    ])
      controllers.add(controller);
    for (const imported of [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) as ModuleRef[]) ?? []),
      ...((dynamic.imports ?? []) as ModuleRef[]),
    ])
      visit(imported);
  };
  visit(root);
  return controllers;
}

/** Every handler of `controller` (its prototype chain up to Object) with its HTTP method. */
function handlersOf(controller: Type): { name: string; method: unknown; handler: object }[] {
  const handlers: { name: string; method: unknown; handler: object }[] = [];
  const names = new Set<string>();
  for (let proto = controller.prototype as object; proto && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value: unknown = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (name === 'constructor' || names.has(name) || typeof value !== 'function') continue;
      names.add(name);
      handlers.push({ name, method: Reflect.getMetadata(METHOD_METADATA, value), handler: value });
    }
    proto = Object.getPrototypeOf(proto) as object;
  }
  return handlers;
}

describe('every POST handler of the real modules', () => {
  const routesOf = (root: Type) =>
    [...controllersOf(root)].flatMap((controller) =>
      handlersOf(controller).map((route) => ({ ...route, at: `${controller.name}.${route.name}` })),
    );

  it('ApiModule: every POST carries IdempotencyInterceptor first; no GET has it', () => {
    const routes = routesOf(ApiModule);
    const posts = routes.filter((route) => route.method === RequestMethod.POST);
    expect(posts.length).toBeGreaterThanOrEqual(33);
    const withoutItFirst = posts
      .filter((route) => interceptorsOf(route.handler)[0] !== IdempotencyInterceptor)
      .map((route) => route.at);
    expect(withoutItFirst).toEqual([]);
    const others = routes
      .filter((route) => route.method !== undefined && route.method !== RequestMethod.POST)
      .filter((route) => interceptorsOf(route.handler).includes(IdempotencyInterceptor))
      .map((route) => route.at);
    expect(others).toEqual([]);
  });

  it('WorkerModule: its POST handlers name IdempotencyInterceptor, so it imports IdempotencyModule', () => {
    const posts = routesOf(WorkerModule).filter((route) => route.method === RequestMethod.POST);
    expect(posts.length).toBeGreaterThan(0);
    for (const route of posts)
      expect(interceptorsOf(route.handler)[0]).toBe(IdempotencyInterceptor);
    expect(Reflect.getMetadata(MODULE_METADATA.IMPORTS, WorkerModule)).toContain(IdempotencyModule);
  });
});
