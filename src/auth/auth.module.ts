import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { AccountMailModule } from './accounts/account-mail.module';
import { AccountToken } from './accounts/account-token.entity';
import { AccountTokensService } from './accounts/account-tokens.service';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { MeController } from './accounts/me.controller';
import { ResetRequestThrottle } from './accounts/reset-request-throttle';
import { AuthSession } from './session/auth-session.entity';
import { SessionController } from './session/session.controller';
import { SessionsService } from './session/sessions.service';

@Module({
  imports: [
    UsersModule,
    NotificationsModule,
    AccountMailModule,
    TypeOrmModule.forFeature([AccountToken, AuthSession]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken 9 re-derives a key from a string secret on every
        // call (~360 µs against ~7 µs, measured here), and every request verifies a token.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256', expiresIn: config.JWT_TTL as `${number}h` },
        // RFC 8725 3.1: accept only the algorithm we sign with, whatever a token's header claims.
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, SessionController, AccountsController, MeController],
  providers: [
    AuthService,
    LoginThrottle,
    SessionsService,
    AccountsService,
    AccountTokensService,
    ResetRequestThrottle,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  // The calendar feed's public route verifies bearer tokens through AuthService (feed-tokens/).
  exports: [AuthService],
})
export class AuthModule {}
